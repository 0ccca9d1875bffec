// Where values are missing: a nullity matrix over sampled rows and the most frequent sets of missing columns.

import { isMissing, type Column, type Table } from '../table/table.ts';
import type { MissingPatterns } from './types.ts';

/**
 * Rows in the nullity matrix. ydata draws every row (missingno's matrix); a fixed sample keeps the
 * profile small for any table while still showing where gaps cluster.
 */
export const NULLITY_SAMPLE_ROWS = 250;
/** Combinations of missing columns listed. */
export const TOP_MISSING_COMBINATIONS = 10;

// Columns folded into one bit mask per refinement round (a positive 32-bit integer).
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
 * row and merges it with the row's group from the rounds before (a typed hash table numbers the
 * (group, mask) pairs), so any number of columns works without a string key per row; only columns
 * that have a missing cell take part.
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
    const ids = new PairIds();
    const next = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const g = group[i];
      const m = bits[i];
      if (g === 0 && m === 0) continue;
      next[i] = ids.idOf(g, m);
    }
    group = next;
    groupCount = ids.size + 1;
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

/** Numbers (group, mask) pairs 1, 2, 3… in the order first seen: open addressing over typed arrays. */
class PairIds {
  size = 0;
  private groups = new Int32Array(1024);
  private masks = new Int32Array(1024);
  private ids = new Int32Array(1024);

  idOf(group: number, mask: number): number {
    const slots = this.ids.length - 1;
    let s = hashPair(group, mask) & slots;
    for (;;) {
      const id = this.ids[s];
      if (id === 0) break;
      if (this.groups[s] === group && this.masks[s] === mask) return id;
      s = (s + 1) & slots;
    }
    const id = ++this.size;
    this.groups[s] = group;
    this.masks[s] = mask;
    this.ids[s] = id;
    if (this.size * 2 > slots) this.grow();
    return id;
  }

  private grow(): void {
    const { groups, masks, ids } = this;
    const capacity = ids.length * 2;
    this.groups = new Int32Array(capacity);
    this.masks = new Int32Array(capacity);
    this.ids = new Int32Array(capacity);
    for (let s = 0; s < ids.length; s++) {
      if (ids[s] === 0) continue;
      let t = hashPair(groups[s], masks[s]) & (capacity - 1);
      while (this.ids[t] !== 0) t = (t + 1) & (capacity - 1);
      this.groups[t] = groups[s];
      this.masks[t] = masks[s];
      this.ids[t] = ids[s];
    }
  }
}

function hashPair(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}
