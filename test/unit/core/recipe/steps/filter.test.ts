import { describe, expect, it } from 'vitest';
import { applyRecipe, applyStep } from '../../../../../src/core/recipe/apply.ts';
import { UserError } from '../../../../../src/core/errors/user-error.ts';
import type { FilterStep } from '../../../../../src/core/recipe/types.ts';
import { messy, num, reference, table, txt, values } from '../helpers.ts';

const filter = (expression: string, id = 'f'): FilterStep => ({ id, kind: 'filter', expression });

function caught(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('filter', () => {
  it('keeps the rows pandas keeps, with the first removed rows shown', () => {
    const f = reference.filters[0];
    const out = applyStep(messy(), filter(f.expression), 0);
    expect(out.report.rowsBefore).toBe(reference.rows);
    expect(out.report.rowsAfter).toBe(f.count);
    expect(out.report.removed?.length).toBe(5);
    expect(out.report.examples).toEqual([]);
  });

  it('drops rows where the condition is missing', () => {
    const out = applyStep(table(num('x', [1, NaN, 3])), filter('x > 0'), 0);
    expect(Array.from(values(out.table, 'x'))).toEqual([1, 3]);
  });

  it('refuses a filter that removes every row, naming the step and the counts', () => {
    const err = caught(() => applyRecipe(table(num('x', [1, 2, 3])), { version: 1, steps: [filter('x > 100')] }));
    expect(err.message).toBe('Step 1 (Keep rows where x > 100): This filter removes every row (3 → 0): no row meets the condition.');
    expect(err.hint).toMatch(/Loosen the condition/);
    expect(err.details).toMatchObject({ kind: 'recipe-step', step: 0, stepId: 'f' });
  });

  it('points at a syntax error in the expression (its position in details)', () => {
    const err = caught(() => applyRecipe(table(num('x', [1])), { version: 1, steps: [filter('x >', 'f9')] }));
    expect(err.message).toBe('Step 1 (Keep rows where x >): Expected a value after ">", found the end of the expression (character 4)');
    expect(err.details).toMatchObject({ kind: 'recipe-step', step: 0, stepId: 'f9', position: 3, length: 1 });
  });

  it('asks for a condition, not a value', () => {
    const err = caught(() => applyStep(table(txt('c', ['a'])), filter('upper(c)'), 2));
    expect(err.message).toMatch(/^Step 3 \(Keep rows where upper\(c\)\): A filter needs a condition that is true or false, but this expression gives a text\.$/);
  });

  it('passes an empty table through (nothing to remove)', () => {
    const out = applyStep(table(num('x', [])), filter('x > 1'), 0);
    expect(out.report.rowsAfter).toBe(0);
  });
});
