import { describe, expect, it } from 'vitest';
import { sharedDuplicateRows } from '../../../../src/core/split/shared-duplicates.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import type { Table } from '../../../../src/core/table/table.ts';

function table(): Table {
  // Rows 0-9 train, 10-19 test. Test rows 10, 13 and 17 repeat training rows on x and c (17 differs in y only).
  const x = [1, 2, 3, NaN, 5, 6, 0, 8, 9, 10, /* test */ 2, 2, 30, NaN, 50, 60, 70, -0, 90, 100];
  const c = [0, 1, 0, 1, -1, 1, 2, 0, 1, 0, /* test */ 1, 0, 0, 1, 2, 1, 2, 2, 0, 1];
  const y = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, /* test */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
  return {
    rowCount: 20,
    columns: [
      { kind: 'numeric', name: 'x', type: 'float', values: Float64Array.from(x) },
      { kind: 'coded', name: 'c', type: 'categorical', codes: Int32Array.from(c), dictionary: ['a', 'b', 'z'] },
      { kind: 'numeric', name: 'y', type: 'integer', values: Float64Array.from(y) },
    ],
  };
}
const train = Int32Array.from({ length: 10 }, (_, i) => i);
const test = Int32Array.from({ length: 10 }, (_, i) => 10 + i);

describe('sharedDuplicateRows', () => {
  it('counts test rows equal to a training row on the compared columns (missing = missing, 0 = -0)', () => {
    const s = sharedDuplicateRows(table(), train, test, ['x', 'c']);
    expect(s.count).toBe(3);
    expect(Array.from(s.testRows)).toEqual([10, 13, 17]);
    expect(Array.from(s.trainRows)).toEqual([1, 3, 6]);
  });

  it('depends on the columns compared', () => {
    expect(sharedDuplicateRows(table(), train, test, ['x', 'c', 'y']).count).toBe(2);
    // On x alone row 11 (x = 2) also repeats training row 1.
    expect(Array.from(sharedDuplicateRows(table(), train, test, ['x']).testRows)).toEqual([10, 11, 13, 17]);
  });

  it('never counts a hash collision: thousands of distinct rows share nothing', () => {
    const n = 20_000;
    const t: Table = {
      rowCount: n,
      columns: [{ kind: 'numeric', name: 'v', type: 'float', values: Float64Array.from({ length: n }, (_, i) => i * 0.5) }],
    };
    const tr = Int32Array.from({ length: n / 2 }, (_, i) => 2 * i);
    const te = Int32Array.from({ length: n / 2 }, (_, i) => 2 * i + 1);
    expect(sharedDuplicateRows(t, tr, te, ['v']).count).toBe(0);
  });

  it('names an unknown column', () => {
    expect(() => sharedDuplicateRows(table(), train, test, ['nope'])).toThrow(UserError);
  });
});
