import { describe, expect, it } from 'vitest';
import { addStep, emptyRecipe, moveStep, removeStep, replaceStep, withoutFitted } from '../../../../src/core/recipe/recipe.ts';
import { newStepId } from '../../../../src/core/recipe/step-id.ts';
import type { Step } from '../../../../src/core/recipe/types.ts';

const a: Step = { id: 'a', kind: 'drop', columns: ['x'] };
const b: Step = { id: 'b', kind: 'filter', expression: 'y > 1' };
const c: Step = { id: 'c', kind: 'derive', name: 'z', expression: '1' };

describe('recipe edits', () => {
  it('adds, replaces, removes and moves steps, returning new recipes and leaving the old ones alone', () => {
    const r0 = emptyRecipe();
    const r1 = addStep(addStep(addStep(r0, a), b), c, 0);
    expect(r0.steps).toEqual([]);
    expect(r1.steps.map((s) => s.id)).toEqual(['c', 'a', 'b']);
    const r2 = moveStep(r1, 'b', -1);
    expect(r2.steps.map((s) => s.id)).toEqual(['c', 'b', 'a']);
    expect(r1.steps.map((s) => s.id)).toEqual(['c', 'a', 'b']);
    expect(moveStep(r2, 'c', -1)).toBe(r2);
    expect(moveStep(r2, 'a', 1)).toBe(r2);
    expect(removeStep(r2, 'b').steps.map((s) => s.id)).toEqual(['c', 'a']);
    const b2: Step = { ...b, expression: 'y > 2' };
    expect(replaceStep(r2, 'b', b2).steps[1]).toBe(b2);
  });

  it('strips fitted numbers from a step', () => {
    const fitted: Step = { id: 'i', kind: 'impute', columns: ['x'], method: 'median', fitted: { values: { x: 1 } } };
    expect(withoutFitted(fitted)).toEqual({ id: 'i', kind: 'impute', columns: ['x'], method: 'median' });
    expect(withoutFitted(a)).toBe(a);
  });

  it('makes distinct step ids', () => {
    const ids = new Set(Array.from({ length: 2000 }, newStepId));
    expect(ids.size).toBe(2000);
  });
});
