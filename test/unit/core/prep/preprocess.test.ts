import { describe, expect, it } from 'vitest';
import { featureNames, fitPreprocessing, transformRows } from '../../../../src/core/prep/preprocess.ts';
import { encodeTarget } from '../../../../src/core/prep/target.ts';
import { analyzeTarget } from '../../../../src/core/frame/frame.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import type { Table } from '../../../../src/core/table/table.ts';

function sample(): Table {
  return {
    rowCount: 6,
    columns: [
      { kind: 'numeric', name: 'x', type: 'float', values: Float64Array.of(1, 3, NaN, 5, 1000, Infinity) },
      { kind: 'coded', name: 'c', type: 'categorical', codes: Int32Array.of(0, 1, 0, -1, 2, 1), dictionary: ['red', 'blue', 'green'] },
      { kind: 'numeric', name: 'flag', type: 'boolean', values: Float64Array.of(1, 1, 1, 1, 0, 0) },
      { kind: 'coded', name: 'y', type: 'categorical', codes: Int32Array.of(1, 0, 1, 0, 1, 0), dictionary: ['no', 'yes'] },
    ],
  };
}
const train = Int32Array.of(0, 1, 2, 3);

describe('fitPreprocessing', () => {
  it('fits on the training rows only: a test-row outlier does not move the mean', () => {
    const spec = fitPreprocessing(sample(), ['x'], train);
    const x = spec.features[0];
    if (x.kind !== 'numeric') throw new Error('numeric expected');
    // Training values 1, 3, 5 (row 2 missing): mean 3, population std sqrt(8/3). Row 4 (1000) is a test row.
    expect(x.mean).toBe(3);
    expect(x.impute).toBe(3);
    expect(x.std).toBeCloseTo(Math.sqrt(8 / 3), 12);
  });

  it('one-hot encodes training categories only, imputing the mode and zeroing unseen ones', () => {
    const t = sample();
    const spec = fitPreprocessing(t, ['x', 'c', 'flag'], train);
    expect(featureNames(spec)).toEqual(['x', 'c=red', 'c=blue', 'flag']);
    expect(spec.outputWidth).toBe(4);
    const c = spec.features[1];
    expect(c).toEqual({ name: 'c', kind: 'onehot', categories: ['red', 'blue'], impute: 'red' });
    const flag = spec.features[2];
    // Booleans are constant (1) on the training rows: std falls back to 1 so values map to 0, not NaN.
    expect(flag).toMatchObject({ kind: 'numeric', mean: 1, std: 1 });

    const out = transformRows(spec, t, Int32Array.of(0, 1, 2, 3, 4, 5));
    const rows = Array.from({ length: 6 }, (_, i) => Array.from(out.subarray(i * 4, i * 4 + 4)));
    const s = Math.sqrt(8 / 3);
    expect(rows[0][0]).toBeCloseTo((1 - 3) / s, 6);
    expect(rows[2][0]).toBe(0); // missing → mean → 0
    expect(rows[5][0]).toBe(0); // Infinity → impute
    expect(rows[3].slice(1, 3)).toEqual([1, 0]); // missing category → mode (red)
    expect(rows[4].slice(1, 3)).toEqual([0, 0]); // unseen green → zeros
    expect(rows[1].slice(1, 3)).toEqual([0, 1]);
    expect(rows[4][3]).toBe(-1);
    for (const v of out) expect(Number.isFinite(v)).toBe(true);
  });

  it('caps one-hot width at the 50 most frequent categories', () => {
    const dictionary = Array.from({ length: 60 }, (_, i) => `k${i}`);
    // Category i appears 60 - i times, so k0..k49 are the 50 most frequent.
    const codes: number[] = [];
    for (let i = 0; i < 60; i++) for (let j = 0; j < 60 - i; j++) codes.push(i);
    const t: Table = {
      rowCount: codes.length,
      columns: [{ kind: 'coded', name: 'k', type: 'categorical', codes: Int32Array.from(codes), dictionary }],
    };
    const spec = fitPreprocessing(t, ['k'], Int32Array.from({ length: codes.length }, (_, i) => i));
    expect(spec.outputWidth).toBe(50);
    const f = spec.features[0];
    if (f.kind !== 'onehot') throw new Error('onehot expected');
    expect(f.categories[0]).toBe('k0');
    expect(f.categories).not.toContain('k55');
  });

  it('is plain JSON that survives a round trip', () => {
    const spec = fitPreprocessing(sample(), ['x', 'c'], train);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    expect(spec.version).toBe(1);
  });

  it('reports a missing or mistyped column as a user error', () => {
    const t = sample();
    const spec = fitPreprocessing(t, ['x', 'c'], train);
    const other: Table = { rowCount: 1, columns: [{ kind: 'numeric', name: 'c', type: 'float', values: Float64Array.of(1) }] };
    expect(() => transformRows(spec, other, Int32Array.of(0))).toThrow(UserError);
    const swapped: Table = {
      rowCount: 1,
      columns: [
        { kind: 'numeric', name: 'x', type: 'float', values: Float64Array.of(1) },
        { kind: 'numeric', name: 'c', type: 'float', values: Float64Array.of(1) },
      ],
    };
    expect(() => transformRows(spec, swapped, Int32Array.of(0))).toThrow(/trained on categories/);
  });
});

describe('encodeTarget', () => {
  it('gives class indices in the frame order, and raw values for regression', () => {
    const t = sample();
    const frame = analyzeTarget(t, 'y');
    expect(frame.classes).toEqual(['no', 'yes']);
    expect(Array.from(encodeTarget(t, frame, Int32Array.of(0, 1, 2)))).toEqual([1, 0, 1]);
    const reg: Table = {
      rowCount: 3,
      columns: [
        { kind: 'numeric', name: 'v', type: 'float', values: Float64Array.of(1.5, -2, 8) },
        { kind: 'numeric', name: 'w', type: 'float', values: Float64Array.of(1, 2, 3) },
      ],
    };
    const rf = analyzeTarget(reg, 'v');
    expect(Array.from(encodeTarget(reg, rf, Int32Array.of(2, 0)))).toEqual([8, 1.5]);
  });
});
