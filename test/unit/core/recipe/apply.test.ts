import { describe, expect, it } from 'vitest';
import { applyFittedValues, applyRecipe, fitRecipe } from '../../../../src/core/recipe/apply.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import type { FittedRecipe, Recipe } from '../../../../src/core/recipe/types.ts';
import { column, messy, num, penguins, reference, table, texts, txt, values } from './helpers.ts';

const recipe: Recipe = {
  version: 1,
  steps: [
    { id: 'a', kind: 'impute', columns: ['income', 'age'], method: 'median', infinite: true },
    { id: 'b', kind: 'merge', column: 'city', auto: true, mapping: {} },
    { id: 'c', kind: 'filter', expression: 'age >= 21' },
    { id: 'd', kind: 'dedupe', columns: [], keep: 'first' },
    { id: 'e', kind: 'derive', name: 'log_income', expression: 'log1p(income)' },
    { id: 'f', kind: 'outliers', columns: ['score'], method: 'iqr', factor: 1.5, action: 'clip' },
    { id: 'g', kind: 'parse-dates', column: 'joined', order: 'auto' },
    { id: 'h', kind: 'drop', columns: ['empty', 'id'] },
    { id: 'i', kind: 'bin', column: 'score', name: 'score_band', method: 'quantile', bins: 4 },
  ],
};

describe('applyRecipe', () => {
  const t = messy();
  const result = applyRecipe(t, recipe);

  it('reports each step: rows before and after, columns added and removed, values changed', () => {
    const [impute, merge, filter, dedupe, derive, outliers, dates, drop, bin] = result.report.steps;
    expect(result.report.rowsBefore).toBe(reference.rows);
    expect(impute).toMatchObject({ id: 'a', rowsBefore: 310, rowsAfter: 310, columnsAdded: [], columnsRemoved: [] });
    // Gaps and infinities of both columns.
    expect(impute.changed).toBe(reference.missing.income + 3 + reference.missing.age);
    expect(impute.examples.length).toBe(20);
    // Examples alternate between the two columns, so both show.
    expect(new Set(impute.examples.map((e) => e.column))).toEqual(new Set(['income', 'age']));
    for (const e of impute.examples) expect(e.after).toBe(String(e.column === 'age' ? reference.impute.age.median : reference.impute.income.median));
    expect(merge.changed).toBeGreaterThan(0);
    expect(filter.rowsAfter).toBeLessThan(filter.rowsBefore);
    expect(filter.removed?.[0].values.length).toBe(10);
    expect(dedupe.rowsAfter).toBeLessThanOrEqual(filter.rowsAfter);
    expect(derive.columnsAdded).toEqual(['log_income']);
    expect(outliers.changed).toBeGreaterThan(0);
    expect(dates.failures?.count).toBeGreaterThan(0);
    expect(drop.columnsRemoved).toEqual(['id', 'empty']);
    expect(bin.columnsAdded).toEqual(['score_band']);
    expect(result.report.rowsAfter).toBe(result.table.rowCount);
  });

  it('records every fitted number in the fitted recipe, which survives JSON', () => {
    const f = result.fitted;
    expect(f).toMatchObject({ version: 1, fitted: true, rows: reference.rows });
    expect(f.input.map((c) => c.name)).toEqual(t.columns.map((c) => c.name));
    expect(f.output).toEqual(result.table.columns.map((c) => ({ name: c.name, type: c.type })));
    expect(f.steps[0]).toMatchObject({ fitted: { values: { income: reference.impute.income.median, age: reference.impute.age.median } } });
    expect(f.steps[5]).toMatchObject({ fitted: { bounds: { score: expect.any(Object) } } });
    expect(f.steps[6]).toMatchObject({ fitted: { order: 'dmy' } });
    expect((f.steps[8] as { fitted: { edges: number[] } }).fitted.edges.length).toBe(3);
    const copy = JSON.parse(JSON.stringify(f)) as FittedRecipe;
    expect(copy).toEqual(JSON.parse(JSON.stringify(f)));
    expect(fitRecipe(t, recipe)).toEqual(f);
    // The recipe given is not changed.
    expect('fitted' in recipe.steps[0]).toBe(false);
  });

  it('leaves the input table as it was', () => {
    const again = messy();
    expect(Array.from(values(t, 'income'))).toEqual(Array.from(values(again, 'income')));
    expect(texts(t, 'city')).toEqual(texts(again, 'city'));
  });

  it('checks every step against the columns before doing any work', () => {
    const bad: Recipe = { version: 1, steps: [recipe.steps[0], { id: 'x', kind: 'drop', columns: ['nope'] }] };
    expect(() => applyRecipe(t, bad)).toThrow(/^Step 2 \(Drop column nope\): There is no column "nope" at this point of the recipe\./);
    const later: Recipe = { version: 1, steps: [{ id: 'x', kind: 'drop', columns: ['age'] }, { id: 'y', kind: 'filter', expression: 'age > 3' }] };
    expect(() => applyRecipe(t, later)).toThrow(/Step 2 .*no column named "age"/);
  });

  it('applies an empty recipe as the identity', () => {
    const out = applyRecipe(t, { version: 1, steps: [] });
    expect(out.table).toBe(t);
    expect(out.report.steps).toEqual([]);
  });
});

describe('applyFittedValues', () => {
  const fitted = fitRecipe(messy(), recipe);

  it('applies value steps with the training numbers and skips row steps', () => {
    const fresh = table(
      num('id', [1, 2, 3]),
      txt('city', ['PARIS', 'lyon', null]),
      num('income', [NaN, Infinity, 5000]),
      num('age', [NaN, 19, 30], 'integer'),
      num('score', [1000, 50, -1000]),
      txt('joined', ['05/06/2020', 'x', null]),
      num('signup', [0, 0, 0], 'datetime'),
      txt('code', ['1', '2', '3']),
      num('flag', [1, 0, 1], 'boolean'),
      num('empty', [NaN, NaN, NaN]),
    );
    const out = applyFittedValues(fitted, fresh);
    // Not filtered (age 19 < 21 stays) and not deduplicated: serving answers every row.
    expect(out.rowCount).toBe(3);
    expect(Array.from(values(out, 'income'))).toEqual([reference.impute.income.median, reference.impute.income.median, 5000]);
    expect(Array.from(values(out, 'age'))).toEqual([reference.impute.age.median, 19, 30]);
    expect(texts(out, 'city')).toEqual(['Paris', 'Lyon', null]);
    const bounds = (fitted.steps[5] as { fitted: { bounds: Record<string, { lower: number; upper: number }> } }).fitted.bounds.score;
    expect(Array.from(values(out, 'score'))).toEqual([bounds.upper, 50, bounds.lower]);
    expect(Array.from(values(out, 'joined'))).toEqual([Date.UTC(2020, 5, 5), NaN, NaN]);
    expect(out.columns.map((c) => c.name)).toEqual(fitted.output.map((c) => c.name));
    expect(texts(out, 'score_band')[1]).not.toBeNull();
  });

  it('skips steps on columns a request lacks when asked, and fails on them otherwise', () => {
    const f = fitRecipe(table(num('x', [1, NaN, 3]), txt('y', ['a', 'A', 'b'])), {
      version: 1,
      steps: [
        { id: 'a', kind: 'merge', column: 'y', auto: true, mapping: {} },
        { id: 'b', kind: 'impute', columns: ['x', 'y'], method: 'mode' },
        { id: 'c', kind: 'derive', name: 'z', expression: "concat(y, '!')" },
        { id: 'd', kind: 'derive', name: 'w', expression: 'x * 2' },
      ],
    });
    const out = applyFittedValues(f, table(num('x', [NaN, 5])), { missingColumns: 'skip' });
    expect(out.columns.map((c) => c.name)).toEqual(['x', 'w']);
    expect(Array.from(values(out, 'w'))).toEqual([2, 10]);
    expect(() => applyFittedValues(f, table(num('x', [NaN, 5])))).toThrow(UserError);
  });

  it('refuses a recipe that was never fitted', () => {
    expect(() => applyFittedValues(recipe as unknown as FittedRecipe, messy())).toThrow(/never fitted/);
  });

  it('prepares the penguins: impute, derive and drop leave the shape the fitted recipe says', () => {
    const p = penguins();
    const r: Recipe = {
      version: 1,
      steps: [
        { id: '1', kind: 'impute', columns: ['Body Mass (g)'], method: 'median' },
        { id: '2', kind: 'derive', name: 'mass_kg', expression: '`Body Mass (g)` / 1000' },
        { id: '3', kind: 'drop', columns: ['Island'] },
      ],
    };
    const out = applyRecipe(p, r);
    expect(out.table.columns.map((c) => c.name)).toEqual(['Species', 'Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex', 'mass_kg']);
    expect(values(out.table, 'mass_kg')[3]).toBe(reference.penguins.median['Body Mass (g)'] / 1000);
    expect(column(out.table, 'mass_kg').type).toBe('float');
  });
});
