// Finds rows identical to an earlier row (pandas df.duplicated()) and the most frequent duplicated rows.

import type { Table } from '../table/table.ts';

/** Duplicated rows listed in a profile (ydata-profiling's duplicates.head). */
export const TOP_DUPLICATE_ROWS = 10;

export interface DuplicateGroup {
  /** The first row (0-based) holding these values. */
  row: number;
  /** How many rows hold them, the first included. */
  count: number;
}

export interface DuplicateSummary {
  /** Rows identical to an earlier row: rows − distinct rows. */
  duplicates: number;
  /** The most frequent duplicated rows, most frequent first (ties: earlier first row first). */
  groups: DuplicateGroup[];
}

/**
 * Counts duplicated rows as pandas `df.duplicated().sum()` does: a missing cell equals a missing cell,
 * 0 equals −0, and ±Infinity are values. Rows are hashed from the typed arrays (float bits, dictionary
 * codes) column by column, then put in order of their hashes by a radix sort (which keeps equal hashes in
 * row order), so rows that may be equal sit together; rows whose hashes meet are compared cell by cell, so
 * a hash collision never merges rows. Sorting touches memory in order, where a hash table would miss the
 * cache on nearly every row.
 */
export function findDuplicates(table: Table, top: number = TOP_DUPLICATE_ROWS): DuplicateSummary {
  const n = table.rowCount;
  // Without columns there is nothing to compare: pandas' duplicated() is then empty, its sum 0.
  if (n < 2 || table.columns.length === 0) return { duplicates: 0, groups: [] };
  const { hashes, order } = orderByHash(rowHashes(table));
  const equal = rowEquality(table);
  const found: DuplicateGroup[] = [];
  let groups = 0;
  // Per run of equal hashes: each group's first row and count (usually one group).
  const firsts: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; ) {
    const h = hashes[i];
    let j = i + 1;
    while (j < n && hashes[j] === h) j++;
    if (j - i === 1) {
      groups++;
      i = j;
      continue;
    }
    firsts.length = 0;
    counts.length = 0;
    for (let k = i; k < j; k++) {
      const row = order[k];
      let g = 0;
      while (g < firsts.length && !equal(firsts[g], row)) g++;
      if (g === firsts.length) {
        firsts.push(row);
        counts.push(1);
      } else counts[g]++;
    }
    groups += firsts.length;
    for (let g = 0; g < firsts.length; g++) if (counts[g] > 1) found.push({ row: firsts[g], count: counts[g] });
    i = j;
  }
  found.sort((a, b) => b.count - a.count || a.row - b.row);
  return { duplicates: n - groups, groups: found.slice(0, top) };
}

/** Digits of the hash sorted on per pass: three passes of 11 bits cover 32. */
const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;

/**
 * The hashes in ascending order (as unsigned) and the row each came from, rows with equal hashes in
 * ascending order: an LSD radix sort, which is stable.
 */
function orderByHash(hashes: Int32Array): { hashes: Uint32Array; order: Uint32Array } {
  const n = hashes.length;
  let keys = new Uint32Array(hashes.buffer, hashes.byteOffset, n).slice();
  let rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  let keysOut = new Uint32Array(n);
  let rowsOut = new Uint32Array(n);
  const counts = new Int32Array(RADIX);
  for (let shift = 0; shift < 32; shift += RADIX_BITS) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i] >>> shift) & (RADIX - 1)]++;
    let at = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = counts[d];
      counts[d] = at;
      at += c;
    }
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      const p = counts[(k >>> shift) & (RADIX - 1)]++;
      keysOut[p] = k;
      rowsOut[p] = rows[i];
    }
    [keys, keysOut] = [keysOut, keys];
    [rows, rowsOut] = [rowsOut, rows];
  }
  return { hashes: keys, order: rows };
}

/**
 * One 32-bit hash per row: each cell's bits folded in with a multiply and a shift, column after column,
 * then murmur3's finaliser. Equal rows get equal hashes; the grouping compares rows that meet anyway, so
 * the hash only has to spread rows over the table, which the finaliser's avalanche sees to.
 */
function rowHashes(table: Table): Int32Array {
  const n = table.rowCount;
  const h = new Int32Array(n);
  for (const column of table.columns) {
    if (column.kind === 'coded') {
      const codes = column.codes;
      for (let i = 0; i < n; i++) h[i] = fold(h[i], codes[i]);
      continue;
    }
    const values = column.values;
    const words = new Int32Array(values.buffer, values.byteOffset, n * 2);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      // Every NaN is one missing value, whatever its payload bits; −0 equals 0.
      const lo = v !== v || v === 0 ? 0 : words[2 * i];
      const hi = v !== v ? 0x7ff80000 : v === 0 ? 0 : words[2 * i + 1];
      h[i] = fold(fold(h[i], lo), hi);
    }
  }
  for (let i = 0; i < n; i++) h[i] = finish(h[i]);
  return h;
}

function fold(h: number, word: number): number {
  h = Math.imul(h ^ word, 0x9e3779b1);
  return h ^ (h >>> 15);
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Whether two rows hold the same cells (missing equals missing; 0 equals −0 through ===). */
function rowEquality(table: Table): (a: number, b: number) => boolean {
  const numeric: Float64Array[] = [];
  const coded: Int32Array[] = [];
  for (const c of table.columns) {
    if (c.kind === 'numeric') numeric.push(c.values);
    else coded.push(c.codes);
  }
  return (a, b) => {
    for (let j = 0; j < coded.length; j++) if (coded[j][a] !== coded[j][b]) return false;
    for (let j = 0; j < numeric.length; j++) {
      const x = numeric[j][a];
      const y = numeric[j][b];
      if (x !== y && (x === x || y === y)) return false;
    }
    return true;
  };
}
