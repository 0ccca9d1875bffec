import { describe, expect, it } from 'vitest';
import { valuesToColumn } from '../../../../src/core/code/values-to-column.ts';
import { inferColumn } from '../../../../src/core/parse/infer-column.ts';
import type { Column } from '../../../../src/core/table/table.ts';
import { userError } from '../../helpers/user-error.ts';

function numbers(c: Column): number[] {
  if (c.kind !== 'numeric') throw new Error('expected a numeric column');
  return Array.from(c.values);
}

describe('valuesToColumn', () => {
  it('stores numbers as integer when every one is a safe integer, else float; missing as NaN', () => {
    const ints = valuesToColumn('n', [1, -2, null, undefined, NaN, 0]);
    expect(ints.type).toBe('integer');
    expect(numbers(ints)).toEqual([1, -2, NaN, NaN, NaN, 0]);
    expect(valuesToColumn('x', [1, 2.5]).type).toBe('float');
    expect(valuesToColumn('x', [1, Infinity]).type).toBe('float');
    // As the loaders read "9007199254740993": beyond 2^53 a whole number is not exact.
    expect(valuesToColumn('x', [2 ** 53, 1]).type).toBe('float');
    expect(valuesToColumn('x', new Float32Array([1, 2])).type).toBe('integer');
  });

  it('takes booleans as 0/1 and Dates as epoch milliseconds', () => {
    const b = valuesToColumn('b', [true, false, null]);
    expect(b.type).toBe('boolean');
    expect(numbers(b)).toEqual([1, 0, NaN]);
    const d = valuesToColumn('d', [new Date('2024-02-29T12:00:00Z'), new Date(NaN), null]);
    expect(d.type).toBe('datetime');
    expect(numbers(d)).toEqual([Date.UTC(2024, 1, 29, 12), NaN, NaN]);
  });

  it('reads strings, and mixes of kinds, with the loaders’ rules', () => {
    const texts = ['1', '2', 'NA', null, '3'];
    expect(valuesToColumn('s', texts)).toEqual(inferColumn('s', texts));
    expect(valuesToColumn('s', ['Adelie', 'Gentoo', 'Adelie'])).toEqual(inferColumn('s', ['Adelie', 'Gentoo', 'Adelie']));
    // 1 and "x" are read as the texts "1" and "x".
    const mixed = valuesToColumn('m', [1, 'x', null, true]);
    expect(mixed).toEqual(inferColumn('m', ['1', 'x', null, 'true']));
    expect(valuesToColumn('iso', ['2024-01-01', '2024-01-02']).type).toBe('datetime');
  });

  it('treats an all-missing column as float, as inference does', () => {
    expect(valuesToColumn('e', [null, undefined, NaN]).type).toBe(inferColumn('e', [null, null, null]).type);
    expect(valuesToColumn('e', []).type).toBe('float');
  });

  it('keeps the type of a same-named input column the values still fit', () => {
    const floatIn: Column = { kind: 'numeric', name: 'mass', type: 'float', values: new Float64Array([3750.5]) };
    expect(valuesToColumn('mass', [3750, 3800], floatIn).type).toBe('float');
    expect(valuesToColumn('mass', ['3750', '3800'], floatIn).type).toBe('float');
    const catIn: Column = { kind: 'coded', name: 'id', type: 'categorical', codes: new Int32Array([0]), dictionary: ['a'] };
    const ids = Array.from({ length: 40 }, (_, i) => `id${i}`);
    expect(inferColumn('id', ids).type).toBe('identifier');
    expect(valuesToColumn('id', ids, catIn).type).toBe('categorical');
    // Values that no longer fit the input's type get their own.
    expect(valuesToColumn('mass', ['heavy', 'light'], floatIn).type).toBe('categorical');
  });

  it('refuses objects and arrays as cells, naming the column and the row', () => {
    const err = userError(() => valuesToColumn('obj', [1, 2, { a: 1 }]));
    expect(err.message).toContain('“obj”');
    expect(err.message).toContain('row 3');
    expect(err.hint).toMatch(/JSON\.stringify/);
    expect(userError(() => valuesToColumn('arr', [[1, 2]])).message).toContain('a list');
  });
});
