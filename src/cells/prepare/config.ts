// The Prepare cell's saved configuration (its recipe) and the output it hands downstream.
import type { DatasetOutput } from '../types';
import type { FittedRecipe, Recipe, RecipeReport, Step } from '../../core/recipe/types';
import { addStep, emptyRecipe } from '../../core/recipe/recipe';

export interface PrepareConfig {
  recipe: Recipe;
}

/**
 * The prepared table as a dataset (so Profile, Frame, Split and Train below read it like a Data cell's),
 * plus the recipe fitted on it (for Export to put in the bundle) and what each step did.
 */
export interface PrepareOutput extends DatasetOutput {
  recipe: FittedRecipe;
  recipeReport: RecipeReport;
}

export function defaultPrepareConfig(): PrepareConfig {
  return { recipe: emptyRecipe() };
}

/** The config with one more step at the end (the profile's "Fix" buttons use this). */
export function withStep(config: PrepareConfig | undefined, step: Step): PrepareConfig {
  const recipe = config?.recipe ?? emptyRecipe();
  return { ...config, recipe: addStep(recipe, step) };
}
