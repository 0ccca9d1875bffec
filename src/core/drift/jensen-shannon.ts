// Evidently's "jensenshannon" test: the Jensen–Shannon distance between the binned shares (natural log).
import { jensenShannonDistance } from '../stats/jensen-shannon-distance.ts';
import type { BinnedShares, TestOutcome } from './types.ts';

export const JENSEN_SHANNON_THRESHOLD = 0.1;

/** Drift when the distance ≥ threshold. Shares as binnedShares gives them (no zero filling). */
export function jensenShannonTest(shares: BinnedShares, threshold = JENSEN_SHANNON_THRESHOLD): TestOutcome {
  const statistic = jensenShannonDistance(shares.reference, shares.current);
  return { test: 'jensenshannon', statistic, threshold, drifted: statistic >= threshold };
}
