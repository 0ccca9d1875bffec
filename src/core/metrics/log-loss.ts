// Log loss (cross-entropy) of predicted class probabilities, clipped and renormalised as scikit-learn 1.2 does.

/** Machine epsilon of float64: scikit-learn 1.2's eps="auto" for float64 probabilities. */
export const FLOAT64_EPS = 2.220446049250313e-16;

/**
 * Mean of −log p(true class). Each probability is first clipped to [eps, 1 − eps] and each row renormalised
 * to sum to 1, so a confident mistake costs about −log(eps) ≈ 36 rather than infinity. `probs` is row-major
 * n × k; `yTrue` holds class indices. NaN for no rows.
 */
export function logLoss(
  yTrue: ArrayLike<number>,
  probs: ArrayLike<number>,
  k: number,
  options: { eps?: number } = {},
): number {
  const n = yTrue.length;
  if (probs.length !== n * k) throw new Error(`Expected ${n * k} probabilities (${n} rows × ${k} classes), got ${probs.length}`);
  if (n === 0) return NaN;
  const eps = options.eps ?? FLOAT64_EPS;
  const clip = (p: number): number => Math.min(Math.max(p, eps), 1 - eps);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    for (let j = 0; j < k; j++) rowSum += clip(probs[i * k + j]);
    const c = yTrue[i];
    if (!(c >= 0 && c < k)) throw new Error(`Row ${i}: class ${c} is outside 0..${k - 1}`);
    total -= Math.log(clip(probs[i * k + c]) / rowSum);
  }
  return total / n;
}
