import { describe, expect, it } from 'vitest';
import { checkRecipe, validateRecipe } from '../../../../src/core/recipe/validate.ts';
import type { ColumnInfo, Recipe, Step } from '../../../../src/core/recipe/types.ts';

const columns: ColumnInfo[] = [
  { name: 'a', type: 'integer' },
  { name: 'b', type: 'categorical' },
  { name: 'd', type: 'text' },
];

describe('checkRecipe', () => {
  it('follows the columns through the steps', () => {
    const recipe: Recipe = {
      version: 1,
      steps: [
        { id: '1', kind: 'derive', name: 'c', expression: 'a * 2' },
        { id: '2', kind: 'rename', names: { b: 'bb' } },
        { id: '3', kind: 'parse-dates', column: 'd', order: 'auto' },
        { id: '4', kind: 'filter', expression: "bb == 'x' and c > 1 and d > '2020-01-01'" },
        { id: '5', kind: 'cast', column: 'a', to: 'text' },
      ],
    };
    const check = checkRecipe(columns, recipe);
    expect(check.problem).toBeUndefined();
    expect(check.after.length).toBe(5);
    expect(check.output).toEqual([
      { name: 'a', type: 'text' },
      { name: 'bb', type: 'categorical' },
      { name: 'd', type: 'datetime' },
      { name: 'c', type: 'float' },
    ]);
  });

  it('stops at the first step that cannot apply, naming it', () => {
    const recipe: Recipe = {
      version: 1,
      steps: [
        { id: '1', kind: 'drop', columns: ['a'] },
        { id: '2', kind: 'derive', name: 'c', expression: 'a + 1' },
        { id: '3', kind: 'drop', columns: ['zz'] },
      ],
    };
    const check = checkRecipe(columns, recipe);
    expect(check.after.length).toBe(1);
    expect(check.problem?.index).toBe(1);
    expect(check.problem?.error.message).toBe('Step 2 (Set c = a + 1): There is no column named "a" (character 1)');
    expect(check.problem?.error.details).toMatchObject({ step: 1, stepId: '2', position: 0, length: 1 });
    expect(() => validateRecipe(columns, recipe)).toThrow(/Step 2/);
  });

  it('rejects malformed steps and recipes of another version', () => {
    const bad = (step: unknown) => checkRecipe(columns, { version: 1, steps: [step as Step] }).problem?.error.message;
    expect(bad({ id: '1', kind: 'teleport' })).toMatch(/unknown kind \("teleport"\)/);
    expect(bad({ kind: 'drop', columns: ['a'] })).toMatch(/no id/);
    expect(bad({ id: '1', kind: 'drop', columns: 'a' })).toMatch(/"columns" is missing or not a list of names/);
    expect(bad({ id: '1', kind: 'impute', columns: ['a'], method: 'guess' })).toMatch(/method "guess" is not one of mean, median, mode, constant, ffill/);
    expect(bad({ id: '1', kind: 'outliers', columns: ['a'], method: 'iqr', factor: '2', action: 'clip' })).toMatch(/"factor" is missing or not a number/);
    expect(bad(null)).toMatch(/not an object/);
    expect(() => checkRecipe(columns, { version: 2, steps: [] } as unknown as Recipe)).toThrow(/format version 2/);
    expect(() => checkRecipe(columns, {} as Recipe)).toThrow(/no list of steps/);
  });
});
