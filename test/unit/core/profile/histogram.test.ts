import { describe, expect, it } from 'vitest';
import { countBins, histogram, histogramEdges, MAX_BINS, sortedHistogram } from '../../../../src/core/profile/histogram.ts';

const total = (bins: { count: number }[]): number => bins.reduce((s, b) => s + b.count, 0);

describe('histogram', () => {
  it("uses at most ydata's 50 contiguous bins with round edges", () => {
    expect(MAX_BINS).toBe(50);
    const values = new Float64Array(1000).map((_, i) => Math.sin(i) * 37.3 + 12);
    const bins = histogram(values);
    expect(bins.length).toBeLessThanOrEqual(50);
    expect(bins.length).toBeGreaterThanOrEqual(20);
    expect(total(bins)).toBe(1000);
    for (let i = 1; i < bins.length; i++) expect(bins[i].x0).toBe(bins[i - 1].x1);
    expect(bins[0].x0).toBeLessThanOrEqual(Math.min(...values));
    expect(bins.at(-1)?.x1).toBeGreaterThanOrEqual(Math.max(...values));
    const width = bins[0].x1 - bins[0].x0;
    expect([1, 2, 5, 10, 20, 50]).toContain(Number(width.toPrecision(6)));
  });

  it('uses no more bins than distinct values', () => {
    // Four distinct values over [−0.25, 1000]: at most 4 bins (here three of width 500).
    expect(histogramEdges(-0.25, 1000, { distinct: 4 })).toEqual([-500, 0, 500, 1000]);
    expect(histogramEdges(0, 10, { distinct: 2 })).toEqual([0, 5, 10]);
  });

  it('gives exact decimal edges', () => {
    const bins = histogram(new Float64Array([0, 0.1, 0.25, 0.6, 0.95, 1]), { maxBins: 5 });
    expect(bins.map((b) => b.x0)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(bins.map((b) => b.count)).toEqual([2, 1, 0, 1, 2]);
  });

  it('puts the maximum in the last bin when it falls on an edge', () => {
    const bins = histogram(new Float64Array([0, 5, 10]), { distinct: 3 });
    expect(total(bins)).toBe(3);
    expect(bins.at(-1)?.x1).toBe(10);
  });

  it('gives small-range integers one centred bin per value', () => {
    const bins = histogram(new Float64Array([1, 3, 3, NaN]), { integer: true });
    expect(bins).toEqual([
      { x0: 0.5, x1: 1.5, count: 1 },
      { x0: 1.5, x1: 2.5, count: 0 },
      { x0: 2.5, x1: 3.5, count: 2 },
    ]);
  });

  it('keeps integer bins at least 1 wide over wide ranges', () => {
    const bins = histogram(new Float64Array(100).map((_, i) => i * 3), { integer: true });
    expect(bins.length).toBeLessThanOrEqual(50);
    expect(total(bins)).toBe(100);
    for (const b of bins) expect(Number.isInteger(b.x0)).toBe(true);
  });

  it('handles a single value, infinities and no values', () => {
    expect(histogram(new Float64Array([4, 4]))).toEqual([{ x0: 3.5, x1: 4.5, count: 2 }]);
    expect(total(histogram(new Float64Array([1, 2, Infinity, -Infinity])))).toBe(2);
    expect(histogram(new Float64Array([NaN]))).toEqual([]);
    expect(histogramEdges(NaN, NaN)).toEqual([]);
  });

  it('counts sorted and unsorted values alike, values on edges by comparison', () => {
    const values = Float64Array.from({ length: 2000 }, (_, i) => ((i * 7919) % 1000) / 10 - 20);
    const edges = histogramEdges(-20, 79.9, { distinct: 1000 });
    const sorted = Float64Array.from(values).sort();
    expect(countBins(values, edges)).toEqual(sortedHistogram({ values: sorted, counts: null, total: sorted.length }, edges));
    // Brute force with the edges themselves.
    const bins = countBins(values, edges);
    bins.forEach((b, i) => {
      const last = i === bins.length - 1;
      expect(b.count).toBe(values.filter((v) => v >= b.x0 && (v < b.x1 || (last && v <= b.x1))).length);
    });
  });
});
