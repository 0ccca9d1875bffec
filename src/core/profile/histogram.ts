// Equal-width histogram bins over the finite values of a numeric column, with round edges.

import type { HistogramBin } from './types.ts';

export const MAX_BINS = 20;

/**
 * Bins finite values (NaN and ±Infinity are left out). The bin count follows Sturges' rule
 * (⌈log2 n⌉ + 1, at most `maxBins`) and the width is rounded to 1, 2 or 5 × 10^k so edges read well.
 * Integer columns whose range spans at most `maxBins` values get one bin per integer, centred on it
 * ([v − 0.5, v + 0.5)), so a bar sits on each value. A single distinct value gets one bin of width 1.
 * Bins are half-open [x0, x1) except the last, which includes its upper edge.
 */
export function histogram(values: Float64Array, opts: { integer?: boolean; maxBins?: number } = {}): HistogramBin[] {
  const maxBins = Math.max(1, opts.maxBins ?? MAX_BINS);
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    n++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return [];
  if (min === max) return [{ x0: min - 0.5, x1: max + 0.5, count: n }];
  if (opts.integer && max - min + 1 <= maxBins) return integerBins(values, min, max);

  const target = Math.min(maxBins, Math.ceil(Math.log2(n)) + 1);
  let step = niceStep((max - min) / target);
  if (opts.integer && step < 1) step = 1;
  let layout = binLayout(min, max, step);
  // Rounding the step up can still leave one bin too many once edges snap to multiples of it.
  while (layout.count > maxBins) {
    step = niceStep(step * 1.5);
    layout = binLayout(min, max, step);
  }
  const { start, count, inv } = layout;
  const edge = (k: number): number => (inv > 0 ? (start + k) / inv : (start + k) * step);
  const counts = new Float64Array(count);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    let b = (inv > 0 ? Math.floor(v * inv) : Math.floor(v / step)) - start;
    if (b < 0) b = 0;
    else if (b >= count) b = count - 1;
    counts[b]++;
  }
  const bins: HistogramBin[] = [];
  for (let k = 0; k < count; k++) bins.push({ x0: edge(k), x1: edge(k + 1), count: counts[k] });
  return bins;
}

function integerBins(values: Float64Array, min: number, max: number): HistogramBin[] {
  const counts = new Float64Array(max - min + 1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) counts[Math.round(v) - min]++;
  }
  const bins: HistogramBin[] = [];
  for (let k = 0; k < counts.length; k++) bins.push({ x0: min + k - 0.5, x1: min + k + 0.5, count: counts[k] });
  return bins;
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

/** The step 1, 2 or 5 × 10^k nearest above-or-near `raw` (the thresholds d3 uses for ticks). */
function niceStep(raw: number): number {
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const error = raw / power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.SQRT2 ? 2 : 1;
  return factor * power;
}
