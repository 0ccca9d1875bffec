// Deduplicate: drop rows equal to another on all columns or on some, keeping the first or the last (pandas drop_duplicates).

import type { Column } from '../../table/table.ts';
import { takeRows } from '../../table/take-rows.ts';
import { requireColumn, requireColumnList } from '../columns.ts';
import type { DedupeStep } from '../types.ts';
import type { StepImpl } from './step-impl.ts';

export const dedupeStep: StepImpl<DedupeStep> = {
  schema(columns, step) {
    if (step.columns.length) requireColumnList(columns, step.columns);
    return columns.slice();
  },
  apply(table, step) {
    const columns = step.columns.length ? step.columns.map((n) => requireColumn(table.columns, n)) : table.columns;
    const kept = uniqueRows(table.rowCount, columns, step.keep);
    const notes = kept.length === table.rowCount ? ['No duplicate rows.'] : undefined;
    return { table: kept.length === table.rowCount ? table : takeRows(table, kept), step, kept, notes };
  },
};

/**
 * The rows to keep, ascending: one per group of rows equal on `columns` (missing equals missing, 0 equals −0,
 * ±Infinity are values), the group's first or last. Rows are hashed from their typed arrays and grouped in an
 * open-addressing table; rows whose hashes meet are compared cell by cell, so a collision never merges rows.
 */
export function uniqueRows(n: number, columns: readonly Column[], keep: 'first' | 'last'): Int32Array {
  if (columns.length === 0) return n ? Int32Array.of(keep === 'first' ? 0 : n - 1) : new Int32Array(0);
  const hashes = rowHashes(n, columns);
  let capacity = 1;
  while (capacity < n * 2) capacity <<= 1;
  const mask = capacity - 1;
  const slots = new Int32Array(capacity).fill(-1);
  const equal = rowEquality(columns);
  const keepRow = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const r = keep === 'first' ? k : n - 1 - k;
    const h = hashes[r];
    let s = h & mask;
    for (;;) {
      const other = slots[s];
      if (other < 0) {
        slots[s] = r;
        keepRow[r] = 1;
        break;
      }
      if (hashes[other] === h && equal(other, r)) break;
      s = (s + 1) & mask;
    }
  }
  let count = 0;
  for (let r = 0; r < n; r++) count += keepRow[r];
  const out = new Int32Array(count);
  for (let r = 0, j = 0; r < n; r++) if (keepRow[r]) out[j++] = r;
  return out;
}

function rowHashes(n: number, columns: readonly Column[]): Int32Array {
  const h = new Int32Array(n);
  for (const column of columns) {
    if (column.kind === 'coded') {
      const codes = column.codes;
      for (let i = 0; i < n; i++) h[i] = mix(h[i], codes[i]);
      continue;
    }
    const values = column.values;
    const words = new Int32Array(values.buffer, values.byteOffset, n * 2);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      // Every NaN is one missing value whatever its bits, and −0 is 0.
      if (v !== v) h[i] = mix(mix(h[i], 0x7ff80000), 1);
      else if (v === 0) h[i] = mix(mix(h[i], 0), 0);
      else h[i] = mix(mix(h[i], words[2 * i]), words[2 * i + 1]);
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

function rowEquality(columns: readonly Column[]): (a: number, b: number) => boolean {
  const numeric: Float64Array[] = [];
  const coded: Int32Array[] = [];
  for (const c of columns) {
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
