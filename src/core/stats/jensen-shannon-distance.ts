// The Jensen–Shannon distance between two discrete distributions, as SciPy's spatial.distance.jensenshannon.

/** x·ln(x/y) with SciPy's rel_entr conventions: 0 when x = 0, ∞ when y = 0 < x. */
function relativeEntropy(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/**
 * √((KL(p‖m) + KL(q‖m)) / 2) with m = (p + q)/2, after normalising p and q to sum to 1; natural logarithm
 * unless a base is given (SciPy's default base=None, which Evidently keeps). Between 0 and √ln 2 ≈ 0.833.
 */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>, base?: number): number {
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    sp += p[i];
    sq += q[i];
  }
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] / sp;
    const qi = q[i] / sq;
    const m = (pi + qi) / 2;
    left += relativeEntropy(pi, m);
    right += relativeEntropy(qi, m);
  }
  let js = left + right;
  if (base !== undefined) js /= Math.log(base);
  // Rounding can leave a hair below 0 for identical inputs, where SciPy's sqrt would give NaN.
  return Math.sqrt(Math.max(0, js / 2));
}
