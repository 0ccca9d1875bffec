import { describe, expect, it } from 'vitest';
import { binnedShares, fillZeroes, histogramCounts, searchSorted, sturgesEdges } from '../../../../src/core/drift/binning.ts';
import { numericSample, pairs } from './pairs.ts';

/**
 * Reference: numpy.histogram_bin_edges(concatenate([reference, current]), bins='sturges') for every numeric
 * fixture pair. Edges to 1e-12 relative (numpy's linspace: i·step + start, the last edge set to max) and the
 * bin count exactly, since a different count would change every share.
 */
describe('sturgesEdges', () => {
  it('matches numpy’s Sturges edges on every fixture pair', () => {
    for (const p of pairs.numeric) {
      const all = [...p.reference, ...p.current];
      const edges = sturgesEdges(Math.min(...all), Math.max(...all), all.length);
      expect(edges.length, p.name).toBe(p.sturges_edges.length);
      edges.forEach((e, i) => expect(Math.abs(e - p.sturges_edges[i]), `${p.name} edge ${i}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(e))));
    }
  });

  it('puts one bin of width 1 around a single value', () => {
    expect(sturgesEdges(3, 3, 10)).toEqual([2.5, 3.5]);
  });
});

describe('histogramCounts', () => {
  it('counts [e_i, e_{i+1}) with the last bin closed, as numpy.histogram', () => {
    const v = Float64Array.from([0, 1, 1, 2, 3, 4]);
    expect(Array.from(histogramCounts(v, [0, 1, 2, 4]))).toEqual([1, 2, 3]);
    expect(searchSorted(v, 1, 'left')).toBe(1);
    expect(searchSorted(v, 1, 'right')).toBe(3);
  });
});

describe('binnedShares', () => {
  it('counts per value up to 20 distinct reference values, bins above', () => {
    const few = numericSample(Array.from({ length: 100 }, (_, i) => i % 20));
    expect(binnedShares(few, few, 'numeric').reference.length).toBe(20);
    const many = numericSample(Array.from({ length: 100 }, (_, i) => i % 21));
    // 200 pooled values: ⌈log₂ 200 + 1⌉ = 9 Sturges bins.
    expect(binnedShares(many, many, 'numeric').reference.length).toBe(9);
  });

  it('fills empty bins with the smallest share ÷ 10⁶ or 0.0001, per side', () => {
    expect(Array.from(fillZeroes(Float64Array.from([0.5, 0, 0.5])))).toEqual([0.5, 0.0001, 0.5]);
    expect(Array.from(fillZeroes(Float64Array.from([0.99995, 0, 0.00005])))).toEqual([0.99995, 0.00005 / 1e6, 0.00005]);
  });
});
