// Where a prepared dataset came from: the dataset it was read from, every fitted step since, and each row's source row.

import { RECIPE_VERSION, type ColumnInfo, type FittedRecipe } from './types.ts';

/**
 * What a Prepare cell's output records so that Export can go back to the raw columns: the dataset the
 * recipe read first (a Data cell's, or a Code cell's output), the fitted steps from there (sequential
 * Prepare cells: one after another), and for each prepared row the row of that dataset it came from.
 */
export interface DatasetLineage {
  /** The dataset the first recipe read. */
  datasetId: string;
  /** Its name, for messages. */
  name: string;
  /** Its rows. */
  rows: number;
  /** Every step from that dataset to this one, with its fitted numbers. */
  recipe: FittedRecipe;
  /** For each row here, its row in the source dataset; absent when they are the same rows in the same order. */
  sourceRows?: Int32Array;
}

/** The lineage a dataset output carries (a Prepare cell's), or undefined for any other dataset. */
export function lineageOf(dataset: unknown): DatasetLineage | undefined {
  const lineage = (dataset as { lineage?: DatasetLineage } | null | undefined)?.lineage;
  return lineage && typeof lineage.datasetId === 'string' && lineage.recipe?.fitted === true ? lineage : undefined;
}

/** `then` applied after `first`: each row of the result, as a row of first's input (absent = identity). */
export function composeRows(first: Int32Array | undefined, then: Int32Array | undefined): Int32Array | undefined {
  if (!then) return first;
  if (!first) return then;
  const out = new Int32Array(then.length);
  for (let i = 0; i < then.length; i++) out[i] = first[then[i]];
  return out;
}

/** Two fitted recipes applied one after the other, as one: the steps concatenated, input of the first, output of the second. */
export function composeRecipes(first: FittedRecipe, then: FittedRecipe): FittedRecipe {
  return {
    version: RECIPE_VERSION,
    fitted: true,
    steps: [...first.steps, ...then.steps],
    input: first.input,
    output: then.output,
    rows: first.rows,
  };
}

/** A fitted recipe with no steps: the columns pass through as they are. */
export function identityRecipe(columns: readonly ColumnInfo[], rows: number): FittedRecipe {
  const copy = columns.map((c) => ({ name: c.name, type: c.type }));
  return { version: RECIPE_VERSION, fitted: true, steps: [], input: copy, output: copy, rows };
}

/**
 * The lineage of a dataset made by a recipe from `input`: the input's own lineage extended when it was
 * prepared itself, else a new one starting at the input.
 */
export function extendLineage(
  input: { datasetId: string; name: string; rows: number; lineage?: DatasetLineage },
  fitted: FittedRecipe,
  sourceRows: Int32Array | undefined,
): DatasetLineage {
  const up = input.lineage;
  if (!up) return withRows({ datasetId: input.datasetId, name: input.name, rows: input.rows, recipe: fitted }, sourceRows);
  return withRows({ datasetId: up.datasetId, name: up.name, rows: up.rows, recipe: composeRecipes(up.recipe, fitted) }, composeRows(up.sourceRows, sourceRows));
}

function withRows(lineage: DatasetLineage, sourceRows: Int32Array | undefined): DatasetLineage {
  return sourceRows ? { ...lineage, sourceRows } : lineage;
}

/** The source dataset's rows for some rows of the prepared one. */
export function sourceRowsOf(lineage: Pick<DatasetLineage, 'sourceRows'>, rows: ArrayLike<number>): Int32Array {
  const map = lineage.sourceRows;
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = map ? map[rows[i]] : rows[i];
  return out;
}
