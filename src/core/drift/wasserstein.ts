// Evidently's "wasserstein" test: the Wasserstein distance in units of the reference's standard deviation.
import { wassersteinDistance } from '../stats/wasserstein-distance.ts';
import { populationStd } from '../stats/standard-deviation.ts';
import type { TestOutcome } from './types.ts';

export const WASSERSTEIN_THRESHOLD = 0.1;
/** Evidently divides by max(std, 0.001), so a constant reference does not divide by zero. */
export const MIN_NORM = 0.001;

/** Drift when the normed distance ≥ threshold. Samples ascending, non-empty. */
export function wassersteinTest(reference: Float64Array, current: Float64Array, threshold = WASSERSTEIN_THRESHOLD): TestOutcome {
  const norm = Math.max(populationStd(reference), MIN_NORM);
  const statistic = wassersteinDistance(reference, current) / norm;
  return { test: 'wasserstein', statistic, threshold, drifted: statistic >= threshold };
}
