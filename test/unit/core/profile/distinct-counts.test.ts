import { describe, expect, it } from 'vitest';
import { distinctCounts } from '../../../../src/core/profile/distinct-counts.ts';
import { hashFloat, SEED_TABLE } from '../../../../src/core/profile/float-hash.ts';
import { HyperLogLog } from '../../../../src/core/profile/hyperloglog.ts';

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function truth(values: Float64Array): { distinct: number; unique: number; counts: Map<number, number> } {
  const counts = new Map<number, number>();
  for (const v of values) if (Number.isFinite(v)) counts.set(v === 0 ? 0 : v, (counts.get(v === 0 ? 0 : v) ?? 0) + 1);
  let unique = 0;
  for (const c of counts.values()) if (c === 1) unique++;
  return { distinct: counts.size, unique, counts };
}

describe('distinctCounts', () => {
  it('counts exactly and sorts while the distinct values fit the limit', () => {
    const r = random(3);
    const values = Float64Array.from({ length: 20_000 }, () => (r() < 0.1 ? NaN : r() < 0.01 ? Infinity : Math.floor(r() * 300) - (r() < 0.5 ? 0 : 0.5)));
    values[5] = -0;
    values[6] = 0;
    const finite = values.filter(Number.isFinite);
    const result = distinctCounts(values, Math.min(...finite), Math.max(...finite), 1000);
    expect(result.exact).toBe(true);
    if (!result.exact) return;
    const t = truth(values);
    const keys = [...t.counts.keys()].sort((a, b) => a - b);
    expect(Array.from(result.sorted.values)).toEqual(keys);
    expect(Array.from(result.sorted.counts ?? [])).toEqual(keys.map((k) => t.counts.get(k)));
    expect(result.sorted.total).toBe(finite.length);
  });

  it('estimates distinct and unique beyond the limit, within 3 of their standard errors', () => {
    for (const seed of [1, 2, 3, 4]) {
      const r = random(seed);
      // About 40% of values once, the rest repeated.
      const values = Float64Array.from({ length: 60_000 }, () => (r() < 0.4 ? r() : Math.floor(r() * 5000)));
      const t = truth(values);
      const result = distinctCounts(values, 0, 5000, 500);
      expect(result.exact).toBe(false);
      if (result.exact) return;
      expect(Math.abs(result.distinct - t.distinct) / t.distinct).toBeLessThanOrEqual(3 * HyperLogLog.error());
      expect(result.uniqueError).toBeGreaterThan(HyperLogLog.error());
      expect(Math.abs(result.unique - t.unique) / t.unique).toBeLessThanOrEqual(3 * result.uniqueError);
    }
  });

  it("leaves each finite value's table hash for the sketch that follows", () => {
    const values = Float64Array.from([1.5, NaN, -0, 0, Infinity, 2 ** 60, -7]);
    const hashes = new Uint32Array(values.length);
    distinctCounts(values, -7, 2 ** 60, 1000, hashes);
    values.forEach((v, i) => {
      if (Number.isFinite(v)) expect(hashes[i], String(v)).toBe(hashFloat(v, SEED_TABLE));
    });
  });
});
