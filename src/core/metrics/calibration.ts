// Calibration (reliability) curves: in each band of predicted probability, how often the event really happened.

export interface CalibrationCurve {
  /** Observed share of positives per non-empty bin. */
  probTrue: Float64Array;
  /** Mean predicted probability per non-empty bin. */
  probPred: Float64Array;
  /** Rows per non-empty bin (for point sizes or a histogram beneath). */
  counts: Int32Array;
}

/**
 * scikit-learn's calibration_curve(strategy='uniform'): nBins equal-width bins on [0, 1] with edges i / nBins;
 * a probability equal to an inner edge falls in the lower bin (numpy searchsorted, side left). Empty bins
 * are left out. Probabilities outside [0, 1] are refused.
 */
export function calibrationCurve(
  positive: ArrayLike<number | boolean>,
  probs: ArrayLike<number>,
  options: { nBins?: number } = {},
): CalibrationCurve {
  const nBins = options.nBins ?? 10;
  const n = probs.length;
  if (positive.length !== n) throw new Error(`Length mismatch: ${positive.length} labels, ${n} probabilities`);
  if (!Number.isInteger(nBins) || nBins < 1) throw new Error(`nBins must be a positive integer (got ${nBins})`);
  const step = 1 / nBins;
  // numpy's linspace computes the edges as i * step: match it, so a value on an edge lands where sklearn puts it.
  const inner = Float64Array.from({ length: nBins - 1 }, (_, i) => (i + 1) * step);
  const sums = new Float64Array(nBins);
  const trues = new Float64Array(nBins);
  const totals = new Int32Array(nBins);
  for (let i = 0; i < n; i++) {
    const p = probs[i];
    if (!(p >= 0 && p <= 1)) throw new Error(`Probability ${p} at row ${i} is outside [0, 1]`);
    // Number of inner edges strictly below p (binary search).
    let lo = 0;
    let hi = inner.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (inner[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    sums[lo] += p;
    trues[lo] += positive[i] ? 1 : 0;
    totals[lo]++;
  }
  const probTrue: number[] = [];
  const probPred: number[] = [];
  const counts: number[] = [];
  for (let b = 0; b < nBins; b++) {
    if (totals[b] === 0) continue;
    probTrue.push(trues[b] / totals[b]);
    probPred.push(sums[b] / totals[b]);
    counts.push(totals[b]);
  }
  return { probTrue: Float64Array.from(probTrue), probPred: Float64Array.from(probPred), counts: Int32Array.from(counts) };
}

/**
 * Top-label calibration for several classes: the confidence of the predicted class against whether it was
 * right. sklearn's curve is binary only; this is the usual multiclass reading of a reliability diagram.
 */
export function confidenceCalibration(
  yTrue: ArrayLike<number>,
  probs: ArrayLike<number>,
  k: number,
  options: { nBins?: number } = {},
): CalibrationCurve {
  const n = yTrue.length;
  if (probs.length !== n * k) throw new Error(`Expected ${n * k} probabilities (${n} rows × ${k} classes), got ${probs.length}`);
  const correct = new Uint8Array(n);
  const confidence = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (probs[i * k + j] > probs[i * k + best]) best = j;
    confidence[i] = Math.min(Math.max(probs[i * k + best], 0), 1);
    correct[i] = best === yTrue[i] ? 1 : 0;
  }
  return calibrationCurve(correct, confidence, options);
}
