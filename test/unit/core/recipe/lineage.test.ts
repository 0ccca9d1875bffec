import { describe, expect, it } from 'vitest';
import { applyFittedValues, applyRecipe, fitRecipe } from '../../../../src/core/recipe/apply.ts';
import { columnsAt } from '../../../../src/core/recipe/columns-at.ts';
import { composeRecipes, composeRows, extendLineage, lineageOf, sourceRowsOf } from '../../../../src/core/recipe/lineage.ts';
import type { Recipe } from '../../../../src/core/recipe/types.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import { messy, num, table, texts, txt, values } from './helpers.ts';

describe('sourceRows through the apply path', () => {
  it('maps each prepared row to its raw row across filter, dedupe and dropped outliers', () => {
    const raw = messy();
    const recipe: Recipe = {
      version: 1,
      steps: [
        { id: '1', kind: 'filter', expression: 'age >= 21' },
        { id: '2', kind: 'derive', name: 'row_id', expression: 'id * 1' },
        { id: '3', kind: 'dedupe', columns: [], keep: 'last' },
        { id: '4', kind: 'outliers', columns: ['score'], method: 'iqr', factor: 1.5, action: 'drop' },
      ],
    };
    const out = applyRecipe(raw, recipe);
    const rows = out.sourceRows as Int32Array;
    expect(rows.length).toBe(out.table.rowCount);
    expect(out.table.rowCount).toBeLessThan(raw.rowCount);
    // Every prepared row is its raw row: same id, same score, and ascending (row steps keep the order).
    const ids = values(raw, 'id');
    const scores = values(raw, 'score');
    Array.from(rows).forEach((r, i) => {
      expect(values(out.table, 'id')[i]).toBe(ids[r]);
      expect(values(out.table, 'score')[i]).toBe(scores[r]);
      if (i > 0) expect(r).toBeGreaterThan(rows[i - 1]);
    });
  });

  it('is absent when no row was removed', () => {
    expect(applyRecipe(messy(), { version: 1, steps: [{ id: '1', kind: 'derive', name: 'z', expression: 'age * 2' }] }).sourceRows).toBeUndefined();
  });
});

describe('lineage of sequential Prepare cells', () => {
  it('composes rows and recipes, so the second cell reaches the raw rows and columns', () => {
    const raw = table(num('x', [5, NaN, 1, 9, 3, 7]), txt('c', ['a', 'b', 'a', null, 'b', 'a']));
    const first: Recipe = { version: 1, steps: [{ id: '1', kind: 'filter', expression: 'x is not null' }, { id: '2', kind: 'derive', name: 'y', expression: 'x * 10' }] };
    const second: Recipe = { version: 1, steps: [{ id: '3', kind: 'filter', expression: 'y > 20' }, { id: '4', kind: 'impute', columns: ['c'], method: 'mode' }] };
    const a = applyRecipe(raw, first);
    const b = applyRecipe(a.table, second);
    const l1 = extendLineage({ datasetId: 'raw', name: 'raw.csv', rows: raw.rowCount }, a.fitted, a.sourceRows);
    const l2 = extendLineage({ datasetId: 'mid', name: 'mid', rows: a.table.rowCount, lineage: l1 }, b.fitted, b.sourceRows);
    expect(l2).toMatchObject({ datasetId: 'raw', name: 'raw.csv', rows: 6 });
    expect(Array.from(l2.sourceRows as Int32Array)).toEqual([0, 3, 4, 5]);
    expect(l2.recipe.steps.map((s) => s.id)).toEqual(['1', '2', '3', '4']);
    expect(l2.recipe.input).toEqual(a.fitted.input);
    expect(l2.recipe.output).toEqual(b.fitted.output);
    // The composed recipe on the raw rows gives the second cell's table.
    const again = applyFittedValues(l2.recipe, raw);
    const rows = sourceRowsOf(l2, [0, 1, 2, 3]);
    expect(Array.from(rows, (r) => values(again, 'y')[r])).toEqual(Array.from(values(b.table, 'y')));
    expect(Array.from(rows, (r) => texts(again, 'c')[r])).toEqual(texts(b.table, 'c'));
    expect(lineageOf({ lineage: l2 })).toBe(l2);
    expect(lineageOf({ datasetId: 'x' })).toBeUndefined();
  });

  it('leaves rows alone when neither step removed any, and composes identity maps', () => {
    expect(composeRows(undefined, undefined)).toBeUndefined();
    expect(Array.from(composeRows(Int32Array.of(2, 4, 6), undefined) as Int32Array)).toEqual([2, 4, 6]);
    expect(Array.from(composeRows(undefined, Int32Array.of(1)) as Int32Array)).toEqual([1]);
    expect(Array.from(composeRows(Int32Array.of(2, 4, 6), Int32Array.of(0, 2)) as Int32Array)).toEqual([2, 6]);
    const f = fitRecipe(table(num('x', [1])), { version: 1, steps: [] });
    expect(composeRecipes(f, f).steps).toEqual([]);
  });
});

describe('columnsAt', () => {
  it('gives a column raw and as later steps leave it, with the fitted numbers', () => {
    const raw = table(num('x', [1, NaN, 3]), txt('d', ['2020-01-02', 'x', null]));
    const f = fitRecipe(raw, {
      version: 1,
      steps: [
        { id: '1', kind: 'impute', columns: ['x'], method: 'mean' },
        { id: '2', kind: 'parse-dates', column: 'd', order: 'ymd' },
        { id: '3', kind: 'derive', name: 'x2', expression: 'x * 2' },
      ],
    });
    const fresh = table(num('x', [NaN, 10]), txt('d', ['2021-03-04', null]));
    const [x0, x1, d1, x2] = columnsAt(f, fresh, [
      { column: 'x', after: -1 },
      { column: 'x', after: 0 },
      { column: 'd', after: 1 },
      { column: 'x2', after: 2 },
    ]);
    expect(Array.from((x0 as { values: Float64Array }).values)).toEqual([NaN, 10]);
    expect(Array.from((x1 as { values: Float64Array }).values)).toEqual([2, 10]);
    expect(Array.from((d1 as { values: Float64Array }).values)).toEqual([Date.UTC(2021, 2, 4), NaN]);
    expect(Array.from((x2 as { values: Float64Array }).values)).toEqual([4, 20]);
    expect(() => columnsAt(f, table(num('x', [1])), [{ column: 'd', after: 1 }])).toThrow(UserError);
    expect(() => columnsAt(f, table(num('x', [1])), [{ column: 'd', after: -1 }])).toThrow(/no column "d"/);
  });
});
