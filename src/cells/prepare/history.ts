// Undo and redo for a Prepare cell's recipe: kept per cell for the session, so collapsing the cell keeps it.
import type { Recipe } from '../../core/recipe/types';

/** Edits remembered per cell; older ones are forgotten. */
const DEPTH = 100;

export interface RecipeHistory {
  past: Recipe[];
  future: Recipe[];
  /** The recipe last seen, as JSON: a different one arriving from outside (a profile "Fix") is an edit too. */
  seen: string | undefined;
  seenRecipe: Recipe | undefined;
}

const histories = new Map<string, RecipeHistory>();

export function historyFor(cellId: string): RecipeHistory {
  let h = histories.get(cellId);
  if (!h) {
    h = { past: [], future: [], seen: undefined, seenRecipe: undefined };
    histories.set(cellId, h);
  }
  return h;
}

/** Notes the recipe now in the config; a change not made through `record` is pushed as an edit. */
export function observe(h: RecipeHistory, recipe: Recipe): boolean {
  const json = JSON.stringify(recipe);
  if (h.seen === json) return false;
  if (h.seenRecipe) push(h.past, h.seenRecipe);
  if (h.seen !== undefined) h.future = [];
  h.seen = json;
  h.seenRecipe = recipe;
  return true;
}

/** An edit made here: `from` goes on the undo stack, `to` becomes the recipe seen. */
export function record(h: RecipeHistory, from: Recipe, to: Recipe): void {
  push(h.past, from);
  h.future = [];
  h.seen = JSON.stringify(to);
  h.seenRecipe = to;
}

export function undo(h: RecipeHistory, current: Recipe): Recipe | undefined {
  const previous = h.past.pop();
  if (!previous) return undefined;
  push(h.future, current);
  h.seen = JSON.stringify(previous);
  h.seenRecipe = previous;
  return previous;
}

export function redo(h: RecipeHistory, current: Recipe): Recipe | undefined {
  const next = h.future.pop();
  if (!next) return undefined;
  push(h.past, current);
  h.seen = JSON.stringify(next);
  h.seenRecipe = next;
  return next;
}

function push(stack: Recipe[], recipe: Recipe): void {
  stack.push(recipe);
  if (stack.length > DEPTH) stack.shift();
}
