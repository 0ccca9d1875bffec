// Regression metrics over predicted and true values.

export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkLengths(yTrue, yPred);
  if (yTrue.length === 0) return NaN;
  let ss = 0;
  for (let i = 0; i < yTrue.length; i++) ss += (yTrue[i] - yPred[i]) ** 2;
  return Math.sqrt(ss / yTrue.length);
}

export function mae(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkLengths(yTrue, yPred);
  if (yTrue.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += Math.abs(yTrue[i] - yPred[i]);
  return s / yTrue.length;
}

/**
 * Coefficient of determination. For a constant true value it follows scikit-learn's
 * force_finite convention: 1 for perfect predictions, otherwise 0, never NaN or -Infinity.
 */
export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkLengths(yTrue, yPred);
  const n = yTrue.length;
  if (n === 0) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i];
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    ssRes += (yTrue[i] - yPred[i]) ** 2;
    ssTot += (yTrue[i] - mean) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/** Float64 machine epsilon: scikit-learn's floor for |y| in the MAPE denominator. */
const MAPE_EPSILON = 2.220446049250313e-16;

/**
 * Mean absolute percentage error as scikit-learn defines it: mean of |y − ŷ| / max(|y|, ε), a fraction (0.05
 * is 5%), not a percentage. A true value of 0 with any error gives a huge value (≈ error / 2.2e-16): that
 * is sklearn's answer and says the metric does not suit targets near zero.
 */
export function mape(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkLengths(yTrue, yPred);
  if (yTrue.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += Math.abs(yPred[i] - yTrue[i]) / Math.max(Math.abs(yTrue[i]), MAPE_EPSILON);
  return s / yTrue.length;
}

function checkLengths(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new Error(`Length mismatch: ${a.length} true values, ${b.length} predictions`);
}
