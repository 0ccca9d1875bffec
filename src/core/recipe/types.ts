// The cleaning recipe as plain JSON: typed steps, the numbers fitted when applied, and what each step did.

import type { ColumnType, InvalidCells } from '../table/table.ts';

/** Format version of a saved recipe; bumped when a step's meaning changes (old recipes are then migrated). */
export const RECIPE_VERSION = 1;

export interface Recipe {
  version: typeof RECIPE_VERSION;
  steps: Step[];
}

/** Fields every step has: a stable id (for lists, reports and undo) and the kind. */
interface StepBase {
  id: string;
}

/** Keep only these columns, in this order. */
export interface SelectStep extends StepBase {
  kind: 'select';
  columns: string[];
}

export interface DropStep extends StepBase {
  kind: 'drop';
  columns: string[];
}

/** Old name → new name; the columns keep their place. */
export interface RenameStep extends StepBase {
  kind: 'rename';
  names: Record<string, string>;
}

/** Convert a column to another type; values that do not read as it become missing and are counted. */
export interface CastStep extends StepBase {
  kind: 'cast';
  column: string;
  to: ColumnType;
  /** Casting text to datetime: the day/month order read from the values. */
  fitted?: { order: DateOrder };
}

/** Keep the rows where a condition (the expression language, src/core/recipe/expression) is true. */
export interface FilterStep extends StepBase {
  kind: 'filter';
  expression: string;
}

export type ImputeMethod = 'mean' | 'median' | 'mode' | 'constant' | 'ffill';

/** Fill missing values. */
export interface ImputeStep extends StepBase {
  kind: 'impute';
  columns: string[];
  method: ImputeMethod;
  /** The value for 'constant': a number for numeric columns, text for text ones (an ISO date for dates). */
  value?: number | string | boolean;
  /** Also replace ±Infinity (numeric columns). */
  infinite?: boolean;
  fitted?: {
    /** Per column: the value filled in (for 'ffill': the last value seen, used for gaps before any value at serving). */
    values: Record<string, number | string | null>;
  };
}

/** Clip or drop values far from the bulk: outside [Q1 − k·IQR, Q3 + k·IQR] or mean ± k·std. */
export interface OutliersStep extends StepBase {
  kind: 'outliers';
  columns: string[];
  method: 'iqr' | 'zscore';
  /** k: 1.5 is Tukey's fence for IQR, 3 the usual z-score cut. */
  factor: number;
  action: 'clip' | 'drop';
  fitted?: { bounds: Record<string, { lower: number; upper: number }> };
}

/** Remove rows that repeat an earlier (or later) row on all columns, or on some. */
export interface DedupeStep extends StepBase {
  kind: 'dedupe';
  /** Empty: all columns. */
  columns: string[];
  keep: 'first' | 'last';
}

/** Tidy text: trim the ends, collapse inner whitespace, change case, remove accents. */
export interface TextStep extends StepBase {
  kind: 'text';
  columns: string[];
  trim: boolean;
  collapse: boolean;
  case: 'keep' | 'lower' | 'upper' | 'title';
  accents: boolean;
}

/** Merge categories: values that differ only in case, spaces or accents ('auto'), and/or listed pairs. */
export interface MergeStep extends StepBase {
  kind: 'merge';
  column: string;
  auto: boolean;
  /** Explicit value → replacement pairs, applied after the automatic groups. */
  mapping: Record<string, string>;
  fitted?: {
    /** Each seen value that changes → its replacement. */
    map: Record<string, string>;
    /** Normal form (see normalizeCategory) → replacement, so variants first seen at serving merge too. */
    groups: Record<string, string>;
  };
}

/** A new (or replaced) column computed by an expression. */
export interface DeriveStep extends StepBase {
  kind: 'derive';
  name: string;
  expression: string;
}

/** A categorical column of ranges of a numeric one: equal widths, or equal counts (quantiles). */
export interface BinStep extends StepBase {
  kind: 'bin';
  column: string;
  name: string;
  method: 'width' | 'quantile';
  bins: number;
  fitted?: {
    /** Inner cut points, ascending: bin i holds [edges[i-1], edges[i]), the first and last are open-ended. */
    edges: number[];
  };
}

export type DateOrder = 'ymd' | 'dmy' | 'mdy';

/** Read a text column as dates (ISO 8601, or day/month/year in an order). */
export interface ParseDatesStep extends StepBase {
  kind: 'parse-dates';
  column: string;
  order: 'auto' | DateOrder;
  fitted?: { order: DateOrder };
}

export type Step =
  | SelectStep
  | DropStep
  | RenameStep
  | CastStep
  | FilterStep
  | ImputeStep
  | OutliersStep
  | DedupeStep
  | TextStep
  | MergeStep
  | DeriveStep
  | BinStep
  | ParseDatesStep;

export type StepKind = Step['kind'];

/** The kinds in the order the "Add step" menu lists them. */
export const STEP_KINDS: readonly StepKind[] = [
  'impute',
  'filter',
  'derive',
  'drop',
  'select',
  'rename',
  'cast',
  'outliers',
  'dedupe',
  'text',
  'merge',
  'bin',
  'parse-dates',
];

/** A column as the recipe sees it between steps. */
export interface ColumnInfo {
  name: string;
  type: ColumnType;
}

/**
 * A recipe applied to a table, with every fitted number recorded in its steps (the median imputed, the
 * clip bounds, the merge map, the bin edges), so serving repeats exactly the same transforms on new rows.
 */
export interface FittedRecipe {
  version: typeof RECIPE_VERSION;
  fitted: true;
  steps: Step[];
  /** The columns the recipe reads (the table it was fitted on). */
  input: ColumnInfo[];
  /** The columns it produces. */
  output: ColumnInfo[];
  /** Rows of the table it was fitted on. */
  rows: number;
}

/** A changed cell: its row in the step's input, and the value before and after as the user reads them. */
export interface ChangedValue {
  row: number;
  column: string;
  before: string | null;
  after: string | null;
}

/** What one step did. */
export interface StepReport {
  id: string;
  rowsBefore: number;
  rowsAfter: number;
  columnsAdded: string[];
  columnsRemoved: string[];
  /** Cells whose value changed (in columns present before and after). */
  changed: number;
  /** Up to CHANGED_EXAMPLES of them, in row order per column. */
  examples: ChangedValue[];
  /** Cast and date-parse failures: values that did not read as the type (now missing). */
  failures?: InvalidCells;
  /** The first removed rows, as display texts in the step's input columns (row steps). */
  removed?: { row: number; values: (string | null)[] }[];
  /** Things worth knowing that are not errors (e.g. "nothing to impute"). */
  notes?: string[];
}

export const CHANGED_EXAMPLES = 20;
export const REMOVED_EXAMPLES = 5;

export interface RecipeReport {
  rowsBefore: number;
  rowsAfter: number;
  steps: StepReport[];
}
