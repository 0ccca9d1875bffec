// Profiles integer, float and datetime columns: exactly from sorted values, or from sketches above the size limit.

import type { NumericColumn } from '../table/table.ts';
import { distinctCounts } from './distinct-counts.ts';
import { countBins, histogramEdges, MAX_BINS, sortedHistogram } from './histogram.ts';
import { HyperLogLog } from './hyperloglog.ts';
import { KllSketch } from './kll.ts';
import { moments } from './moments.ts';
import { FREQUENT_COUNTERS, sketchNumeric } from './numeric-sketch.ts';
import { scanNumeric, type NumericScan } from './numeric-scan.ts';
import { rankedSort, type Ranked } from './ranks.ts';
import { sortFinite, type SortScratch } from './sort-finite.ts';
import {
  centralSums,
  median,
  medianAbsoluteDeviation,
  quantiles,
  valueRuns,
  type SortedValues,
  type ValueCount,
} from './sorted-values.ts';
import { timeEdges } from './time-bins.ts';
import type { Approximation, ColumnProfile, HistogramBin, NumericStats } from './types.ts';

/** Most common values listed. */
export const TOP_N = 10;
/** Smallest and largest distinct values listed. */
export const EXTREME_N = 5;
const SHARES = [0.05, 0.25, 0.5, 0.75, 0.95];

/** Counts and statistics of the distinct values, wherever they came from. */
interface ValueSummary {
  distinct: number;
  unique: number;
  histogram: HistogramBin[];
  approximations: Approximation[];
  /** Ranks from the exact path's sort, when asked for. */
  ranked?: Ranked;
  /** The exact path's sorted finite values. */
  sorted?: Float64Array;
  /** Integer and float columns only. */
  stats?: Omit<NumericStats, 'zeros' | 'negatives' | 'infinite' | 'monotonicity' | 'min' | 'max' | 'range' | 'sum' | 'mean' | 'cv'>;
}

/**
 * The ColumnProfile of an integer, float or datetime column (the fields every column has, plus `numeric`
 * and `histogram`, or `datetime` and `histogram`). Exact when the column has at most `exactLimit` present
 * values; above that, exact too when it has at most `exactLimit` distinct values (counted in a hash table),
 * and otherwise from sketches, listed in `approximations`.
 */
export function profileNumeric(column: NumericColumn, exactLimit: number): ColumnProfile {
  return profileNumericRanked(column, exactLimit, false).profile;
}

/**
 * profileNumeric, and with `wantRanks` the average ranks of an integer or float column's finite values
 * (Spearman's input, see ranks.ts) from the same sort, when the exact path sorts and the values vary;
 * else `ranked` is null (`withBins` adds Ranked.bins). `sorted` is the exact path's sorted finite values
 * (null on the sketch path); with `scratch` it may live there (see SortScratch).
 */
export function profileNumericRanked(
  column: NumericColumn,
  exactLimit: number,
  wantRanks: boolean,
  scratch?: SortScratch,
  withBins = false,
): { profile: ColumnProfile; ranked: Ranked | null; sorted: Float64Array | null } {
  const { values, type } = column;
  const scan = scanNumeric(values);
  const rows = values.length;
  const profile: ColumnProfile = {
    name: column.name,
    type,
    count: scan.count,
    missing: rows - scan.count,
    missingShare: rows > 0 ? (rows - scan.count) / rows : 0,
    distinct: 0,
    distinctShare: 0,
    unique: 0,
    memoryBytes: values.byteLength,
  };
  if (column.invalid) profile.invalid = column.invalid;
  if (scan.count === 0) return { profile, ranked: null, sorted: null };

  const datetime = type === 'datetime';
  const ranks = wantRanks && (type === 'integer' || type === 'float') && scan.finiteMin < scan.finiteMax;
  const summary = summarize(values, scan, exactLimit, datetime, type === 'integer', ranks, scratch, withBins);
  const ranked = summary.ranked ?? null;
  const sorted = summary.sorted ?? null;
  profile.distinct = summary.distinct;
  profile.distinctShare = summary.distinct / scan.count;
  profile.unique = summary.unique;
  if (summary.approximations.length > 0) profile.approximations = summary.approximations;
  if (scan.finite > 0) profile.histogram = summary.histogram;
  profile.min = scan.min;
  profile.max = scan.max;
  if (datetime) {
    profile.datetime = { min: scan.min, max: scan.max, rangeMs: scan.max - scan.min };
    return { profile, ranked, sorted };
  }
  const mean = scan.finite > 0 ? scan.sum / scan.finite : NaN;
  const stats = summary.stats as NonNullable<ValueSummary['stats']>;
  profile.numeric = {
    mean,
    std: stats.std,
    variance: stats.variance,
    min: scan.min,
    max: scan.max,
    range: scan.max - scan.min,
    sum: scan.sum,
    skewness: stats.skewness,
    kurtosis: stats.kurtosis,
    mad: stats.mad,
    // ydata-profiling leaves it undefined (NaN) for a zero mean.
    cv: mean !== 0 ? stats.std / mean : NaN,
    quantiles: stats.quantiles,
    iqr: stats.iqr,
    zeros: scan.zeros,
    negatives: scan.negatives,
    infinite: scan.positiveInfinite + scan.negativeInfinite,
    monotonicity: scan.monotonicity,
    common: stats.common,
    extremes: stats.extremes,
  };
  if (scan.finite > 0) profile.mean = mean;
  if (scan.finite > 1) profile.std = stats.std;
  return { profile, ranked, sorted };
}

function summarize(
  values: Float64Array,
  scan: NumericScan,
  exactLimit: number,
  datetime: boolean,
  integer: boolean,
  ranks: boolean,
  scratch: SortScratch | undefined,
  withBins: boolean,
): ValueSummary {
  if (scan.count <= exactLimit) {
    if (ranks) {
      const { sorted, ranked } = rankedSort(values, scan.finite, scan.finiteMin, scan.finiteMax, integer, scratch, withBins);
      return { ...exactSummary({ values: sorted, counts: null, total: scan.finite }, scan, datetime, integer), ranked, sorted };
    }
    const sorted: SortedValues = { values: sortFinite(values, scan.finite, scan.finiteMin, scan.finiteMax), counts: null, total: scan.finite };
    return { ...exactSummary(sorted, scan, datetime, integer), sorted: sorted.values };
  }
  // Whole numbers in a range no wider than the limit are counted outright: exact, and one cheap pass.
  const tallied = integer && scan.finiteMax - scan.finiteMin < exactLimit ? tallyIntegers(values, scan) : null;
  if (tallied) return exactSummary(tallied, scan, datetime, integer);
  const tableHashes = new Uint32Array(values.length);
  const counted = distinctCounts(values, scan.finiteMin, scan.finiteMax, exactLimit, tableHashes);
  if (counted.exact) return exactSummary(counted.sorted, scan, datetime, integer);

  const infinities = (scan.positiveInfinite > 0 ? 1 : 0) + (scan.negativeInfinite > 0 ? 1 : 0);
  const distinctFinite = Math.round(counted.distinct);
  const distinct = Math.min(scan.count, distinctFinite + infinities);
  const unique = Math.min(
    distinct,
    Math.round(counted.unique) + (scan.positiveInfinite === 1 ? 1 : 0) + (scan.negativeInfinite === 1 ? 1 : 0),
  );
  const approximations: Approximation[] = [
    { method: 'hll', applies: ['distinct', 'distinctShare'], error: HyperLogLog.error() },
    // Unique is HyperLogLog's distinct count times the once-only share in a hash sample of distinct values (see distinct-counts.ts).
    { method: 'hll', applies: ['unique'], error: counted.uniqueError },
  ];
  if (datetime) {
    const histogram = countBins(values, timeEdges(scan.finiteMin, scan.finiteMax, Math.min(MAX_BINS, distinctFinite)));
    return { distinct, unique, histogram, approximations };
  }
  const mean = scan.sum / scan.finite;
  const edges = histogramEdges(scan.finiteMin, scan.finiteMax, { integer, distinct: distinctFinite });
  const sketch = sketchNumeric(values, scan.finite, mean, edges, SHARES, TOP_N, EXTREME_N, tableHashes);
  approximations.unshift(
    { method: 'kll', applies: ['quantiles', 'iqr'], error: KllSketch.rankError() },
    // Read from the same sketch as the quantiles, so twice their rank error (see numeric-sketch.ts).
    { method: 'kll', applies: ['mad'], error: 2 * KllSketch.rankError() },
  );
  const m = moments(scan.finite, sketch.sums, scan.finiteMin === scan.finiteMax);
  // Infinities are counted exactly, but listed on the same terms as the sketched values.
  const threshold = scan.finite / (FREQUENT_COUNTERS + 1);
  const infinite = infinityCounts(scan).filter((c) => c.count > threshold);
  const q = toQuantiles(sketch.quantiles);
  return {
    distinct,
    unique,
    histogram: sketch.histogram,
    approximations,
    stats: {
      std: m.std,
      variance: m.variance,
      skewness: m.skewness,
      kurtosis: m.kurtosis,
      mad: sketch.mad,
      quantiles: q,
      iqr: q.p75 - q.p25,
      common: topCommon([...sketch.common, ...infinite]),
      extremes: extremesWithInfinities(sketch.lowest, sketch.highest, scan),
    },
  };
}

/**
 * Each distinct finite value once, ascending, with its count, from an array indexed by value − min: what
 * distinctCounts gives for a column of few distinct values, without hashing. Null when a value is not a
 * whole number (its fractional index is not counted, so the counts fall short).
 */
function tallyIntegers(values: Float64Array, scan: NumericScan): SortedValues | null {
  const min = scan.finiteMin;
  const span = scan.finiteMax - min + 1;
  const tally = new Int32Array(span);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v === 0) tally[v - min]++;
  }
  let distinct = 0;
  let total = 0;
  for (let k = 0; k < span; k++) {
    if (tally[k] > 0) distinct++;
    total += tally[k];
  }
  if (total !== scan.finite) return null;
  const sorted = new Float64Array(distinct);
  const counts = new Int32Array(distinct);
  let d = 0;
  for (let k = 0; k < span; k++) {
    if (tally[k] === 0) continue;
    sorted[d] = min + k === 0 ? 0 : min + k;
    counts[d++] = tally[k];
  }
  return { values: sorted, counts, total };
}

function exactSummary(sorted: SortedValues, scan: NumericScan, datetime: boolean, integer: boolean): ValueSummary {
  const runs = valueRuns(sorted, TOP_N, EXTREME_N);
  const infinite = infinityCounts(scan);
  const distinct = runs.distinct + infinite.length;
  const unique = runs.unique + infinite.filter((c) => c.count === 1).length;
  if (datetime) {
    const edges = timeEdges(scan.finiteMin, scan.finiteMax, Math.min(MAX_BINS, runs.distinct));
    return { distinct, unique, histogram: sortedHistogram(sorted, edges), approximations: [] };
  }
  const edges = histogramEdges(scan.finiteMin, scan.finiteMax, { integer, distinct: runs.distinct });
  const mean = scan.finite > 0 ? scan.sum / scan.finite : NaN;
  const m = moments(scan.finite, centralSums(sorted, mean), scan.finiteMin === scan.finiteMax);
  const q = toQuantiles(quantiles(sorted, SHARES));
  return {
    distinct,
    unique,
    histogram: sortedHistogram(sorted, edges),
    approximations: [],
    stats: {
      std: m.std,
      variance: m.variance,
      skewness: m.skewness,
      kurtosis: m.kurtosis,
      mad: medianAbsoluteDeviation(sorted, median(sorted)),
      quantiles: q,
      iqr: q.p75 - q.p25,
      common: topCommon([...runs.common, ...infinite]),
      extremes: extremesWithInfinities(runs.lowest, runs.highest, scan),
    },
  };
}

function toQuantiles(v: number[]): NumericStats['quantiles'] {
  return { p5: v[0], p25: v[1], p50: v[2], p75: v[3], p95: v[4] };
}

function infinityCounts(scan: NumericScan): ValueCount[] {
  const out: ValueCount[] = [];
  if (scan.negativeInfinite > 0) out.push({ value: -Infinity, count: scan.negativeInfinite });
  if (scan.positiveInfinite > 0) out.push({ value: Infinity, count: scan.positiveInfinite });
  return out;
}

/** Most frequent first, equal counts smaller value first. */
function topCommon(list: ValueCount[]): ValueCount[] {
  return list.sort((a, b) => b.count - a.count || a.value - b.value).slice(0, TOP_N);
}

function extremesWithInfinities(lowest: ValueCount[], highest: ValueCount[], scan: NumericScan): NumericStats['extremes'] {
  const negative = scan.negativeInfinite > 0 ? [{ value: -Infinity, count: scan.negativeInfinite }] : [];
  const positive = scan.positiveInfinite > 0 ? [{ value: Infinity, count: scan.positiveInfinite }] : [];
  return {
    lowest: [...negative, ...lowest, ...positive].slice(0, EXTREME_N),
    highest: [...positive, ...highest, ...negative].slice(0, EXTREME_N),
  };
}
