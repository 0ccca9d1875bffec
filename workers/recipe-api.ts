// Data-worker functions for the Prepare cell: a live preview of a cleaning recipe, and applying it as a new dataset.
import { guard } from './guard';
import { remember, tableFor } from './tables';
import { applyStep, fittedRecipe } from '../src/core/recipe/apply';
import { composeRows, extendLineage, type DatasetLineage } from '../src/core/recipe/lineage';
import { checkRecipeShape, validateRecipe } from '../src/core/recipe/validate';
import type { ColumnInfo, FittedRecipe, Recipe, RecipeReport, Step, StepReport } from '../src/core/recipe/types';
import { UserError, toErrorInfo, type ErrorInfo } from '../src/core/errors/user-error';
import { headRows, type ColumnType, type InvalidCells, type Table } from '../src/core/table/table';
import { headTable } from '../src/core/table/take-rows';
import { writeDataset, type DatasetInfo } from '../src/store/datasets';

/**
 * Previews run on at most this many rows (the first ones): every step of a recipe stays well under a
 * second there, and a table this size or smaller is previewed whole, so its numbers are exact.
 */
export const PREVIEW_ROWS = 100_000;
const HEAD_ROWS = 10;

export interface RecipePreview {
  /** Rows of the dataset the recipe reads. */
  rows: number;
  /** Rows the preview ran on (all of them unless the dataset is larger than PREVIEW_ROWS). */
  previewRows: number;
  /** What each step that applied did, on the previewed rows. */
  report: RecipeReport;
  /** The steps that applied, with the numbers fitted on the previewed rows (the median used, the bounds…). */
  fitted: Step[];
  /** The first step that failed; the steps after it were not applied. */
  failure?: { index: number; error: ErrorInfo };
  before: { columns: ColumnInfo[]; head: (string | null)[][] };
  after: { columns: ColumnInfo[]; head: (string | null)[][] };
  /** Milliseconds spent applying steps (reused steps cost nothing). */
  ms: number;
  /** Steps taken from the previous preview rather than applied again. */
  reused: number;
}

export interface PreparedSummary {
  rows: number;
  columns: { name: string; type: ColumnType; invalid?: InvalidCells }[];
  head: (string | null)[][];
  report: RecipeReport;
  recipe: FittedRecipe;
  /** Where the prepared rows came from (see DatasetLineage): Export reads the raw columns through it. */
  lineage: DatasetLineage;
}

/** The dataset a recipe reads, as its cell's output describes it (a prepared one carries its own lineage). */
export interface RecipeSource {
  name: string;
  lineage?: DatasetLineage;
}

/**
 * The last preview's work: the table after each step, keyed by the steps that led there. Editing step k
 * of a recipe re-applies steps k and after only; Run on a table previewed whole reuses the final table.
 */
interface Applied {
  datasetId: string;
  /** The previewed table: the dataset, or its first PREVIEW_ROWS rows. */
  base: Table;
  whole: boolean;
  keys: string[];
  tables: Table[];
  steps: Step[];
  reports: StepReport[];
  /** After each step: its rows as rows of `base` (undefined while no row was removed). */
  rows: (Int32Array | undefined)[];
}

let last: Applied | undefined;

const keyOf = (step: Step): string => JSON.stringify(step);

/** Applies the recipe's steps to `base`, starting after the longest prefix already applied. Stops at a failing step. */
function applyFrom(datasetId: string, base: Table, whole: boolean, recipe: Recipe): { applied: Applied; failure?: { index: number; error: ErrorInfo }; reused: number } {
  const previous = last && last.datasetId === datasetId && last.base === base ? last : undefined;
  const applied: Applied = { datasetId, base, whole, keys: [], tables: [], steps: [], reports: [], rows: [] };
  let reused = 0;
  if (previous) {
    while (reused < recipe.steps.length && reused < previous.keys.length && previous.keys[reused] === keyOf(recipe.steps[reused])) reused++;
    applied.keys = previous.keys.slice(0, reused);
    applied.tables = previous.tables.slice(0, reused);
    applied.steps = previous.steps.slice(0, reused);
    applied.reports = previous.reports.slice(0, reused);
    applied.rows = previous.rows.slice(0, reused);
  }
  let failure: { index: number; error: ErrorInfo } | undefined;
  for (let i = reused; i < recipe.steps.length; i++) {
    const input = i === 0 ? base : applied.tables[i - 1];
    try {
      const out = applyStep(input, recipe.steps[i], i, 'fit');
      applied.keys.push(keyOf(recipe.steps[i]));
      applied.tables.push(out.table);
      applied.steps.push(out.step);
      applied.reports.push(out.report);
      applied.rows.push(composeRows(i === 0 ? undefined : applied.rows[i - 1], out.kept));
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      failure = { index: i, error: toErrorInfo(err) };
      break;
    }
  }
  last = applied;
  return { applied, failure, reused };
}

const columnsOf = (t: Table): ColumnInfo[] => t.columns.map((c) => ({ name: c.name, type: c.type }));

/** The first rows, kept while the dataset is unchanged, so each preview does not copy them again. */
let heads: { datasetId: string; source: Table; head: Table } | undefined;

async function previewBase(datasetId: string): Promise<{ table: Table; base: Table; whole: boolean }> {
  const table = await tableFor(datasetId);
  if (table.rowCount <= PREVIEW_ROWS) return { table, base: table, whole: true };
  if (!heads || heads.datasetId !== datasetId || heads.source !== table) heads = { datasetId, source: table, head: headTable(table, PREVIEW_ROWS) };
  return { table, base: heads.head, whole: false };
}

export const recipeApi = {
  /** Applies the recipe to the upstream dataset (its first PREVIEW_ROWS rows) without storing anything. */
  recipePreview(datasetId: string, recipe: Recipe) {
    return guard(async (): Promise<RecipePreview> => {
      checkRecipeShape(recipe);
      const { table, base, whole } = await previewBase(datasetId);
      const started = performance.now();
      const { applied, failure, reused } = applyFrom(datasetId, base, whole, recipe);
      const ms = performance.now() - started;
      const out = applied.tables.length ? applied.tables[applied.tables.length - 1] : base;
      return {
        rows: table.rowCount,
        previewRows: base.rowCount,
        report: { rowsBefore: base.rowCount, rowsAfter: out.rowCount, steps: applied.reports },
        fitted: applied.steps,
        failure,
        before: { columns: columnsOf(base), head: headRows(base, HEAD_ROWS) },
        after: { columns: columnsOf(out), head: headRows(out, HEAD_ROWS) },
        ms,
        reused,
      };
    });
  },

  /**
   * Applies the whole recipe to the whole dataset and stores the result under dataset.id. `source` describes
   * the dataset read, so the result's lineage reaches back through earlier Prepare cells to the raw data.
   */
  recipeApply(
    datasetId: string,
    recipe: Recipe,
    dataset: DatasetInfo,
    onProgress?: (fraction: number, label: string) => void,
    source: RecipeSource = { name: datasetId },
  ) {
    return guard(async (): Promise<PreparedSummary> => {
      checkRecipeShape(recipe);
      const table = await tableFor(datasetId);
      // Every step is checked against the columns before any work on a large table.
      validateRecipe(table.columns, recipe);
      // A table previewed whole has every step applied already: reuse them rather than apply again.
      const { applied, failure } =
        table.rowCount <= PREVIEW_ROWS
          ? applyFrom(datasetId, table, true, recipe)
          : applyWhole(table, recipe, (i) => onProgress?.(i / (recipe.steps.length + 1), `Step ${i + 1} of ${recipe.steps.length}`));
      if (failure) throw new UserError(failure.error.message, failure.error.hint, failure.error.details);
      const out = applied.tables.length ? applied.tables[applied.tables.length - 1] : table;
      const fitted = fittedRecipe(table, out, applied.steps);
      const sourceRows = applied.rows.length ? applied.rows[applied.rows.length - 1] : undefined;
      onProgress?.(recipe.steps.length / (recipe.steps.length + 1), `Storing ${out.rowCount.toLocaleString('en-US')} rows…`);
      await writeDataset(dataset, out);
      remember(dataset.id, out);
      return {
        rows: out.rowCount,
        columns: out.columns.map((c) => (c.invalid ? { name: c.name, type: c.type, invalid: c.invalid } : { name: c.name, type: c.type })),
        head: headRows(out, HEAD_ROWS),
        report: { rowsBefore: table.rowCount, rowsAfter: out.rowCount, steps: applied.reports },
        recipe: fitted,
        lineage: extendLineage({ datasetId, name: source.name, rows: table.rowCount, lineage: source.lineage }, fitted, sourceRows),
      };
    });
  },
};

/** Every step on a large table, without keeping the tables in between (only the last is needed). */
function applyWhole(table: Table, recipe: Recipe, onStep: (index: number) => void): { applied: Applied; failure?: { index: number; error: ErrorInfo } } {
  const applied: Applied = { datasetId: '', base: table, whole: true, keys: [], tables: [], steps: [], reports: [], rows: [] };
  let current = table;
  let rows: Int32Array | undefined;
  for (let i = 0; i < recipe.steps.length; i++) {
    onStep(i);
    try {
      const out = applyStep(current, recipe.steps[i], i, 'fit');
      current = out.table;
      rows = composeRows(rows, out.kept);
      applied.steps.push(out.step);
      applied.reports.push(out.report);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      return { applied, failure: { index: i, error: toErrorInfo(err) } };
    }
  }
  applied.tables.push(current);
  applied.rows.push(rows);
  return { applied };
}
