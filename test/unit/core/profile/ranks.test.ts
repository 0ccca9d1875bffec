import { describe, expect, it } from 'vitest';
import { AUTO_BINS, binCodes, cutEdges } from '../../../../src/core/profile/cut-bins.ts';
import { finiteStats, rankedSort, rankFinite } from '../../../../src/core/profile/ranks.ts';
import { SortScratch, sortFinite } from '../../../../src/core/profile/sort-finite.ts';

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 48271) + 11) >>> 0;
    return s / 2 ** 32;
  };
}

/** Average ranks from the built-in comparison sort: the reference. */
function referenceRanks(values: number[]): number[] {
  const order = values.flatMap((v, i) => (Number.isFinite(v) ? [i] : [])).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(values.length).fill(NaN);
  for (let i = 0; i < order.length; ) {
    let j = i + 1;
    while (j < order.length && values[order[j]] === values[order[i]]) j++;
    for (let k = i; k < j; k++) ranks[order[k]] = (i + 1 + j) / 2;
    i = j;
  }
  return ranks;
}

describe('rankedSort', () => {
  const r = random(9);
  const n = 30_000;
  const cases: Record<string, () => number> = {
    'narrow integers with gaps (counted)': () => (r() < 0.05 ? NaN : Math.floor(r() * 60) - 30),
    'wide integers (sorted)': () => Math.floor(r() * 1e9),
    'floats with ties': () => (r() < 0.1 ? NaN : Math.round(r() * 1e4) / 100),
    'zeros of both signs and infinities': () => (r() < 0.2 ? (r() < 0.5 ? -0 : 0) : r() < 0.05 ? (r() < 0.5 ? Infinity : -Infinity) : r() - 0.5),
    'many orders of magnitude': () => (r() < 0.5 ? -1 : 1) * 10 ** (r() * 600 - 300),
    'log-normal': () => Math.exp(20 * (r() - 0.5)),
  };
  for (const [name, f] of Object.entries(cases)) {
    it(`sorts as sortFinite and ranks as a comparison sort: ${name}`, () => {
      const values = Float64Array.from({ length: n }, f);
      const stats = finiteStats(values);
      const { sorted, ranked } = rankedSort(values, stats.count, stats.min, stats.max, stats.integral);
      expect(Array.from(sorted)).toEqual(Array.from(sortFinite(values, stats.count, stats.min, stats.max)));
      expect(ranked.count).toBe(stats.count);
      expect(Array.from(ranked.ranks)).toEqual(referenceRanks(Array.from(values)));
      expect(Array.from(rankFinite(values).ranks)).toEqual(Array.from(ranked.ranks));
      expect(ranked.bins).toBeUndefined();
      const withBins = rankedSort(values, stats.count, stats.min, stats.max, stats.integral, undefined, true);
      expect(Array.from(withBins.ranked.ranks)).toEqual(Array.from(ranked.ranks));
      expect(Array.from(withBins.ranked.bins ?? [])).toEqual(Array.from(binCodes(values, cutEdges(stats.min, stats.max, AUTO_BINS))));
    });
  }

  it('gives the same results sorting column after column into one scratch', () => {
    const scratch = new SortScratch();
    for (const f of Object.values(cases)) {
      const values = Float64Array.from({ length: 5000 }, f);
      const stats = finiteStats(values);
      const fresh = rankedSort(values, stats.count, stats.min, stats.max, stats.integral);
      const reused = rankedSort(values, stats.count, stats.min, stats.max, stats.integral, scratch);
      expect(Array.from(reused.sorted)).toEqual(Array.from(fresh.sorted));
      expect(Array.from(reused.ranked.ranks)).toEqual(Array.from(fresh.ranked.ranks));
    }
  });

  it('keeps ranks in 32-bit floats, where half-integers below 2^23 are exact', () => {
    const { ranked } = rankedSort(Float64Array.from([2, 1, 2]), 3, 1, 2, true);
    expect(ranked.ranks).toBeInstanceOf(Float32Array);
    expect(Array.from(ranked.ranks)).toEqual([2.5, 1, 2.5]);
  });

  it('gives NaN ranks and no values for a column without finite values', () => {
    const { sorted, ranked } = rankedSort(Float64Array.from([NaN, Infinity]), 0, NaN, NaN, true);
    expect(sorted.length).toBe(0);
    expect(ranked).toMatchObject({ count: 0 });
    expect(Array.from(ranked.ranks)).toEqual([NaN, NaN]);
  });
});
