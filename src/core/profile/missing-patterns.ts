// Where values are missing: a nullity matrix over sampled rows and the most frequent sets of missing columns.

import { isMissing, type Column, type Table } from '../table/table.ts';
import type { MissingPatterns } from './types.ts';

/** Rows in the nullity matrix (missingno's matrix draws a sample of this order). */
export const NULLITY_SAMPLE_ROWS = 250;
/** Combinations of missing columns listed. */
export const TOP_MISSING_COMBINATIONS = 10;

// Columns folded into one integer key per refinement round (bit 30 stays clear: keys remain small integers).
const BITS_PER_ROUND = 30;

/**
 * The nullity matrix on up to NULLITY_SAMPLE_ROWS evenly spaced rows (first and last included), and the
 * most frequent combinations of missing columns. A combination is the exact set of columns missing in a
 * row; only rows with at least one missing cell are counted (a complete row has no combination), so the
 * counts add up to the rows that have a gap, not to all rows.
 */
export function missingPatterns(
  table: Table,
  opts: { sampleRows?: number; top?: number } = {},
): MissingPatterns {
  const sampleRows = evenlySpaced(table.rowCount, opts.sampleRows ?? NULLITY_SAMPLE_ROWS);
  const matrix = table.columns.map((c) => sampleRows.map((r) => (isMissing(c, r) ? 1 : 0)));
  return { sampleRows, matrix, combinations: combinations(table, opts.top ?? TOP_MISSING_COMBINATIONS) };
}

/** k row indices spread evenly over 0…n−1, including both ends (all rows when n ≤ k). */
export function evenlySpaced(n: number, k: number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  if (k <= 0) return [];
  if (k === 1) return [0];
  return Array.from({ length: k }, (_, i) => Math.round((i * (n - 1)) / (k - 1)));
}

/**
 * Groups rows by their set of missing columns. Each round folds up to 30 columns into a bit mask per
 * row and merges it with the row's group from the rounds before, so any number of columns works
 * without building a string key per row; only columns that have a missing cell take part.
 */
function combinations(table: Table, top: number): { columns: number[]; count: number }[] {
  const n = table.rowCount;
  const gapped: number[] = [];
  table.columns.forEach((c, j) => {
    if (hasMissing(c)) gapped.push(j);
  });
  if (gapped.length === 0 || n === 0) return [];

  // Group 0 is "nothing missing so far"; other groups are numbered as they are first met.
  let group = new Int32Array(n);
  let groupCount = 1;
  for (let start = 0; start < gapped.length; start += BITS_PER_ROUND) {
    const cols = gapped.slice(start, start + BITS_PER_ROUND);
    const bits = new Int32Array(n);
    cols.forEach((j, b) => markMissing(table.columns[j], bits, 1 << b));
    const ids = new Map<number | string, number>();
    const next = new Int32Array(n);
    let count = 1;
    for (let i = 0; i < n; i++) {
      const g = group[i];
      const m = bits[i];
      if (g === 0 && m === 0) continue;
      // An exact integer while g < 2^22 (m < 2^30); beyond that, millions of distinct combinations, a string.
      const key = g < 2 ** 22 ? g * 2 ** BITS_PER_ROUND + m : `${g},${m}`;
      let id = ids.get(key);
      if (id === undefined) {
        id = count++;
        ids.set(key, id);
      }
      next[i] = id;
    }
    group = next;
    groupCount = count;
  }

  const counts = new Int32Array(groupCount);
  const firstRow = new Int32Array(groupCount).fill(-1);
  for (let i = 0; i < n; i++) {
    const g = group[i];
    if (g === 0) continue;
    counts[g]++;
    if (firstRow[g] < 0) firstRow[g] = i;
  }
  const order: number[] = [];
  for (let g = 1; g < groupCount; g++) order.push(g);
  // Most frequent first; ties keep the combination met first in the table.
  order.sort((a, b) => counts[b] - counts[a] || firstRow[a] - firstRow[b]);
  return order.slice(0, top).map((g) => ({
    columns: gapped.filter((j) => isMissing(table.columns[j], firstRow[g])),
    count: counts[g],
  }));
}

function hasMissing(column: Column): boolean {
  if (column.kind === 'coded') {
    const codes = column.codes;
    for (let i = 0; i < codes.length; i++) if (codes[i] < 0) return true;
    return false;
  }
  const values = column.values;
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) return true;
  return false;
}

function markMissing(column: Column, bits: Int32Array, bit: number): void {
  if (column.kind === 'coded') {
    const codes = column.codes;
    for (let i = 0; i < codes.length; i++) if (codes[i] < 0) bits[i] |= bit;
    return;
  }
  const values = column.values;
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) bits[i] |= bit;
}
