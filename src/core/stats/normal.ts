// The standard normal distribution: erf, erfc and the CDF as SciPy's special.ndtr computes them.

const SQRT_HALF = 0.7071067811865476; // Cephes' SQRTH
const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;

/**
 * erf(x) = 2/√π · e^(−x²) · Σ (2x²)ⁿ x / (1·3·…·(2n+1)): every term is positive, so the sum has no
 * cancellation (unlike the alternating Maclaurin series). Used for |x| < 2, where it needs < 60 terms.
 */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (Math.abs(term) <= Math.abs(sum) * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/**
 * erfc(x) for x ≥ 2 by the continued fraction e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …)))),
 * evaluated with Lentz's method: relative accuracy near machine precision, no 1 − erf cancellation.
 */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 5000; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) < 2) return erfSeries(x);
  return x > 0 ? 1 - erfcContinuedFraction(x) : erfcContinuedFraction(-x) - 1;
}

/** 1 − erf(x), accurate in relative terms far into the upper tail (erfc(26) ≈ 6e−296). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) return 1 - erfSeries(x);
  if (x > 27.3) return 0;
  return erfcContinuedFraction(x);
}

/**
 * Φ(z), by the same steps as Cephes' ndtr (SciPy's norm.cdf): erf near 0, erfc in the tails, so the lower
 * tail keeps its relative precision.
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const x = z * SQRT_HALF;
  const ax = Math.abs(x);
  if (ax < SQRT_HALF) return 0.5 + 0.5 * erf(x);
  const y = 0.5 * erfc(ax);
  return x > 0 ? 1 - y : y;
}

/** 1 − Φ(z) without the cancellation of computing 1 − normalCdf(z) in the upper tail. */
export function normalSurvival(z: number): number {
  return normalCdf(-z);
}
