// Residuals for regression plots (residuals against predictions, predicted against actual).

/** yTrue − yPred per row (scikit-learn's PredictionErrorDisplay convention: positive means under-predicted). */
export function residuals(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Float64Array {
  if (yTrue.length !== yPred.length) throw new Error(`Length mismatch: ${yTrue.length} true values, ${yPred.length} predictions`);
  return Float64Array.from({ length: yTrue.length }, (_, i) => yTrue[i] - yPred[i]);
}

/**
 * Which points to draw when there are too many: every point up to maxPoints; beyond that the largest
 * |residuals| (a tenth of the budget, so outliers always show) plus an even stride through the rest.
 * Ascending positions.
 */
export function residualPlotIndices(res: ArrayLike<number>, maxPoints = 5000): Int32Array {
  const n = res.length;
  if (n <= maxPoints) return Int32Array.from({ length: n }, (_, i) => i);
  const nWorst = Math.floor(maxPoints / 10);
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => Math.abs(res[b]) - Math.abs(res[a]) || a - b);
  const chosen = new Uint8Array(n);
  for (let j = 0; j < nWorst; j++) chosen[order[j]] = 1;
  const rest = maxPoints - nWorst;
  const stride = n / rest;
  for (let j = 0; j < rest; j++) chosen[Math.floor(j * stride)] = 1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (chosen[i]) out.push(i);
  return Int32Array.from(out);
}
