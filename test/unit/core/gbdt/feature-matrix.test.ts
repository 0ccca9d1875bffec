import { describe, expect, it } from 'vitest';
import { checkMatrix, gatherColumn, gatherColumns } from '../../../../src/core/gbdt/feature-matrix.ts';

describe('feature matrices', () => {
  // 3 rows × 4 features, row-major, and the same as columns.
  const rowMajor = Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, NaN);
  const columns = [Float64Array.of(1, 5, 9), Float64Array.of(2, 6, 10), Float64Array.of(3, 7, 11), Float64Array.of(4, 8, NaN)];

  it('gathers one feature, or several in one pass, for all rows or chosen ones, from either layout', () => {
    for (const X of [rowMajor, columns]) {
      expect(Array.from(gatherColumn(X, 4, 3, null, 3, new Float64Array(3)))).toEqual([4, 8, NaN]);
      expect(Array.from(gatherColumn(X, 4, 1, Int32Array.of(2, 0), 2, new Float64Array(2)))).toEqual([10, 2]);
      const out = [new Float64Array(2), new Float64Array(2)];
      gatherColumns(X, 4, 1, Int32Array.of(1, 2), 2, out);
      expect(out.map((c) => Array.from(c))).toEqual([
        [6, 10],
        [7, 11],
      ]);
    }
  });

  it('says what does not add up', () => {
    expect(() => checkMatrix(rowMajor, 3, 4)).not.toThrow();
    expect(() => checkMatrix(columns, 3, 4)).not.toThrow();
    expect(() => checkMatrix(rowMajor, 4, 4)).toThrow(/12 values, not 4 rows × 4 columns/);
    expect(() => checkMatrix(columns, 3, 5)).toThrow(/4 columns, not 5/);
    expect(() => checkMatrix([...columns.slice(0, 3), Float64Array.of(1)], 3, 4)).toThrow(/column 4 holds 1 values, not 3/);
    expect(() => checkMatrix(rowMajor, 3, 0)).toThrow(/at least one column/);
  });
});
