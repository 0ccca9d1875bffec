// Applies a recipe to a table step by step: fitting its numbers on the way (training) or reusing them (serving).

import { UserError } from '../errors/user-error.ts';
import { cellText, type Table } from '../table/table.ts';
import { diffColumn } from './diff.ts';
import { stepScope } from './describe.ts';
import { parseExpression, type Node } from './expression/parse.ts';
import { implOf } from './steps/index.ts';
import type { Mode } from './steps/step-impl.ts';
import { CHANGED_EXAMPLES, RECIPE_VERSION, REMOVED_EXAMPLES, type ChangedValue, type FittedRecipe, type Recipe, type RecipeReport, type Step, type StepReport } from './types.ts';
import { composeRows } from './lineage.ts';
import { checkRecipeShape, checkStepShape, stepError, validateRecipe } from './validate.ts';

export interface AppliedStep {
  table: Table;
  /** The step with its fitted numbers. */
  step: Step;
  report: StepReport;
  /** Row steps: the input rows kept, ascending (absent when every row stays, in place). */
  kept?: Int32Array;
}

/**
 * One step on a table, with its report. A UserError from the step comes back re-said for the recipe
 * ("Step 3 (…): …", details naming the step); any other error is a bug and passes through.
 */
export function applyStep(table: Table, step: Step, index: number, mode: Mode = 'fit'): AppliedStep {
  let outcome;
  try {
    checkStepShape(step);
    const impl = implOf(step);
    // The same checks as without data, so a step never half-applies to columns it cannot take.
    impl.schema(table.columns, step);
    outcome = impl.apply(table, step, mode);
  } catch (err) {
    if (err instanceof UserError) throw stepError(index, step, err);
    throw err;
  }
  const out = outcome.table;
  const beforeNames = new Set(table.columns.map((c) => c.name));
  const afterNames = new Set(out.columns.map((c) => c.name));
  const report: StepReport = {
    id: step.id,
    rowsBefore: table.rowCount,
    rowsAfter: out.rowCount,
    columnsAdded: out.columns.filter((c) => !beforeNames.has(c.name)).map((c) => c.name),
    columnsRemoved: table.columns.filter((c) => !afterNames.has(c.name)).map((c) => c.name),
    changed: 0,
    examples: [],
  };
  if (out.rowCount === table.rowCount && !outcome.kept) {
    const perColumn: ChangedValue[][] = [];
    for (const after of out.columns) {
      const before = table.columns.find((c) => c.name === after.name);
      if (!before || before === after) continue;
      const examples: ChangedValue[] = [];
      report.changed += diffColumn(before, after, CHANGED_EXAMPLES, examples);
      if (examples.length) perColumn.push(examples);
    }
    report.examples = interleave(perColumn, CHANGED_EXAMPLES);
  }
  if (outcome.kept && outcome.kept.length < table.rowCount) report.removed = removedRows(table, outcome.kept);
  if (outcome.failures) report.failures = outcome.failures;
  if (outcome.notes) report.notes = outcome.notes;
  const applied: AppliedStep = { table: out, step: outcome.step, report };
  if (outcome.kept && outcome.kept.length < table.rowCount) applied.kept = outcome.kept;
  return applied;
}

/** Examples taken a column at a time in turn, so that every changed column shows some. */
function interleave(lists: ChangedValue[][], limit: number): ChangedValue[] {
  const out: ChangedValue[] = [];
  for (let k = 0; out.length < limit; k++) {
    let any = false;
    for (const list of lists) {
      if (k < list.length && out.length < limit) {
        out.push(list[k]);
        any = true;
      }
    }
    if (!any) break;
  }
  return out;
}

/** The first rows not in `kept` (ascending), as display texts. */
function removedRows(table: Table, kept: Int32Array): { row: number; values: (string | null)[] }[] {
  const out: { row: number; values: (string | null)[] }[] = [];
  let k = 0;
  for (let r = 0; r < table.rowCount && out.length < REMOVED_EXAMPLES; r++) {
    if (k < kept.length && kept[k] === r) {
      k++;
      continue;
    }
    out.push({ row: r, values: table.columns.map((c) => cellText(c, r)) });
  }
  return out;
}

export interface RecipeResult {
  table: Table;
  report: RecipeReport;
  fitted: FittedRecipe;
  /** For each output row, its row in the input table; absent when the recipe removed no row. */
  sourceRows?: Int32Array;
}

/**
 * Applies every step to the table (training data): checks the whole recipe against the columns first,
 * then fits and applies each step in turn. Throws the first failing step's UserError.
 */
export function applyRecipe(table: Table, recipe: Recipe): RecipeResult {
  checkRecipeShape(recipe);
  validateRecipe(table.columns, recipe);
  let current = table;
  let sourceRows: Int32Array | undefined;
  const steps: Step[] = [];
  const reports: StepReport[] = [];
  recipe.steps.forEach((step, i) => {
    const applied = applyStep(current, step, i, 'fit');
    current = applied.table;
    sourceRows = composeRows(sourceRows, applied.kept);
    steps.push(applied.step);
    reports.push(applied.report);
  });
  const result: RecipeResult = {
    table: current,
    report: { rowsBefore: table.rowCount, rowsAfter: current.rowCount, steps: reports },
    fitted: fittedRecipe(table, current, steps),
  };
  if (sourceRows) result.sourceRows = sourceRows;
  return result;
}

export function fittedRecipe(input: Table, output: Table, steps: Step[]): FittedRecipe {
  return {
    version: RECIPE_VERSION,
    fitted: true,
    steps,
    input: input.columns.map((c) => ({ name: c.name, type: c.type })),
    output: output.columns.map((c) => ({ name: c.name, type: c.type })),
    rows: input.rowCount,
  };
}

/** The recipe fitted on a table: every step with the numbers serving needs. */
export function fitRecipe(table: Table, recipe: Recipe): FittedRecipe {
  return applyRecipe(table, recipe).fitted;
}

export interface ServeOptions {
  /**
   * 'skip': a step whose columns are absent from the new rows is left out (or narrowed to the columns that
   * are there) — e.g. a step on the target column, which requests do not carry. 'error' (default): it fails.
   */
  missingColumns?: 'error' | 'skip';
  /** Stop after the step at this index (0-based, into fitted.steps); the rest are not applied. */
  through?: number;
  /** Sees the table after each step index up to `through` (row steps included, unchanged by them). */
  onStep?: (index: number, table: Table) => void;
}

/**
 * Applies the value steps of a fitted recipe to new rows with exactly the fitted numbers (no refitting);
 * row steps (filter, dedupe, dropped outliers) shape training data only and are left out.
 */
export function applyFittedValues(fitted: FittedRecipe, table: Table, options: ServeOptions = {}): Table {
  if (!fitted || fitted.fitted !== true) throw new UserError('This recipe was never fitted, so it has no numbers to apply.', 'Run the Prepare cell, then export again.');
  checkRecipeShape(fitted);
  let current = table;
  const last = Math.min(options.through ?? Infinity, fitted.steps.length - 1);
  for (let i = 0; i <= last; i++) {
    const step = fitted.steps[i];
    if (stepScope(step) === 'values') {
      const narrowed = options.missingColumns === 'skip' ? narrowToPresent(step, new Set(current.columns.map((c) => c.name))) : step;
      if (narrowed) current = applyStep(current, narrowed, i, 'serve').table;
    }
    options.onStep?.(i, current);
  }
  return current;
}

/** The step restricted to columns present, or null when it has nothing left to do. */
function narrowToPresent(step: Step, present: Set<string>): Step | null {
  switch (step.kind) {
    case 'impute':
    case 'outliers':
    case 'text':
    case 'drop': {
      const columns = step.columns.filter((c) => present.has(c));
      return columns.length ? ({ ...step, columns } as Step) : null;
    }
    case 'select': {
      // Columns a request does not carry (the target, columns the model does not read) are not asked for.
      const columns = step.columns.filter((c) => present.has(c));
      return columns.length ? { ...step, columns } : null;
    }
    case 'rename': {
      const names = Object.fromEntries(Object.entries(step.names).filter(([from]) => present.has(from)));
      return Object.keys(names).length ? { ...step, names } : null;
    }
    case 'cast':
    case 'merge':
    case 'bin':
    case 'parse-dates':
      return present.has(step.column) ? step : null;
    case 'derive':
      return columnsOf(step.expression).every((c) => present.has(c)) ? step : null;
    default:
      return step;
  }
}

/** The column names an expression mentions (a malformed one mentions none; applying it will say what is wrong). */
function columnsOf(expression: string): string[] {
  const names: string[] = [];
  const visit = (node: Node): void => {
    switch (node.type) {
      case 'column':
        names.push(node.name);
        break;
      case 'negate':
      case 'not':
      case 'is-null':
        visit(node.arg);
        break;
      case 'in':
        visit(node.arg);
        break;
      case 'binary':
        visit(node.left);
        visit(node.right);
        break;
      case 'call':
        node.args.forEach(visit);
        break;
    }
  };
  try {
    visit(parseExpression(expression));
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
  }
  return names;
}
