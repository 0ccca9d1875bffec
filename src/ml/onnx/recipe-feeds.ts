// Inputs for a graph with a recipe inside, from raw rows: each input column as the graph takes it, as tensors or example rows.

import { columnsAt } from '../../core/recipe/columns-at.ts';
import { sourceRowsOf, type DatasetLineage } from '../../core/recipe/lineage.ts';
import type { PreprocessSpec } from '../../core/prep/preprocess.ts';
import type { FittedRecipe } from '../../core/recipe/types.ts';
import type { Column, Table } from '../../core/table/table.ts';
import { takeRows } from '../../core/table/take-rows.ts';
import type { ExampleRow } from '../manifests/oip-infer-request.ts';
import { recipeGraph, type RecipeGraphInput } from './recipe-graph.ts';

/** One graph input's data, [rows, 1]: numbers as the input's float type (NaN missing), texts with '' for missing. */
export type Feed = { type: 'float32'; data: Float32Array } | { type: 'float64'; data: Float64Array } | { type: 'string'; data: string[] };

/**
 * The graph's inputs for `rows` of the raw table: raw columns as they are, and the columns of steps left to
 * the client as the fitted recipe leaves them (applied here with its fitted numbers, as a client would).
 */
export function recipeFeeds(inputs: readonly RecipeGraphInput[], fitted: FittedRecipe, raw: Table, rows: ArrayLike<number>): Record<string, Feed> {
  const columns = columnsAt(fitted, takeRows(raw, rows), inputs);
  const feeds: Record<string, Feed> = {};
  inputs.forEach((input, k) => {
    feeds[input.name] = feedOf(input, columns[k]);
  });
  return feeds;
}

function feedOf(input: RecipeGraphInput, column: Column): Feed {
  if (input.type === 'STRING') {
    if (column.kind !== 'coded') throw new Error(`"${input.column}" holds numbers, but the graph takes text`);
    return { type: 'string', data: Array.from(column.codes, (c) => (c < 0 ? '' : column.dictionary[c])) };
  }
  if (column.kind !== 'numeric') throw new Error(`"${input.column}" holds text, but the graph takes numbers`);
  return input.type === 'DOUBLE' ? { type: 'float64', data: Float64Array.from(column.values) } : { type: 'float32', data: Float32Array.from(column.values) };
}

/**
 * Up to `count` rows for example-request.json, in the graph's inputs: the first of `rows` with no missing
 * number (JSON cannot carry NaN), or the first rows with a missing number sent as 0 when none is complete.
 */
export function recipeExampleRows(inputs: readonly RecipeGraphInput[], fitted: FittedRecipe, raw: Table, rows: ArrayLike<number>, count = 2): ExampleRow[] {
  const feeds = recipeFeeds(inputs, fitted, raw, rows);
  const n = rows.length;
  const complete: number[] = [];
  for (let i = 0; i < n && complete.length < count; i++) {
    if (inputs.every((input) => feeds[input.name].type === 'string' || Number.isFinite((feeds[input.name].data as Float64Array)[i]))) complete.push(i);
  }
  const picked = complete.length ? complete : Array.from({ length: Math.min(count, n) }, (_, i) => i);
  return picked.map((i) => {
    const row: ExampleRow = {};
    for (const input of inputs) {
      const feed = feeds[input.name];
      const v = feed.data[i];
      row[input.name] = typeof v === 'number' ? (Number.isFinite(v) ? v : 0) : v;
    }
    return row;
  });
}

/**
 * What an export takes from a prepared dataset's lineage: the recipe for the bundle, and the graph's inputs for
 * rows of the prepared table, computed from the raw rows they came from. Undefined for a recipe without steps
 * (the prepared columns are then the raw ones).
 */
export function lineageExport(spec: PreprocessSpec, lineage: DatasetLineage, raw: Table) {
  const fitted = lineage.recipe;
  if (fitted.steps.length === 0) return undefined;
  const graph = recipeGraph(fitted, spec.features);
  return {
    recipe: { fitted, source: lineage.name },
    /** Graph inputs for prepared rows (raw rows at their sourceRows). */
    feeds: (rows: ArrayLike<number>) => recipeFeeds(graph.inputs, fitted, raw, sourceRowsOf(lineage, rows)),
    exampleRows: (rows: ArrayLike<number>) => recipeExampleRows(graph.inputs, fitted, raw, sourceRowsOf(lineage, rows)),
  };
}
