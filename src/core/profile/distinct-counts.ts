// Counts a big column's distinct values exactly while they fit a limit; beyond it, estimates distinct and unique counts.

import { CountTable } from './count-table.ts';
import { hashFloat, hashWords, SEED_INDEX, SEED_RANK, SEED_TABLE } from './float-hash.ts';
import { HyperLogLog } from './hyperloglog.ts';
import { sortFinite } from './sort-finite.ts';
import type { SortedValues } from './sorted-values.ts';

export type DistinctCounts =
  | { exact: true; sorted: SortedValues }
  | {
      exact: false;
      /** HyperLogLog estimate of distinct finite values (relative standard error HyperLogLog.error()). */
      distinct: number;
      /** Estimated finite values occurring exactly once, and the relative standard error of that estimate. */
      unique: number;
      uniqueError: number;
    };

/**
 * One pass over the finite values. A count table keeps every distinct value with its count until there are
 * more than `limit` of them (so memory stays bounded); if it never overflows, the counts are exact and the
 * distinct values are sorted for exact quantiles and the rest.
 *
 * Once it overflows it becomes a hash sample of the distinct values (adaptive sampling): it keeps only values
 * whose hash starts with `level` zero bits, raising the level (and dropping about half) whenever it fills
 * again. A value is either always or never kept, so kept values have exact counts, and the share of kept
 * values that occur once estimates the share of all distinct values that occur once. Distinct values are
 * counted by a HyperLogLog (fed the table's values at the moment it overflowed, then every value after),
 * and unique = distinct × that share; its error combines HyperLogLog's and the share's binomial error.
 */
export function distinctCounts(values: Float64Array, finiteMin: number, finiteMax: number, limit: number): DistinctCounts {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  let table = new CountTable(SEED_TABLE, Math.min(limit, 1 << 16));
  let level = 0;
  let hll: HyperLogLog | null = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue; // NaN or ±Infinity
    let lo = bits[2 * i];
    let hi = bits[2 * i + 1];
    if (v === 0) lo = hi = 0; // −0 is 0
    if (hll !== null) hll.add(hashWords(lo, hi, SEED_INDEX), hashWords(lo, hi, SEED_RANK));
    const h = hashWords(lo, hi, SEED_TABLE);
    if (level > 0 && h >>> (32 - level) !== 0) continue;
    if (!table.add(v === 0 ? 0 : v, h) || table.size <= limit) continue;
    if (hll === null) {
      hll = new HyperLogLog();
      const { values: seen } = table.entries();
      for (const s of seen) hll.add(hashFloat(s, SEED_INDEX), hashFloat(s, SEED_RANK));
    }
    while (table.size > limit && level < 32) {
      level++;
      const shift = 32 - level;
      const kept = new CountTable(SEED_TABLE, limit);
      const { values: keys, counts } = table.entries();
      for (let k = 0; k < keys.length; k++) {
        const hk = hashFloat(keys[k], SEED_TABLE);
        if (hk >>> shift === 0) kept.add(keys[k], hk, counts[k]);
      }
      table = kept;
    }
  }
  if (hll === null) return { exact: true, sorted: sortedCounts(table, finiteMin, finiteMax) };
  const { counts } = table.entries();
  let once = 0;
  for (const c of counts) if (c === 1) once++;
  const sampled = counts.length;
  const share = sampled > 0 ? once / sampled : 0;
  const distinct = hll.estimate();
  // Binomial standard error of the share, relative to it (with at least one sampled value's worth of share, so 0 once still reads as uncertain).
  const shareError = sampled > 0 ? Math.sqrt((1 - share) / (Math.max(share, 1 / sampled) * sampled)) : 1;
  return {
    exact: false,
    distinct,
    unique: distinct * share,
    uniqueError: Math.sqrt(HyperLogLog.error() ** 2 + shareError ** 2),
  };
}

function sortedCounts(table: CountTable, min: number, max: number): SortedValues {
  const { values: keys } = table.entries();
  const sorted = sortFinite(keys, keys.length, min, max);
  const counts = new Int32Array(sorted.length);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) total += counts[i] = table.count(sorted[i], hashFloat(sorted[i], SEED_TABLE));
  return { values: sorted, counts, total };
}
