// Building and editing recipes as values: every edit returns a new recipe, so undo keeps the old one as it was.

import { RECIPE_VERSION, type Recipe, type Step } from './types.ts';

export function emptyRecipe(): Recipe {
  return { version: RECIPE_VERSION, steps: [] };
}

export function addStep(recipe: Recipe, step: Step, at: number = recipe.steps.length): Recipe {
  const steps = recipe.steps.slice();
  steps.splice(Math.max(0, Math.min(at, steps.length)), 0, step);
  return { ...recipe, steps };
}

export function replaceStep(recipe: Recipe, id: string, step: Step): Recipe {
  return { ...recipe, steps: recipe.steps.map((s) => (s.id === id ? step : s)) };
}

export function removeStep(recipe: Recipe, id: string): Recipe {
  return { ...recipe, steps: recipe.steps.filter((s) => s.id !== id) };
}

/** The step moved up (−1) or down (+1) one place; unchanged at either end. */
export function moveStep(recipe: Recipe, id: string, delta: -1 | 1): Recipe {
  const i = recipe.steps.findIndex((s) => s.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= recipe.steps.length) return recipe;
  const steps = recipe.steps.slice();
  [steps[i], steps[j]] = [steps[j], steps[i]];
  return { ...recipe, steps };
}

/** A step as the recipe stores it: fitted numbers belong to an applied recipe, not to the one being edited. */
export function withoutFitted(step: Step): Step {
  if (!('fitted' in step)) return step;
  const { fitted: _fitted, ...rest } = step as Step & { fitted?: unknown };
  return rest as Step;
}
