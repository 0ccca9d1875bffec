// Equal-width histogram bins with round edges over the finite values of a numeric column.

import { binCounts, type SortedValues } from './sorted-values.ts';
import type { HistogramBin } from './types.ts';

/** ydata-profiling's default `plot.histogram.bins`: at most 50 bins, and no more than there are distinct values. */
export const MAX_BINS = 50;

export interface HistogramOptions {
  /** Integer column: edges at whole numbers, and one bin per value when the range spans at most maxBins values. */
  integer?: boolean;
  maxBins?: number;
  /** Distinct finite values, when known: fewer bins than that would only split values apart. */
  distinct?: number;
}

/**
 * Ascending bin edges for finite values in [min, max] (bins [e_i, e_{i+1}), the last one closed).
 * ydata-profiling asks NumPy for min(50, distinct values) equal bins from min to max; these edges keep that
 * count as the ceiling but round the width to 1, 2 or 5 × 10^k so they read well, and start at a multiple
 * of the width. Integer columns whose range spans at most maxBins values get one bin per integer centred on
 * it ([v − 0.5, v + 0.5)), so a bar sits on each value; a single value gets one bin of width 1.
 */
export function histogramEdges(min: number, max: number, opts: HistogramOptions = {}): number[] {
  const maxBins = Math.max(1, opts.maxBins ?? MAX_BINS);
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) return [];
  if (min === max) return [min - 0.5, max + 0.5];
  if (opts.integer && max - min + 1 <= maxBins) {
    const edges: number[] = [];
    for (let v = min; v <= max + 1; v++) edges.push(v - 0.5);
    return edges;
  }
  const target = Math.max(1, Math.min(maxBins, opts.distinct ?? maxBins));
  let step = niceStep((max - min) / target);
  if (opts.integer && step < 1) step = 1;
  let layout = binLayout(min, max, step);
  // Rounding the step can leave a bin too many once edges snap to multiples of it.
  while (layout.count > target) {
    step = nextStep(step);
    layout = binLayout(min, max, step);
  }
  const { start, count, inv } = layout;
  const edge = (k: number): number => (inv > 0 ? (start + k) / inv : (start + k) * step);
  const edges: number[] = [];
  for (let k = 0; k <= count; k++) edges.push(edge(k));
  // min · inv can round to just under a whole number, which would add an empty first bin or leave max past the last edge.
  while (edges.length > 2 && edges[1] <= min) edges.shift();
  for (let k = count + 1; edges[edges.length - 1] < max; k++) edges.push(edge(k));
  return edges;
}

/** Bins over sorted values (see sorted-values.ts). */
export function sortedHistogram(s: SortedValues, edges: number[]): HistogramBin[] {
  if (edges.length < 2) return [];
  return toBins(edges, binCounts(s, edges));
}

/**
 * Counts unsorted values into bins (NaN and ±Infinity left out). The bin is computed from the width and
 * then checked against the edges themselves, so a value on an edge lands where a comparison puts it.
 */
export function countBins(values: Float64Array, edges: number[]): HistogramBin[] {
  const bins = edges.length - 1;
  if (bins < 1) return [];
  const counts = new Float64Array(bins);
  const first = edges[0];
  const scale = bins / (edges[bins] - first);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue; // NaN or ±Infinity
    const position = (v - first) * scale;
    let b = position <= 0 ? 0 : position >= bins ? bins - 1 : position | 0;
    while (b > 0 && v < edges[b]) b--;
    while (b < bins - 1 && v >= edges[b + 1]) b++;
    counts[b]++;
  }
  return toBins(edges, Array.from(counts));
}

/** Histogram of the finite values of an unsorted column (edges from histogramEdges). */
export function histogram(values: Float64Array, opts: HistogramOptions = {}): HistogramBin[] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return countBins(values, histogramEdges(min, max, opts));
}

function toBins(edges: number[], counts: number[]): HistogramBin[] {
  return counts.map((count, k) => ({ x0: edges[k], x1: edges[k + 1], count }));
}

/**
 * Where bins start (in steps) and how many there are. Steps below 1 are handled through their
 * inverse (an integer, since steps are 1, 2 or 5 × 10^k) so edges like 0.6 come out exact, not 0.6000000000000001.
 */
function binLayout(min: number, max: number, step: number): { start: number; count: number; inv: number } {
  const inv = step < 1 ? Math.round(1 / step) : 0;
  const start = inv > 0 ? Math.floor(min * inv) : Math.floor(min / step);
  const stop = inv > 0 ? Math.floor(max * inv) : Math.floor(max / step);
  // The maximum sits in the bin whose lower edge is `stop`, unless it lies exactly on that edge, where it joins the bin before.
  const onEdge = (inv > 0 ? stop / inv : stop * step) === max;
  return { start, count: Math.max(1, stop - start + (onEdge ? 0 : 1)), inv };
}

/** The next coarser step: 1 → 2 → 5 → 10 (× 10^k). */
function nextStep(step: number): number {
  const power = Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
  const factor = Math.round(step / power);
  return factor === 1 ? 2 * power : factor === 2 ? 5 * power : 10 * power;
}

/** The step 1, 2 or 5 × 10^k nearest to `raw` (the thresholds d3 uses for ticks). */
function niceStep(raw: number): number {
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const error = raw / power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.SQRT2 ? 2 : 1;
  return factor * power;
}
