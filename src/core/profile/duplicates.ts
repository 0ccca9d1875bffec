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
 * codes) column by column, then grouped in an open-addressing table whose slots hold the first row of
 * each group; rows whose hashes meet are compared cell by cell, so a hash collision never merges rows.
 */
export function findDuplicates(table: Table, top: number = TOP_DUPLICATE_ROWS): DuplicateSummary {
  const n = table.rowCount;
  // Without columns there is nothing to compare: pandas' duplicated() is then empty, its sum 0.
  if (n < 2 || table.columns.length === 0) return { duplicates: 0, groups: [] };
  const hashes = rowHashes(table);
  let capacity = 1;
  while (capacity < n * 2) capacity <<= 1;
  const mask = capacity - 1;
  const slotRow = new Int32Array(capacity).fill(-1);
  const slotHash = new Int32Array(capacity);
  const slotCount = new Int32Array(capacity);
  const equal = rowEquality(table);
  let groups = 0;
  for (let r = 0; r < n; r++) {
    const h = hashes[r];
    let s = h & mask;
    for (;;) {
      const first = slotRow[s];
      if (first < 0) {
        slotRow[s] = r;
        slotHash[s] = h;
        slotCount[s] = 1;
        groups++;
        break;
      }
      if (slotHash[s] === h && equal(first, r)) {
        slotCount[s]++;
        break;
      }
      s = (s + 1) & mask;
    }
  }
  return { duplicates: n - groups, groups: topGroups(slotRow, slotCount, top) };
}

function topGroups(slotRow: Int32Array, slotCount: Int32Array, top: number): DuplicateGroup[] {
  const found: DuplicateGroup[] = [];
  for (let s = 0; s < slotRow.length; s++) if (slotCount[s] > 1) found.push({ row: slotRow[s], count: slotCount[s] });
  found.sort((a, b) => b.count - a.count || a.row - b.row);
  return found.slice(0, top);
}

/** One 32-bit hash per row (murmur3 mixing of each cell's bits, column after column, then finalised). */
function rowHashes(table: Table): Int32Array {
  const n = table.rowCount;
  const h = new Int32Array(n);
  for (const column of table.columns) {
    if (column.kind === 'coded') {
      const codes = column.codes;
      for (let i = 0; i < n; i++) h[i] = mix(h[i], codes[i]);
      continue;
    }
    const values = column.values;
    const words = new Int32Array(values.buffer, values.byteOffset, n * 2);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== v) {
        // Every NaN is one missing value, whatever its payload bits.
        h[i] = mix(mix(h[i], 0x7ff80000), 1);
      } else if (v === 0) {
        h[i] = mix(mix(h[i], 0), 0);
      } else {
        h[i] = mix(mix(h[i], words[2 * i]), words[2 * i + 1]);
      }
    }
  }
  for (let i = 0; i < n; i++) h[i] = finish(h[i]);
  return h;
}

function mix(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
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
