import { describe, expect, it } from 'vitest';
import { applyRecipe, applyStep } from '../../../../../src/core/recipe/apply.ts';
import { imputeStep } from '../../../../../src/core/recipe/steps/impute.ts';
import type { ImputeStep } from '../../../../../src/core/recipe/types.ts';
import { UserError } from '../../../../../src/core/errors/user-error.ts';
import { column, close, messy, num, penguins, reference, table, texts, txt, values } from '../helpers.ts';

const step = (columns: string[], method: ImputeStep['method'], extra: Partial<ImputeStep> = {}): ImputeStep => ({ id: 's1', kind: 'impute', columns, method, ...extra });

describe('impute against pandas (finite values; tolerance 1e-12 relative)', () => {
  const t = messy();
  for (const name of ['income', 'age', 'score'] as const) {
    for (const method of ['mean', 'median', 'mode'] as const) {
      it(`fills ${name} with the ${method} pandas computes`, () => {
        const want = reference.impute[name][method] as number;
        const out = imputeStep.apply(t, step([name], method), 'fit');
        const fitted = out.step.fitted!.values[name] as number;
        expect(close(fitted, want), `${fitted} vs ${want}`).toBe(true);
        const before = values(t, name);
        const after = values(out.table, name);
        for (let i = 0; i < before.length; i++) expect(after[i]).toBe(Number.isNaN(before[i]) ? fitted : before[i]);
      });
    }
  }

  it('fills a text column and a boolean column with their modes (ties: smallest)', () => {
    const out = applyRecipe(t, { version: 1, steps: [step(['city'], 'mode', { id: 'a' }), step(['flag'], 'mode', { id: 'b' })] });
    expect(out.fitted.steps[0]).toMatchObject({ fitted: { values: { city: reference.impute.city.mode } } });
    expect(out.fitted.steps[1]).toMatchObject({ fitted: { values: { flag: reference.impute.flag.mode ? 1 : 0 } } });
    expect(texts(out.table, 'city').filter((c) => c === null)).toEqual([]);
    expect(out.report.steps[0].changed).toBe(reference.missing.city);
    expect(out.report.steps[1].changed).toBe(reference.missing.flag);
  });

  it('matches the penguins medians and means', () => {
    const p = penguins();
    for (const [name, want] of Object.entries(reference.penguins.median)) {
      const out = imputeStep.apply(p, step([name], 'median'), 'fit');
      expect(out.step.fitted!.values[name]).toBe(want);
      expect(Array.from(values(out.table, name)).some(Number.isNaN)).toBe(false);
    }
    const mean = imputeStep.apply(p, step(['Body Mass (g)'], 'mean'), 'fit').step.fitted!.values['Body Mass (g)'] as number;
    expect(close(mean, reference.penguins.mean['Body Mass (g)'])).toBe(true);
  });

  it('leaves infinities alone unless asked, then replaces them too', () => {
    const plain = imputeStep.apply(t, step(['income'], 'median'), 'fit');
    expect(Array.from(values(plain.table, 'income')).filter((v) => !Number.isFinite(v))).toEqual([Infinity, Infinity, -Infinity]);
    const all = imputeStep.apply(t, step(['income'], 'median', { infinite: true }), 'fit');
    expect(Array.from(values(all.table, 'income')).every(Number.isFinite)).toBe(true);
    expect(all.step.fitted!.values.income).toBe(reference.impute.income.median);
  });
});

describe('impute', () => {
  it('keeps an integer column integer for mode, and makes it float when a mean has a fraction', () => {
    const t = table(num('n', [1, NaN, 2, 2], 'integer'));
    expect(column(imputeStep.apply(t, step(['n'], 'mode'), 'fit').table, 'n').type).toBe('integer');
    const mean = imputeStep.apply(t, step(['n'], 'mean'), 'fit').table;
    expect(column(mean, 'n').type).toBe('float');
    expect(Array.from(values(mean, 'n'))).toEqual([1, 5 / 3, 2, 2]);
  });

  it('fills with a constant of the column type, adding a new text to the dictionary', () => {
    const t = table(num('x', [NaN, 1]), txt('c', [null, 'a']), num('b', [NaN, 1], 'boolean'), num('d', [NaN, 0], 'datetime'));
    expect(Array.from(values(imputeStep.apply(t, step(['x'], 'constant', { value: -1 }), 'fit').table, 'x'))).toEqual([-1, 1]);
    expect(Array.from(values(imputeStep.apply(t, step(['x'], 'constant', { value: ' 2.5 ' }), 'fit').table, 'x'))).toEqual([2.5, 1]);
    expect(texts(imputeStep.apply(t, step(['c'], 'constant', { value: 'unknown' }), 'fit').table, 'c')).toEqual(['unknown', 'a']);
    expect(Array.from(values(imputeStep.apply(t, step(['b'], 'constant', { value: false }), 'fit').table, 'b'))).toEqual([0, 1]);
    expect(Array.from(values(imputeStep.apply(t, step(['d'], 'constant', { value: '2020-01-02' }), 'fit').table, 'd'))).toEqual([Date.UTC(2020, 0, 2), 0]);
    expect(() => imputeStep.schema(t.columns, step(['x'], 'constant', { value: 'abc' }))).toThrow(/not a number/);
    expect(() => imputeStep.schema(t.columns, step(['x'], 'constant'))).toThrow(/Give the value/);
    expect(() => imputeStep.schema(t.columns, step(['b'], 'constant', { value: 'maybe' }))).toThrow(/true or false/);
    expect(() => imputeStep.schema(t.columns, step(['d'], 'constant', { value: 'soon' }))).toThrow(/not a date/);
  });

  it('carries the previous value forward; a gap before any value stays when fitting and takes the last training value when serving', () => {
    const t = table(num('x', [NaN, 1, NaN, NaN, 4, NaN]), txt('c', [null, 'a', null, 'b', null, null]));
    const fit = imputeStep.apply(t, step(['x', 'c'], 'ffill'), 'fit');
    expect(Array.from(values(fit.table, 'x'))).toEqual([NaN, 1, 1, 1, 4, 4]);
    expect(texts(fit.table, 'c')).toEqual([null, 'a', 'a', 'b', 'b', 'b']);
    expect(fit.step.fitted!.values).toEqual({ x: 4, c: 'b' });
    const fresh = table(num('x', [NaN, 7, NaN]), txt('c', [null, 'z', null]));
    const served = imputeStep.apply(fresh, fit.step, 'serve');
    expect(Array.from(values(served.table, 'x'))).toEqual([4, 7, 7]);
    expect(texts(served.table, 'c')).toEqual(['b', 'z', 'z']);
  });

  it('serves with the fitted value, not one computed from the new rows', () => {
    const fit = imputeStep.apply(table(num('x', [1, 2, 3, NaN])), step(['x'], 'median'), 'fit');
    const served = imputeStep.apply(table(num('x', [100, NaN, 300])), fit.step, 'serve');
    expect(Array.from(values(served.table, 'x'))).toEqual([100, 2, 300]);
  });

  it('says so when a column has nothing missing, and changes nothing', () => {
    const t = table(num('x', [1, 2]));
    const out = applyStep(t, step(['x'], 'median'), 0);
    expect(out.report.notes).toEqual(['"x" has no missing values to impute.']);
    expect(out.report.changed).toBe(0);
  });

  it('refuses an all-missing column with a message naming the step and the column', () => {
    const t = messy();
    expect(reference.missing.empty).toBe(reference.rows);
    let err: unknown;
    try {
      applyRecipe(t, { version: 1, steps: [step(['empty'], 'median')] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe('Step 1 (Fill missing values in empty with the median): "empty" has no values, so there is no median to fill its gaps with.');
    expect((err as UserError).hint).toMatch(/constant, or drop the column/);
    expect((err as UserError).details).toMatchObject({ kind: 'recipe-step', step: 0, stepId: 's1' });
    // A constant still works on it.
    const ok = applyRecipe(t, { version: 1, steps: [step(['empty'], 'constant', { value: 0 })] });
    expect(Array.from(values(ok.table, 'empty')).every((v) => v === 0)).toBe(true);
  });

  it('rejects a mean of text and a median of booleans, and infinite on a text column', () => {
    const cols = [
      { name: 'c', type: 'categorical' as const },
      { name: 'b', type: 'boolean' as const },
    ];
    expect(() => imputeStep.schema(cols, step(['c'], 'mean'))).toThrow(/text column: it has no mean/);
    expect(() => imputeStep.schema(cols, step(['b'], 'median'))).toThrow(/boolean column/);
    expect(() => imputeStep.schema(cols, step(['c'], 'mode', { infinite: true }))).toThrow(/no infinite values/);
    expect(() => imputeStep.schema(cols, step([], 'mode'))).toThrow(/at least one column/);
    expect(() => imputeStep.schema(cols, step(['zz'], 'mode'))).toThrow(/no column "zz"/);
  });
});
