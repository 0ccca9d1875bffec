import { describe, expect, it } from 'vitest';
import * as dfd from 'danfojs';
import { resultToTable } from '../../../../src/core/code/result-to-table.ts';
import { toDataFrame } from '../../../../src/core/code/table-to-columns.ts';
import { cellText, type Column, type Table } from '../../../../src/core/table/table.ts';
import { userError } from '../../helpers/user-error.ts';

function texts(t: Table): (string | null)[][] {
  return t.columns.map((c) => Array.from({ length: t.rowCount }, (_, r) => cellText(c, r)));
}
const types = (t: Table) => t.columns.map((c) => `${c.name}:${c.type}`);

function penguins(): Table {
  return {
    rowCount: 4,
    columns: [
      { kind: 'coded', name: 'species', type: 'categorical', codes: new Int32Array([0, 0, 1, -1]), dictionary: ['Adelie', 'Gentoo'] },
      { kind: 'numeric', name: 'bill_length_mm', type: 'float', values: new Float64Array([39.1, 39.5, NaN, 46.1]) },
      { kind: 'numeric', name: 'body_mass_g', type: 'float', values: new Float64Array([3750, 3800, 3250, 4500]) },
      { kind: 'numeric', name: 'year', type: 'integer', values: new Float64Array([2007, 2007, 2008, 2009]) },
      { kind: 'numeric', name: 'male', type: 'boolean', values: new Float64Array([1, 0, NaN, 1]) },
      { kind: 'numeric', name: 'seen', type: 'datetime', values: new Float64Array([Date.UTC(2007, 10, 11), NaN, Date.UTC(2008, 0, 2, 9, 30), 0]) },
    ],
  };
}

describe('resultToTable', () => {
  it('gives back the same table from a DataFrame the code left unchanged (types included)', () => {
    const input = penguins();
    const out = resultToTable(toDataFrame(dfd, input), input);
    expect(types(out)).toEqual(types(input));
    expect(texts(out)).toEqual(texts(input));
    expect(out.rowCount).toBe(4);
  });

  it('reads a column the code added with danfojs', () => {
    const input = penguins();
    const df = toDataFrame(dfd, input) as dfd.DataFrame;
    const withKg = df.addColumn('mass_kg', df.column('body_mass_g').div(1000)) as dfd.DataFrame;
    const out = resultToTable(withKg, input);
    const kg = out.columns.at(-1) as Column;
    expect(kg.name).toBe('mass_kg');
    expect(kg.type).toBe('float');
    expect(texts(out).at(-1)).toEqual(['3.75', '3.8', '3.25', '4.5']);
  });

  it('drops a filtered frame’s index (rows renumbered from 0)', () => {
    const input = penguins();
    const df = toDataFrame(dfd, input) as dfd.DataFrame;
    const later = df.query(df.column('year').gt(2007)) as dfd.DataFrame;
    const out = resultToTable(later, input);
    expect(out.rowCount).toBe(2);
    expect(texts(out)[3]).toEqual(['2008', '2009']);
  });

  it('reads a Series as one column, named after it', () => {
    const df = toDataFrame(dfd, penguins()) as dfd.DataFrame;
    const out = resultToTable(df.column('year'));
    expect(types(out)).toEqual(['year:integer']);
    expect(types(resultToTable(new dfd.Series([1.5, 2])))).toEqual(['value:float']);
  });

  it('reads records, with keys in order of first appearance and absent keys as missing', () => {
    const out = resultToTable([{ a: 1, b: 'x' }, { a: 2 }, { c: true, a: 3 }]);
    expect(types(out)).toEqual(['a:integer', 'b:categorical', 'c:boolean']);
    expect(texts(out)).toEqual([
      ['1', '2', '3'],
      ['x', null, null],
      [null, null, 'true'],
    ]);
  });

  it('reads an object of columns, typed arrays included', () => {
    const out = resultToTable({ x: new Float64Array([0.5, 1]), label: ['a', 'b'] });
    expect(types(out)).toEqual(['x:float', 'label:categorical']);
    expect(out.rowCount).toBe(2);
  });

  it('makes duplicate and blank names unique, as the loaders do', () => {
    // " a" trims to "a", which is taken; a blank name gets its position.
    expect(resultToTable({ a: [1], ' a': [2], '': [3] }).columns.map((c) => c.name)).toEqual(['a', 'a_2', 'column_3']);
  });

  it('says what is wrong with a value that is not a table', () => {
    expect(userError(() => resultToTable(undefined)).message).toMatch(/returned nothing/);
    expect(userError(() => resultToTable(undefined)).hint).toMatch(/return df/);
    expect(userError(() => resultToTable(42)).message).toMatch(/returned a number/);
    expect(userError(() => resultToTable('x')).message).toMatch(/returned a string/);
    expect(userError(() => resultToTable([])).message).toMatch(/empty array/);
    expect(userError(() => resultToTable([{ a: 1 }, 5])).message).toMatch(/Row 2 .* a number/);
    expect(userError(() => resultToTable({ a: [1, 2], b: 3 })).message).toMatch(/“b” .* a number/);
    expect(userError(() => resultToTable({})).message).toMatch(/without columns/);
    expect(userError(() => resultToTable(new Map())).message).toMatch(/returned a Map/);
  });

  it('refuses columns of different lengths, naming both', () => {
    const err = userError(() => resultToTable({ a: [1, 2, 3], b: [1, 2] }));
    expect(err.message).toContain('“b” has 2 values but “a” has 3');
  });
});
