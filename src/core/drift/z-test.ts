// Evidently's "z" test for two categories: the two-proportion Z-test, two-sided; drift when p < threshold.
import { normalCdf } from '../stats/normal.ts';
import type { CategoryKey, CategoryTable, TestOutcome } from './types.ts';

export const Z_THRESHOLD = 0.05;

const compareKeys = (a: CategoryKey, b: CategoryKey): number =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;

/**
 * z = (p₁ − p₂) / √(P(1 − P)(1/n₁ + 1/n₂)), p the share of values other than the first category in sorted
 * order, P the pooled share; p-value 2·(1 − Φ(|z|)) as Evidently writes it. When both sides hold one and the
 * same value there is nothing to test: p = 1 (and z = 0).
 */
export function zTest(table: CategoryTable, threshold = Z_THRESHOLD): TestOutcome {
  const present = (counts: Float64Array) => table.keys.filter((_, i) => counts[i] > 0);
  const ref = present(table.reference);
  const cur = present(table.current);
  if (ref.length === 1 && cur.length === 1 && ref[0] === cur[0]) {
    return { test: 'z', statistic: 0, pValue: 1, threshold, drifted: false };
  }
  const first = [...table.keys].sort(compareKeys)[0];
  const i0 = table.keys.indexOf(first);
  const n1 = table.referenceTotal;
  const n2 = table.currentTotal;
  const p1 = (n1 - table.reference[i0]) / n1;
  const p2 = (n2 - table.current[i0]) / n2;
  const P = (p1 * n1 + p2 * n2) / (n1 + n2);
  const statistic = (p1 - p2) / Math.sqrt(P * (1 - P) * (1 / n1 + 1 / n2));
  const pValue = 2 * (1 - normalCdf(Math.abs(statistic)));
  return { test: 'z', statistic, pValue, threshold, drifted: pValue < threshold };
}
