import { describe, expect, it } from 'vitest';
import * as dfd from 'danfojs';
import { columnValues, tableToColumns, toDataFrame } from '../../../../src/core/code/table-to-columns.ts';
import type { Table } from '../../../../src/core/table/table.ts';

const DAY = 86_400_000;

/** Every column type, with a missing value in each column (row 2). */
function sample(): Table {
  return {
    rowCount: 3,
    columns: [
      { kind: 'numeric', name: 'n', type: 'integer', values: new Float64Array([1, -2, NaN]) },
      { kind: 'numeric', name: 'x', type: 'float', values: new Float64Array([0.5, Infinity, NaN]) },
      { kind: 'numeric', name: 'b', type: 'boolean', values: new Float64Array([1, 0, NaN]) },
      { kind: 'numeric', name: 'd', type: 'datetime', values: new Float64Array([0, 40 * DAY, NaN]) },
      { kind: 'coded', name: 'c', type: 'categorical', codes: new Int32Array([1, 0, -1]), dictionary: ['a', 'b'] },
    ],
  };
}

describe('columnValues', () => {
  it('gives numbers with NaN, booleans, ISO dates and strings with null for missing', () => {
    const t = sample();
    expect(columnValues(t.columns[0])).toEqual([1, -2, NaN]);
    expect(columnValues(t.columns[1])).toEqual([0.5, Infinity, NaN]);
    expect(columnValues(t.columns[2])).toEqual([true, false, null]);
    expect(columnValues(t.columns[3])).toEqual(['1970-01-01', '1970-02-10', null]);
    const stamp = { kind: 'numeric', name: 't', type: 'datetime', values: new Float64Array([Date.UTC(2024, 1, 29, 13, 5, 7, 250)]) } as const;
    expect(columnValues(stamp)).toEqual(['2024-02-29T13:05:07.250Z']);
    expect(columnValues(t.columns[4])).toEqual(['b', 'a', null]);
  });

  it('returns plain arrays, which danfojs accepts, not typed arrays', () => {
    for (const values of Object.values(tableToColumns(sample()))) expect(Array.isArray(values)).toBe(true);
  });
});

describe('toDataFrame (danfojs)', () => {
  it('builds a frame with the table’s columns, in order, and its values', () => {
    const df = toDataFrame(dfd, sample()) as dfd.DataFrame;
    expect(df.columns).toEqual(['n', 'x', 'b', 'd', 'c']);
    expect(df.shape).toEqual([3, 5]);
    expect(df.column('c').values).toEqual(['b', 'a', null]);
    expect(df.column('n').values).toEqual([1, -2, NaN]);
    // danfojs sees the missing cells as missing.
    expect((df.isNa().values as boolean[][])[2]).toEqual([true, true, true, true, true]);
    // Dates work with its dt accessor (months are 0-based there), missing one included.
    expect(df.column('d').dt.month().values).toEqual([0, 1, NaN]);
  });

  it('builds an empty frame that keeps the column names', () => {
    const t = sample();
    const empty: Table = { rowCount: 0, columns: t.columns.map((c) => (c.kind === 'numeric' ? { ...c, values: new Float64Array(0) } : { ...c, codes: new Int32Array(0) })) };
    const df = toDataFrame(dfd, empty) as dfd.DataFrame;
    expect(df.columns).toEqual(['n', 'x', 'b', 'd', 'c']);
    expect(df.shape[0]).toBe(0);
  });
});
