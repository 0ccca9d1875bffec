import { describe, expect, it } from 'vitest';
import { AUTO_BINS, binCodes, cutEdges, NO_BIN, sortedBinStarts } from '../../../../src/core/profile/cut-bins.ts';
import { sortFinite } from '../../../../src/core/profile/sort-finite.ts';

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 48271) + 13) >>> 0;
    return s / 2 ** 32;
  };
}

/** pandas cut(labels=False) as searchsorted(edges, v, 'left') − 1, clipped to the bins: the reference. */
function reference(values: Float64Array, edges: Float64Array): number[] {
  const bins = edges.length - 1;
  return Array.from(values, (v) => {
    if (!Number.isFinite(v)) return NO_BIN;
    let left = 0;
    while (left < edges.length && edges[left] < v) left++;
    return Math.min(bins - 1, Math.max(0, left - 1));
  });
}

describe('binCodes and sortedBinStarts', () => {
  const r = random(21);
  const cases: Record<string, () => number> = {
    uniform: () => r() * 10 - 3,
    'values on the edges': () => Math.floor(r() * 11),
    skewed: () => Math.exp(8 * r()),
    'gaps and infinities': () => (r() < 0.1 ? NaN : r() < 0.02 ? -Infinity : r()),
    tiny: () => 1 + r() * 1e-12,
  };
  for (const [name, f] of Object.entries(cases)) {
    it(`cut as pandas does: ${name}`, () => {
      const values = Float64Array.from({ length: 20_000 }, f);
      const finite = values.filter(Number.isFinite);
      const min = finite.reduce((a, b) => Math.min(a, b));
      const max = finite.reduce((a, b) => Math.max(a, b));
      const edges = cutEdges(min, max, AUTO_BINS);
      const codes = binCodes(values, edges);
      expect(Array.from(codes)).toEqual(reference(values, edges));
      // The same bins from sorted values: each bin's run of positions holds the values binCodes puts there.
      const sorted = sortFinite(values, finite.length, min, max);
      const starts = sortedBinStarts(sorted, edges);
      const fromSorted = new Array<number>(sorted.length);
      for (let b = 0; b < AUTO_BINS; b++) for (let k = starts[b]; k < starts[b + 1]; k++) fromSorted[k] = b;
      expect(fromSorted).toEqual(Array.from(binCodes(sorted, edges)));
    });
  }
});
