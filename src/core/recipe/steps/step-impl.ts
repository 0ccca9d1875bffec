// What every step kind provides: the columns it leaves (checked without data) and how it transforms a table.

import type { InvalidCells, Table } from '../../table/table.ts';
import type { ColumnInfo, Step } from '../types.ts';

/** 'fit' computes the step's numbers from the table; 'serve' uses the numbers recorded in step.fitted. */
export type Mode = 'fit' | 'serve';

export interface StepOutcome<S extends Step = Step> {
  table: Table;
  /** The step as applied: with its fitted numbers in fit mode. */
  step: S;
  failures?: InvalidCells;
  notes?: string[];
  /** Row steps: the input rows kept, ascending. */
  kept?: Int32Array;
}

export interface StepImpl<S extends Step> {
  /** The columns after the step, or a UserError (missing column, wrong type, bad expression). */
  schema(columns: readonly ColumnInfo[], step: S): ColumnInfo[];
  apply(table: Table, step: S, mode: Mode): StepOutcome<S>;
}

/** The fitted numbers of a step applied in serve mode, or an error saying the recipe was never fitted. */
export function fittedOf<F>(fitted: F | undefined, what: string): F {
  if (fitted === undefined) throw new Error(`The recipe was not fitted: ${what} has no recorded values.`);
  return fitted;
}
