import { describe, expect, it } from 'vitest';
import { headTable, takeRows } from '../../../../src/core/table/take-rows.ts';
import type { Table } from '../../../../src/core/table/table.ts';

function sample(): Table {
  return {
    rowCount: 5,
    columns: [
      { kind: 'numeric', name: 'x', type: 'float', values: Float64Array.of(1, NaN, 3, -0, Infinity), invalid: { count: 1, examples: [{ row: 1, text: 'oops' }] } },
      { kind: 'coded', name: 'c', type: 'categorical', codes: Int32Array.of(0, 1, -1, 0, 2), dictionary: ['a', 'b', 'z'] },
    ],
  };
}

describe('takeRows', () => {
  it('takes rows in the order given, repeats included, keeping missing values and dictionaries', () => {
    const t = sample();
    const out = takeRows(t, [4, 0, 2, 0]);
    expect(out.rowCount).toBe(4);
    const x = out.columns[0];
    const c = out.columns[1];
    expect(x.kind === 'numeric' && Array.from(x.values)).toEqual([Infinity, 1, 3, 1]);
    expect(c.kind === 'coded' && Array.from(c.codes)).toEqual([2, 0, -1, 0]);
    // Same dictionary object: codes keep their meaning without re-encoding.
    expect(c.kind === 'coded' && c.dictionary).toBe((t.columns[1] as { dictionary: string[] }).dictionary);
    expect(x.name).toBe('x');
    expect(x.type).toBe('float');
  });

  it('copies: writing to the result leaves the source alone', () => {
    const t = sample();
    const out = takeRows(t, Int32Array.of(0, 1));
    (out.columns[0] as { values: Float64Array }).values[0] = 99;
    expect((t.columns[0] as { values: Float64Array }).values[0]).toBe(1);
  });

  it('drops load-time invalid counts, which describe the source rows', () => {
    expect(takeRows(sample(), [1]).columns[0].invalid).toBeUndefined();
  });

  it('gives an empty table for no rows, and rejects rows outside the table', () => {
    const out = takeRows(sample(), []);
    expect(out.rowCount).toBe(0);
    expect(out.columns.map((c) => c.name)).toEqual(['x', 'c']);
    expect(() => takeRows(sample(), [5])).toThrow(RangeError);
    expect(() => takeRows(sample(), [-1])).toThrow(RangeError);
    expect(() => takeRows(sample(), [1.5])).toThrow(RangeError);
  });

  it('headTable copies the first rows, or returns a table no longer than asked', () => {
    const t = sample();
    const head = headTable(t, 2);
    expect(head.rowCount).toBe(2);
    expect(Array.from((head.columns[0] as { values: Float64Array }).values)).toEqual([1, NaN]);
    expect(headTable(t, 10)).toBe(t);
  });
});
