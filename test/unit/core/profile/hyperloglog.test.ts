import { describe, expect, it } from 'vitest';
import { hashFloat, SEED_INDEX, SEED_RANK } from '../../../../src/core/profile/float-hash.ts';
import { HyperLogLog } from '../../../../src/core/profile/hyperloglog.ts';

function estimate(values: Iterable<number>): number {
  const h = new HyperLogLog();
  for (const v of values) h.add(hashFloat(v, SEED_INDEX), hashFloat(v, SEED_RANK));
  return h.estimate();
}

describe('HyperLogLog', () => {
  it('states 1.04/√m as its relative standard error (0.81% with 2^14 registers)', () => {
    expect(HyperLogLog.error(14)).toBeCloseTo(1.04 / 128, 12);
  });

  it('estimates within 3 standard errors from a handful to a million distinct values', () => {
    for (const d of [1, 10, 100, 1000, 10_000, 30_000, 100_000, 1_000_000]) {
      for (const offset of [0.5, 1e6 + 0.25]) {
        const values = Array.from({ length: d }, (_, i) => offset + i * 1.5);
        const e = estimate(values);
        expect(Math.abs(e - d) / d, `${d} distinct`).toBeLessThanOrEqual(Math.max(3 * HyperLogLog.error(), d < 100 ? 0.03 : 0));
      }
    }
  });

  it('ignores repeats and reads 0 when empty', () => {
    expect(estimate([])).toBe(0);
    const repeated = Array.from({ length: 50_000 }, (_, i) => i % 500);
    expect(Math.abs(estimate(repeated) - 500)).toBeLessThan(500 * 3 * HyperLogLog.error());
  });
});
