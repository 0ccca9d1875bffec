// The two-sample Kolmogorov–Smirnov test, two-sided, as SciPy's ks_2samp(a, b) with method='auto'.
import { kolmogorovSurvival } from './kolmogorov.ts';
import { ksOuterProbInside, ksProbOutsideSquare } from './ks-two-sample-exact.ts';

export interface KsResult {
  /** D = sup |F_a − F_b| over the pooled values. */
  statistic: number;
  pValue: number;
  /** SciPy's choice: exact when both samples have at most 10,000 values, asymptotic otherwise. */
  method: 'exact' | 'asymp';
}

/** SciPy's MAX_AUTO_N: 'auto' tries the exact distribution up to this sample size. */
export const KS_EXACT_MAX_N = 10000;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** numpy's round: halves to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * D for two ascending samples, by the differences of the empirical CDFs at every pooled value (SciPy's
 * searchsorted(side='right') / n, so ties are counted the same way and D is the same double).
 */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let max = -Infinity;
  let min = Infinity;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    while (i < n1 && a[i] <= v) i++;
    while (j < n2 && b[j] <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > max) max = diff;
    if (diff < min) min = diff;
  }
  const minS = Math.min(1, Math.max(0, -min));
  return minS > max ? minS : max;
}

/** The two-sided p-value of D for sample sizes n1 and n2. */
export function ksPValue(n1: number, n2: number, d: number): { pValue: number; method: 'exact' | 'asymp'; statistic: number } {
  if (Math.max(n1, n2) <= KS_EXACT_MAX_N) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    // SciPy reports D snapped to the lattice it tested.
    const snapped = h / lcm;
    if (h === 0) return { pValue: 1, method: 'exact', statistic: snapped };
    const prob = n1 === n2 ? ksProbOutsideSquare(n1, h) : ksOuterProbInside(n1, n2, g, h);
    if (prob >= 0 && prob <= 1) return { pValue: prob, method: 'exact', statistic: snapped };
    d = snapped; // SciPy falls back to the asymptotic distribution with the snapped D
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const en = (m * n) / (m + n);
  return { pValue: Math.min(1, Math.max(0, kolmogorovSurvival(roundHalfEven(en), d))), method: 'asymp', statistic: d };
}

/** The test on two samples, each sorted ascending, without missing values. */
export function ksTwoSample(a: Float64Array, b: Float64Array): KsResult {
  if (a.length === 0 || b.length === 0) throw new Error('ksTwoSample needs two non-empty samples');
  return ksPValue(a.length, b.length, ksStatistic(a, b));
}
