// Counts a big column's distinct values exactly while they fit a limit; beyond it, estimates distinct and unique counts.

import { CountTable } from './count-table.ts';
import { hashFloat, hashWords, SEED_INDEX, SEED_RANK, SEED_TABLE } from './float-hash.ts';
import { HyperLogLog } from './hyperloglog.ts';
import { sortFiniteRows } from './sort-finite.ts';
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

/** Distinct values sampled (at most) once the count table gives up on exactness: share errors of well under 1%. */
const SAMPLE_SIZE = 1 << 16;
/** Exactness is only attempted when HyperLogLog puts the distinct count this far under the limit (6 standard errors). */
const HEADROOM = 1 - 6 * HyperLogLog.error();

/**
 * Two passes over the finite values. The first feeds a HyperLogLog with every value, and keeps each value's
 * hash under SEED_TABLE in `tableHashes` (for the second pass, and for the caller's sketch). If it puts the distinct
 * count under `limit`, the second counts every distinct value in a hash table, and if that indeed never holds
 * more than `limit` values (so memory stays bounded), the counts are exact: the distinct values are sorted for
 * exact quantiles and the rest.
 *
 * Otherwise the table is a hash sample of the distinct values (adaptive sampling): it keeps only values whose
 * hash starts with `level` zero bits, the level chosen from the estimate and raised (dropping about half)
 * whenever more than min(limit, 2 × SAMPLE_SIZE) are kept. A value is either always or never kept, so kept
 * values have exact counts, and the share of kept values that occur once estimates the share of all distinct
 * values that occur once: unique = distinct × that share, its error combining HyperLogLog's and the share's
 * binomial error.
 */
export function distinctCounts(
  values: Float64Array,
  finiteMin: number,
  finiteMax: number,
  limit: number,
  tableHashes: Uint32Array = new Uint32Array(values.length),
): DistinctCounts {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const hll = new HyperLogLog();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue; // NaN or ±Infinity
    // −0 is 0.
    const lo = v === 0 ? 0 : bits[2 * i];
    const hi = v === 0 ? 0 : bits[2 * i + 1];
    hll.add(hashWords(lo, hi, SEED_INDEX), hashWords(lo, hi, SEED_RANK));
    tableHashes[i] = hashWords(lo, hi, SEED_TABLE);
  }
  const estimate = hll.estimate();
  const attemptExact = estimate <= limit * HEADROOM;
  let capacity = attemptExact ? limit : Math.min(limit, 2 * SAMPLE_SIZE);
  let level = attemptExact ? 0 : Math.max(1, Math.min(31, Math.ceil(Math.log2(estimate / SAMPLE_SIZE))));
  let table = new CountTable(SEED_TABLE, attemptExact ? Math.ceil(estimate * 1.1) + 16 : SAMPLE_SIZE);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue;
    const h = tableHashes[i];
    if (level > 0 && h >>> (32 - level) !== 0) continue;
    if (!table.add(v === 0 ? 0 : v, h) || table.size <= capacity) continue;
    // Too many distinct values to count: sample them instead.
    capacity = Math.min(limit, 2 * SAMPLE_SIZE);
    while (table.size > capacity && level < 32) {
      level++;
      const shift = 32 - level;
      const kept = new CountTable(SEED_TABLE, capacity);
      const { values: keys, counts } = table.entries();
      for (let k = 0; k < keys.length; k++) {
        const hk = hashFloat(keys[k], SEED_TABLE);
        if (hk >>> shift === 0) kept.add(keys[k], hk, counts[k]);
      }
      table = kept;
    }
  }
  if (level === 0) return { exact: true, sorted: sortedCounts(table, finiteMin, finiteMax) };
  const { counts } = table.entries();
  let once = 0;
  for (const c of counts) if (c === 1) once++;
  const sampled = counts.length;
  const share = sampled > 0 ? once / sampled : 0;
  // Binomial standard error of the share, relative to it (with at least one sampled value's worth of share, so 0 once still reads as uncertain).
  const shareError = sampled > 0 ? Math.sqrt((1 - share) / (Math.max(share, 1 / sampled) * sampled)) : 1;
  return {
    exact: false,
    distinct: estimate,
    unique: estimate * share,
    uniqueError: Math.sqrt(HyperLogLog.error() ** 2 + shareError ** 2),
  };
}

/** The table's values in order with their counts: the rows of the sort say which count goes where, so nothing is looked up again. */
function sortedCounts(table: CountTable, min: number, max: number): SortedValues {
  const { values: keys, counts: keyCounts } = table.entries();
  const { values: sorted, rows } = sortFiniteRows(keys, keys.length, min, max);
  const counts = new Int32Array(sorted.length);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) total += counts[i] = keyCounts[rows[i]];
  return { values: sorted, counts, total };
}
