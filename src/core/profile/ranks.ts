// Average ranks of a column's finite values (Spearman's input): by counting narrow integers, else from a sort.

import { AUTO_BINS, cutEdges, NO_BIN, sortedBinStarts } from './cut-bins.ts';
import { sortFiniteRows, type SortScratch } from './sort-finite.ts';

export interface Ranked {
  /** 1-based average ranks of the finite values among themselves; NaN for missing and ±Infinity. */
  ranks: Float64Array | Float32Array;
  /** Finite values ranked. */
  count: number;
  /**
   * When asked for: each row's bin among AUTO_BINS equal-width bins (binCodes of cutEdges over the finite
   * min and max; NO_BIN where not finite), which Cramér's V against categorical columns needs.
   */
  bins?: Uint8Array;
}

/** What ranking needs to know of a column's finite values (one pass: finiteStats). */
export interface FiniteStats {
  count: number;
  mean: number;
  min: number;
  max: number;
  /** Every finite value is a whole number. */
  integral: boolean;
}

export function finiteStats(values: Float64Array): FiniteStats {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue; // NaN or ±Infinity
    count++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integral && v !== Math.floor(v)) integral = false;
  }
  return { count, mean: count ? sum / count : NaN, min, max, integral };
}

/**
 * Average ranks (ties share the mean of their positions, as scipy's rankdata and pandas' rank()). Ranks
 * are stored in 32-bit floats while they are exact there (half-integers below 2^23).
 */
export function rankFinite(values: Float64Array, stats: FiniteStats = finiteStats(values)): Ranked {
  return rankedSort(values, stats.count, stats.min, stats.max, stats.integral).ranked;
}

/**
 * The finite values sorted (as sortFinite: −0 as 0) and their average ranks, from one sort: integer
 * columns with a modest range by counting, others by sortFiniteRows, whose row indices say where each
 * rank goes. `count`, `min` and `max` describe the finite values; `integral` says they are probably whole
 * numbers (counting checks it, and sorts instead when one is not). With `scratch`, `sorted` lives in it;
 * `withBins` adds the rows' bins for Cramér's V (Ranked.bins), from the same order.
 */
export function rankedSort(
  values: Float64Array,
  count: number,
  min: number,
  max: number,
  integral: boolean,
  scratch?: SortScratch,
  withBins = false,
): { sorted: Float64Array; ranked: Ranked } {
  const n = values.length;
  const ranks = n < 2 ** 23 ? new Float32Array(n) : new Float64Array(n);
  if (count === 0) return { sorted: new Float64Array(0), ranked: { ranks: ranks.fill(NaN), count: 0 } };
  const bins = withBins ? new Uint8Array(n) : null;
  const edges = cutEdges(min, max, AUTO_BINS);
  if (integral && max - min <= 4 * count + 1024) {
    const out = scratch ? scratch.take(count).values : new Float64Array(count);
    const sorted = countingSort(values, out, min, max - min + 1, ranks, bins, edges);
    if (sorted !== null) return { sorted, ranked: bins ? { ranks, count, bins } : { ranks, count } };
  }
  const { values: sorted, rows } = sortFiniteRows(values, count, min, max, scratch);
  ranks.fill(NaN);
  let i = 0;
  while (i < count) {
    const v = sorted[i];
    let j = i + 1;
    while (j < count && sorted[j] === v) j++;
    const r = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) ranks[rows[k]] = r;
    i = j;
  }
  if (bins === null) return { sorted, ranked: { ranks, count } };
  // Ties share a bin (bin starts fall between different values), so bins follow the same rows.
  bins.fill(NO_BIN);
  const starts = sortedBinStarts(sorted, edges);
  for (let b = 0; b < AUTO_BINS; b++) for (let k = starts[b]; k < starts[b + 1]; k++) bins[rows[k]] = b;
  return { sorted, ranked: { ranks, count, bins } };
}

/**
 * Sorted finite integers from their counts, and each row's average rank (NaN where not finite); null when
 * a value is not a whole number (a typed array ignores a fractional index, so the counts then fall short).
 */
function countingSort(
  values: Float64Array,
  sorted: Float64Array,
  min: number,
  span: number,
  ranks: Float64Array | Float32Array,
  bins: Uint8Array | null,
  edges: Float64Array,
): Float64Array | null {
  const count = sorted.length;
  const counts = new Float64Array(span);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v === 0) counts[v - min]++;
  }
  let counted = 0;
  for (let k = 0; k < span; k++) counted += counts[k];
  if (counted !== count) return null;
  // counts[k] becomes the average rank of value min + k.
  let below = 0;
  for (let k = 0; k < span; k++) {
    const c = counts[k];
    if (c > 0) sorted.fill(min + k === 0 ? 0 : min + k, below, below + c);
    counts[k] = below + (c + 1) / 2;
    below += c;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    ranks[i] = v - v === 0 ? counts[v - min] : NaN;
  }
  if (bins !== null) {
    // The bin of each value min + k, as binCodes reads it, then of each row.
    const binOf = new Uint8Array(span);
    let bin = 0;
    for (let k = 0; k < span; k++) {
      const v = min + k;
      while (bin < AUTO_BINS - 1 && edges[bin + 1] < v) bin++;
      binOf[k] = bin;
    }
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      bins[i] = v - v === 0 ? binOf[v - min] : NO_BIN;
    }
  }
  return sorted;
}
