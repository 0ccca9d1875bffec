// Two passes that describe a numeric column too big to sort: KLL quantiles and MAD, frequent values, extremes, moments, histogram.

import { CountTable } from './count-table.ts';
import { hashFloat, hashWords, SEED_TABLE } from './float-hash.ts';
import { FrequentValues } from './frequent-values.ts';
import { countBins } from './histogram.ts';
import { KllSketch, weightedQuantiles } from './kll.ts';
import { correctSums, type ValueCount } from './sorted-values.ts';
import type { HistogramBin } from './types.ts';

/** Misra–Gries counters: values occurring more than n / 4097 times are sure to be found. */
export const FREQUENT_COUNTERS = 4096;

export interface NumericSketch {
  /** Values at the requested shares, from the KLL sketch. */
  quantiles: number[];
  /** Median of |x − sketched median|, from the same sketch's items (rank error at most twice the quantiles'). */
  mad: number;
  /** Exact counts of the values sure to be among the most common (see sketchNumeric). */
  common: ValueCount[];
  lowest: ValueCount[];
  highest: ValueCount[];
  sums: { m2: number; m3: number; m4: number };
  histogram: HistogramBin[];
}

/**
 * Over the finite values (−0 as 0). Pass 1 feeds a KLL sketch, Misra–Gries counters and the bounded lists of
 * extremes, and sums central powers about `mean` (corrected as in sorted-values.ts). Pass 2 recounts the
 * Misra–Gries candidates exactly and bins the histogram on `edges`. `tableHashes`, when given, holds each
 * value's hash under SEED_TABLE (as distinctCounts leaves them), which saves hashing every value twice more.
 *
 * The MAD is the weighted median of |item − median| over the sketch's items. The share of values within d of
 * the median is rank(median + d) − rank(median − d), each rank off by at most KLL's error ε, so the MAD's
 * rank among the deviations is off by at most 2ε. (A second sketch of the deviations would give ε, for the
 * price of sketching every value twice.)
 *
 * Common values: only candidates occurring more than n / (FREQUENT_COUNTERS + 1) times are listed, since only
 * those are certain to be found; their counts are exact, so the list is right but may be shorter than topN
 * (empty when no value is that frequent).
 */
export function sketchNumeric(
  values: Float64Array,
  finite: number,
  mean: number,
  edges: number[],
  qs: number[],
  topN: number,
  extremeN: number,
  tableHashes?: Uint32Array,
): NumericSketch {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const kll = new KllSketch();
  const frequent = new FrequentValues(FREQUENT_COUNTERS);
  const lowest = new Extremes(extremeN, 1);
  const highest = new Extremes(extremeN, -1);
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < values.length; i++) {
    let v = values[i];
    if (v - v !== 0) continue;
    let lo = bits[2 * i];
    let hi = bits[2 * i + 1];
    if (v === 0) v = lo = hi = 0;
    kll.update(v);
    frequent.add(v, tableHashes ? tableHashes[i] : hashWords(lo, hi, SEED_TABLE));
    lowest.add(v);
    highest.add(v);
    const d = v - mean;
    const d2 = d * d;
    s1 += d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  const items = kll.items();
  const quantiles = weightedQuantiles(items, [...qs, 0.5]);
  const center = quantiles.pop() as number;
  const mad = weightedQuantiles(
    items.map(({ v, w }) => ({ v: Math.abs(v - center), w })),
    [0.5],
  )[0];

  const recount = new CountTable(SEED_TABLE, FREQUENT_COUNTERS);
  // Candidates enter with a count of 1 (0 marks an empty slot), taken off after the recount.
  for (const c of frequent.candidates()) recount.add(c, hashFloat(c, SEED_TABLE));
  for (let i = 0; i < values.length; i++) {
    let v = values[i];
    if (v - v !== 0) continue;
    if (tableHashes) {
      recount.bump(v === 0 ? 0 : v, tableHashes[i]);
      continue;
    }
    let lo = bits[2 * i];
    let hi = bits[2 * i + 1];
    if (v === 0) v = lo = hi = 0;
    recount.bump(v, hashWords(lo, hi, SEED_TABLE));
  }
  const threshold = finite / (FREQUENT_COUNTERS + 1);
  const { values: candidates, counts } = recount.entries();
  const common: ValueCount[] = [];
  for (let k = 0; k < candidates.length; k++) if (counts[k] - 1 > threshold) common.push({ value: candidates[k], count: counts[k] - 1 });
  common.sort((a, b) => b.count - a.count || a.value - b.value);
  return {
    quantiles,
    mad,
    common: common.slice(0, topN),
    lowest: lowest.list(),
    highest: highest.list(),
    sums: correctSums(finite, s1, s2, s3, s4),
    histogram: countBins(values, edges),
  };
}

/** The n smallest (direction 1) or largest (−1) distinct values seen, with their counts, extreme first. */
class Extremes {
  private values: number[] = [];
  private counts: number[] = [];

  constructor(
    private readonly n: number,
    private readonly direction: 1 | -1,
  ) {}

  add(v: number): void {
    const { values, counts } = this;
    const key = v * this.direction;
    const len = values.length;
    if (len === this.n && key > values[len - 1] * this.direction) return;
    let i = len;
    while (i > 0 && values[i - 1] * this.direction > key) i--;
    if (i > 0 && values[i - 1] === v) {
      counts[i - 1]++;
      return;
    }
    values.splice(i, 0, v);
    counts.splice(i, 0, 1);
    if (values.length > this.n) {
      values.pop();
      counts.pop();
    }
  }

  list(): ValueCount[] {
    return this.values.map((value, i) => ({ value, count: this.counts[i] }));
  }
}
