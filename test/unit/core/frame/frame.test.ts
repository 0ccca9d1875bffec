import { describe, expect, it } from 'vitest';
import { analyzeTarget, classIndexByRow } from '../../../../src/core/frame/frame.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import type { CodedColumn, NumericColumn, Table } from '../../../../src/core/table/table.ts';

function num(name: string, values: number[], type: NumericColumn['type'] = 'float'): NumericColumn {
  return { kind: 'numeric', name, type, values: Float64Array.from(values) };
}
function coded(name: string, labels: (string | null)[], type: CodedColumn['type'] = 'categorical'): CodedColumn {
  const dictionary: string[] = [];
  const codes = Int32Array.from(labels, (l) => {
    if (l === null) return -1;
    let i = dictionary.indexOf(l);
    if (i < 0) i = dictionary.push(l) - 1;
    return i;
  });
  return { kind: 'coded', name, type, codes, dictionary };
}
function table(...columns: (NumericColumn | CodedColumn)[]): Table {
  return { rowCount: columns[0].kind === 'numeric' ? columns[0].values.length : columns[0].codes.length, columns };
}

describe('analyzeTarget', () => {
  it('detects classification for a categorical target and computes the majority baseline', () => {
    const t = table(
      coded('species', ['b', 'a', 'b', null, 'c', 'b']),
      num('x', [1, 2, 3, 4, 5, 6]),
    );
    const f = analyzeTarget(t, 'species');
    expect(f.task).toBe('classification');
    expect(f.detectedTask).toBe('classification');
    expect(f.classes).toEqual(['a', 'b', 'c']);
    expect(f.classCounts).toEqual([1, 3, 1]);
    expect(f.rowsWithTarget).toBe(5);
    expect(f.baseline).toEqual({ metric: 'accuracy', value: 3 / 5, label: 'b' });
    expect(f.features).toEqual(['x']);
  });

  it('treats booleans and small integer sets as classes, sorted numerically', () => {
    const t = table(num('flag', [0, 1, 1, 0], 'boolean'), num('k', [10, 2, 2, 10], 'integer'), num('x', [1, 2, 3, 4]));
    expect(analyzeTarget(t, 'flag').classes).toEqual(['false', 'true']);
    const k = analyzeTarget(t, 'k');
    expect(k.task).toBe('classification');
    expect(k.classes).toEqual(['2', '10']);
    expect(Array.from(classIndexByRow(t, k))).toEqual([1, 0, 0, 1]);
  });

  it('detects regression for floats and integers with many values, with a mean baseline', () => {
    const ints = Array.from({ length: 20 }, (_, i) => i);
    const t = table(num('y', ints, 'integer'), num('x', ints.map((i) => i * 2)));
    const f = analyzeTarget(t, 'y');
    expect(f.task).toBe('regression');
    const mean = 9.5;
    const rmse = Math.sqrt(ints.reduce((s, v) => s + (v - mean) ** 2, 0) / 20);
    expect(f.baseline.metric).toBe('rmse');
    if (f.baseline.metric === 'rmse') {
      expect(f.baseline.mean).toBeCloseTo(mean, 12);
      expect(f.baseline.value).toBeCloseTo(rmse, 12);
    }
  });

  it('honours a task override', () => {
    const t = table(num('k', [1, 2, 1, 2], 'integer'), num('x', [1, 2, 3, 4]));
    const f = analyzeTarget(t, 'k', 'regression');
    expect(f.task).toBe('regression');
    expect(f.detectedTask).toBe('classification');
  });

  it('excludes identifiers, text, constant and all-missing columns with reasons', () => {
    const t = table(
      num('y', [1.5, 2.5, 3.5, 4.5]),
      coded('id', ['a1', 'a2', 'a3', 'a4'], 'identifier'),
      coded('note', ['hello there', 'x y', 'z', 'w'], 'text'),
      num('same', [7, 7, NaN, 7]),
      num('empty', [NaN, NaN, NaN, NaN]),
      coded('colour', ['red', 'blue', 'red', null]),
      num('x', [1, 2, 3, 5]),
    );
    const f = analyzeTarget(t, 'y');
    expect(f.features).toEqual(['colour', 'x']);
    const reasons = Object.fromEntries(f.excluded.map((e) => [e.name, e.reason]));
    expect(reasons.id).toBe('identifier-like: every value is unique');
    expect(reasons.note).toMatch(/text/);
    expect(reasons.same).toBe('constant: every value is 7');
    expect(reasons.empty).toBe('all values are missing');
  });

  it('gives user errors for impossible targets', () => {
    const t = table(num('y', [1, 1, NaN]), num('none', [NaN, NaN, NaN]), coded('c', ['a', 'b', 'a']), num('x', [1, 2, 3]));
    expect(() => analyzeTarget(t, 'nope')).toThrow(UserError);
    expect(() => analyzeTarget(t, 'nope')).toThrow(/no column named "nope"/);
    expect(() => analyzeTarget(t, 'none')).toThrow(/no values/);
    expect(() => analyzeTarget(t, 'y')).toThrow('Target "y" has only one value (1): there is nothing to predict');
    expect(() => analyzeTarget(t, 'c', 'regression')).toThrow(/holds text, so it can't be a regression target/);
  });

  it('errors when no usable feature is left', () => {
    const t = table(num('y', [1, 2, 3]), coded('id', ['a', 'b', 'c'], 'identifier'), num('k', [4, 4, 4]));
    expect(() => analyzeTarget(t, 'y')).toThrow(/No usable features/);
  });

  it('treats infinite numeric targets as missing', () => {
    const t = table(num('y', [1, Infinity, 3, 4.5]), num('x', [1, 2, 3, 4]));
    expect(analyzeTarget(t, 'y').rowsWithTarget).toBe(3);
  });
});
