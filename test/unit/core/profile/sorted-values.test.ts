import { describe, expect, it } from 'vitest';
import {
  binCounts,
  centralSums,
  median,
  medianAbsoluteDeviation,
  quantiles,
  valueRuns,
  valuesAtRanks,
  type SortedValues,
} from '../../../../src/core/profile/sorted-values.ts';

const raw = (values: number[]): SortedValues => {
  const v = Float64Array.from(values).sort();
  return { values: v, counts: null, total: v.length };
};
/** The same values as distinct values with counts. */
const counted = (values: number[]): SortedValues => {
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  return {
    values: Float64Array.from(distinct),
    counts: Int32Array.from(distinct, (d) => values.filter((v) => v === d).length),
    total: values.length,
  };
};

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

describe('sorted values', () => {
  it('reads quantiles with linear interpolation at q·(n − 1)', () => {
    // 10, 20, 30, 40: position 0.75 → 10 + 0.75·10; position 1.5 → 25; position 2.85 → 38.5.
    const s = raw([40, 10, 30, 20]);
    const q = quantiles(s, [0.25, 0.5, 0.95, 0, 1]);
    [17.5, 25, 38.5, 10, 40].forEach((v, i) => expect(q[i]).toBeCloseTo(v, 12));
    expect(quantiles(raw([]), [0.5])).toEqual([NaN]);
    expect(quantiles(raw([7]), [0.05, 0.95])).toEqual([7, 7]);
  });

  it('gives the same answers with counts as with every occurrence', () => {
    const r = random(99);
    for (let t = 0; t < 200; t++) {
      const values = Array.from({ length: 1 + Math.floor(r() * 40) }, () => Math.floor(r() * 8) - 3);
      const a = raw(values);
      const b = counted(values);
      const qs = [0.05, 0.25, 0.5, 0.75, 0.95];
      expect(quantiles(b, qs)).toEqual(quantiles(a, qs));
      expect(median(b)).toBe(median(a));
      expect(medianAbsoluteDeviation(b, median(b))).toBe(medianAbsoluteDeviation(a, median(a)));
      expect(valueRuns(b, 3, 2)).toEqual(valueRuns(a, 3, 2));
      expect(binCounts(b, [-3, 0, 2, 4])).toEqual(binCounts(a, [-3, 0, 2, 4]));
      const ranks = [0, values.length - 1, values.length >> 1];
      expect(valuesAtRanks(b, ranks)).toEqual(valuesAtRanks(a, ranks));
    }
  });

  it("takes NumPy's median and the median of absolute deviations from it", () => {
    expect(median(raw([3, 1, 2]))).toBe(2);
    expect(median(raw([4, 1, 2, 3]))).toBe(2.5);
    expect(median(raw([1.7e308, 1.7e308]))).toBe(1.7e308);
    // Deviations from 2.5 of 1, 2, 3, 10: 1.5, 0.5, 0.5, 7.5 → median 1.
    expect(medianAbsoluteDeviation(raw([1, 2, 3, 10]), 2.5)).toBe(1);
    // Brute force on random samples (sort the deviations, take the middle).
    const r = random(7);
    for (let t = 0; t < 300; t++) {
      const values = Array.from({ length: 1 + Math.floor(r() * 25) }, () => Math.round(r() * 20) / 4 - 1);
      const s = raw(values);
      const m = median(s);
      const d = values.map((v) => Math.abs(v - m)).sort((x, y) => x - y);
      expect(medianAbsoluteDeviation(s, m)).toBe((d[(d.length - 1) >> 1] + d[d.length >> 1]) / 2);
    }
  });

  it('counts distinct and once-only values, the most common and the extremes', () => {
    const runs = valueRuns(raw([5, 1, 1, 2, 9, 9, 9, 3, 4, 7]), 3, 2);
    expect(runs.distinct).toBe(7);
    expect(runs.unique).toBe(5);
    // Ties: smaller value first.
    expect(runs.common).toEqual([
      { value: 9, count: 3 },
      { value: 1, count: 2 },
      { value: 2, count: 1 },
    ]);
    expect(runs.lowest).toEqual([
      { value: 1, count: 2 },
      { value: 2, count: 1 },
    ]);
    expect(runs.highest).toEqual([
      { value: 9, count: 3 },
      { value: 7, count: 1 },
    ]);
    expect(valueRuns(raw([]), 10, 5)).toEqual({ distinct: 0, unique: 0, common: [], lowest: [], highest: [] });
  });

  it('sums central powers about the true mean even when the mean does not round exactly', () => {
    // 1e9 + {0.1, 0.2, 0.3, 0.7}: deviations from the true mean 1e9 + 0.325 are −0.225, −0.125, −0.025, 0.375.
    const base = [0.1, 0.2, 0.3, 0.7];
    const s = raw(base.map((d) => 1e9 + d));
    const dev = base.map((d) => d - 0.325);
    const { m2, m3, m4 } = centralSums(s, 1e9 + 0.3); // a deliberately off mean
    expect(m2).toBeCloseTo(dev.reduce((a, d) => a + d ** 2, 0), 6);
    expect(m3).toBeCloseTo(dev.reduce((a, d) => a + d ** 3, 0), 6);
    expect(m4).toBeCloseTo(dev.reduce((a, d) => a + d ** 4, 0), 6);
  });

  it('bins values, the last bin closed and outliers to the nearest bin', () => {
    expect(binCounts(raw([0, 1, 1.5, 2, 3]), [0, 1, 2])).toEqual([1, 4]);
    expect(binCounts(raw([-5, 0.5, 9]), [0, 1, 2])).toEqual([2, 1]);
  });
});
