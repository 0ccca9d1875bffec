// The one-sided Kolmogorov–Smirnov (Smirnov) distribution: P(Dₙ⁺ ≥ x), SciPy's special.smirnov(n, x).

/**
 * Birnbaum and Tingey's exact sum, P(Dₙ⁺ ≥ x) = x · Σ_{v=0}^{⌊n(1−x)⌋} C(n,v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v).
 * Every term is positive, so summing them in log space (to keep C(n,v) and the powers finite for large n)
 * loses nothing to cancellation: relative error about n·ε.
 */
export function smirnovSurvival(n: number, x: number): number {
  if (!(n > 0) || !Number.isInteger(n) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  const last = Math.floor(n * (1 - x));
  let logBinomial = 0; // ln C(n, v)
  let sum = 0;
  for (let v = 0; v <= last; v++) {
    const e = x + v / n;
    const rest = 1 - e;
    if (rest > 0) sum += Math.exp(logBinomial + (v - 1) * Math.log(e) + (n - v) * Math.log(rest));
    logBinomial += Math.log((n - v) / (v + 1));
  }
  return Math.min(1, Math.max(0, sum * x));
}
