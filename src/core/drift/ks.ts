// Evidently's "ks" test: SciPy's two-sided two-sample Kolmogorov–Smirnov test; drift when p ≤ threshold.
import { ksTwoSample } from '../stats/ks-two-sample.ts';
import type { TestOutcome } from './types.ts';

export const KS_THRESHOLD = 0.05;

/** Both samples ascending, non-empty. Evidently compares p ≤ threshold here (< for chi-square and Z). */
export function ksTest(reference: Float64Array, current: Float64Array, threshold = KS_THRESHOLD): TestOutcome {
  const r = ksTwoSample(reference, current);
  return { test: 'ks', statistic: r.statistic, pValue: r.pValue, threshold, drifted: r.pValue <= threshold };
}
