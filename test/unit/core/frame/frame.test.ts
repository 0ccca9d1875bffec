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

describe('analyzeTarget: the metric that matters and the baseline under every metric', () => {
  // 10 rows: a ×5, b ×3, c ×2. The baseline answers "a" with the class shares as probabilities.
  const labels = ['a', 'b', 'a', 'c', 'a', 'b', 'a', 'c', 'b', 'a'];
  const t = table(coded('y', labels), num('x', labels.map((_, i) => i * 1.5)));
  const shares = [0.5, 0.3, 0.2];

  it('defaults to accuracy and scores the majority/prior baseline under each classification metric', () => {
    const f = analyzeTarget(t, 'y');
    expect(f.metric).toBe('accuracy');
    const s = f.baselineScores!;
    // Closed forms for a constant answer "a" and constant prior probabilities.
    expect(s.accuracy).toBeCloseTo(0.5, 12);
    expect(s.balanced_accuracy).toBeCloseTo(1 / 3, 12); // recall 1 for "a", 0 for the others
    const f1a = (2 * 0.5 * 1) / (0.5 + 1); // precision 0.5, recall 1
    expect(s.f1).toBeCloseTo(f1a / 3, 12); // macro over three classes
    expect(s.roc_auc).toBeCloseTo(0.5, 12); // every row scored alike
    const entropy = -shares.reduce((a, p) => a + p * Math.log(p), 0);
    expect(s.log_loss).toBeCloseTo(entropy, 12);
  });

  it('keeps a chosen metric of the task and falls back to the default for one of another task', () => {
    expect(analyzeTarget(t, 'y', undefined, { metric: 'balanced_accuracy' }).metric).toBe('balanced_accuracy');
    expect(analyzeTarget(t, 'y', undefined, { metric: 'rmse' }).metric).toBe('accuracy');
    expect(analyzeTarget(t, 'y', undefined, { metric: 'nonsense' }).metric).toBe('accuracy');
  });

  it('scores the mean baseline under each regression metric', () => {
    const y = [2, 4, 4, 6, 9];
    const r = table(num('y', y), num('x', [1, 2, 3, 4, 5]));
    const f = analyzeTarget(r, 'y', undefined, { metric: 'mae' });
    expect(f.task).toBe('regression');
    expect(f.metric).toBe('mae');
    const mean = 5;
    const s = f.baselineScores!;
    expect(s.rmse).toBeCloseTo(Math.sqrt(y.reduce((a, v) => a + (v - mean) ** 2, 0) / 5), 12);
    expect(s.mae).toBeCloseTo(y.reduce((a, v) => a + Math.abs(v - mean), 0) / 5, 12);
    expect(s.r2).toBeCloseTo(0, 12);
    expect(s.mape).toBeCloseTo(y.reduce((a, v) => a + Math.abs(v - mean) / Math.abs(v), 0) / 5, 12);
  });
});

describe('analyzeTarget: feature choices', () => {
  const rowNumber = Array.from({ length: 25 }, (_, i) => i + 1);
  const t = table(
    num('y', rowNumber.map((i) => (i * 7) % 11)),
    num('id', rowNumber, 'integer'),
    coded('code', rowNumber.map((i) => `c${i}`), 'identifier'),
    num('same', rowNumber.map(() => 3)),
    num('x', rowNumber.map((i) => Math.sin(i))),
    num('z', rowNumber.map((i) => i % 4)),
  );

  it('leaves out a column that counts up by one like a row number, but not a shuffled or gapped one', () => {
    const f = analyzeTarget(t, 'y', 'regression');
    const id = f.excluded.find((e) => e.name === 'id');
    expect(id?.reason).toMatch(/row number/);
    expect(id?.canAdd).toBe(true);
    const gapped = table(num('y', rowNumber.map((i) => i % 3)), num('k', rowNumber.map((i) => i * 2), 'integer'), num('x', rowNumber));
    expect(analyzeTarget(gapped, 'y', 'regression').features).toContain('k');
    const few = table(num('y', [1, 2, 1, 2]), num('k', [1, 2, 3, 4], 'integer'));
    expect(analyzeTarget(few, 'y', 'regression').features).toEqual(['k']);
  });

  it('marks identifier-like columns as addable and useless ones as not', () => {
    const f = analyzeTarget(t, 'y', 'regression');
    const by = Object.fromEntries(f.excluded.map((e) => [e.name, e]));
    expect(by.code.canAdd).toBe(true);
    expect(by.same.canAdd).toBeUndefined();
  });

  it('drops and adds columns as the user chose, in table order, and ignores columns that cannot be added', () => {
    const f = analyzeTarget(t, 'y', 'regression', { dropped: ['x'], added: ['code', 'same', 'id'] });
    expect(f.features).toEqual(['id', 'code', 'z']);
    expect(f.added?.map((e) => e.name)).toEqual(['id', 'code']);
    const x = f.excluded.find((e) => e.name === 'x');
    expect(x).toEqual({ name: 'x', reason: 'left out by you', canAdd: true, byUser: true });
    expect(f.excluded.some((e) => e.name === 'same')).toBe(true);
  });

  it('refuses a frame with every feature unticked, saying what to do', () => {
    try {
      analyzeTarget(t, 'y', 'regression', { dropped: ['x', 'z'] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).message).toMatch(/No features are ticked/);
      expect((e as UserError).hint).toMatch(/Tick at least one/);
    }
  });

  it('reports numeric features holding ±Infinity with their count and first row', () => {
    const r = table(num('y', [1, 2, 3, 4, 5]), num('x', [1, Infinity, 3, -Infinity, 5]), num('w', [1, 2, 3, 4, 6]));
    const f = analyzeTarget(r, 'y', 'regression');
    expect(f.nonFinite).toEqual([{ feature: 'x', count: 2, firstRow: 1 }]);
  });

  it('says what to do about a target with one class', () => {
    const r = table(coded('y', ['a', 'a', null]), num('x', [1, 2, 3]));
    try {
      analyzeTarget(r, 'y');
      expect.unreachable();
    } catch (e) {
      expect((e as UserError).message).toBe('Target "y" has only one value (a): there is nothing to predict');
      expect((e as UserError).hint).toMatch(/varies/);
    }
  });
});
