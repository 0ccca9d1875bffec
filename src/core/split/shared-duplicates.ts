// Finds test rows whose feature values repeat a training row's: the model has seen their answer already.

import { UserError } from '../errors/user-error.ts';
import { hashWords } from '../profile/float-hash.ts';
import { getColumn, type Column, type Table } from '../table/table.ts';

export interface SharedDuplicates {
  /** Test rows whose values in the compared columns equal some training row's. */
  count: number;
  /** Those test rows, ascending. */
  testRows: Int32Array;
  /** For each of them, the first training row (in the order given) holding the same values. */
  trainRows: Int32Array;
}

const SEED = 0x5bd1e995;

/**
 * Compares the test rows with the training rows on `columns` (the features: duplicates that differ only in
 * the target still leak). A missing cell equals a missing cell, 0 equals −0 and ±Infinity are values, as in
 * the profile's duplicate count. Training rows are hashed into an open-addressing table; a test row whose
 * hash meets one is compared cell by cell, so a hash collision never counts as a duplicate.
 */
export function sharedDuplicateRows(
  table: Table,
  trainRows: Int32Array,
  testRows: Int32Array,
  columns: readonly string[],
): SharedDuplicates {
  const cols: Column[] = columns.map((name) => {
    const c = getColumn(table, name);
    if (!c) throw new UserError(`There is no column named "${name}" to compare rows on`);
    return c;
  });
  if (cols.length === 0 || trainRows.length === 0 || testRows.length === 0) {
    return { count: 0, testRows: new Int32Array(0), trainRows: new Int32Array(0) };
  }
  const hashOf = rowHasher(cols);
  const equal = rowEquality(cols);
  let capacity = 1;
  while (capacity < trainRows.length * 2) capacity <<= 1;
  const mask = capacity - 1;
  const slotRow = new Int32Array(capacity).fill(-1);
  const slotHash = new Int32Array(capacity);
  for (const r of trainRows) {
    const h = hashOf(r);
    let s = h & mask;
    for (;;) {
      const held = slotRow[s];
      if (held < 0) {
        slotRow[s] = r;
        slotHash[s] = h;
        break;
      }
      if (slotHash[s] === h && equal(held, r)) break;
      s = (s + 1) & mask;
    }
  }
  const foundTest: number[] = [];
  const foundTrain: number[] = [];
  for (const r of testRows) {
    const h = hashOf(r);
    let s = h & mask;
    for (;;) {
      const held = slotRow[s];
      if (held < 0) break;
      if (slotHash[s] === h && equal(held, r)) {
        foundTest.push(r);
        foundTrain.push(held);
        break;
      }
      s = (s + 1) & mask;
    }
  }
  const order = foundTest.map((_, i) => i).sort((a, b) => foundTest[a] - foundTest[b]);
  return {
    count: foundTest.length,
    testRows: Int32Array.from(order, (i) => foundTest[i]),
    trainRows: Int32Array.from(order, (i) => foundTrain[i]),
  };
}

/** A 32-bit hash of one row's cells: each cell's words fed through MurmurHash3, chained column after column. */
function rowHasher(cols: Column[]): (row: number) => number {
  const scratch = new Float64Array(1);
  const words = new Int32Array(scratch.buffer);
  return (row) => {
    let h = SEED;
    for (const c of cols) {
      if (c.kind === 'coded') {
        h = hashWords(c.codes[row], 1, h);
        continue;
      }
      const v = c.values[row];
      if (v !== v) h = hashWords(0x7ff80000, 2, h);
      else {
        scratch[0] = v === 0 ? 0 : v;
        h = hashWords(words[0], words[1], h);
      }
    }
    return h | 0;
  };
}

function rowEquality(cols: Column[]): (a: number, b: number) => boolean {
  return (a, b) => {
    for (const c of cols) {
      if (c.kind === 'coded') {
        if (c.codes[a] !== c.codes[b]) return false;
        continue;
      }
      const x = c.values[a];
      const y = c.values[b];
      if (x !== y && (x === x || y === y)) return false;
    }
    return true;
  };
}
