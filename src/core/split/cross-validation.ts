// Cross-validation folds for a table and its frame: picks the scheme, reads the group or date column, names problems.

import { UserError } from '../errors/user-error.ts';
import { classIndexByRow, rowsWithTarget, type FrameSummary } from '../frame/frame.ts';
import { getColumn, type Table } from '../table/table.ts';
import type { FoldPlan } from './folds.ts';
import { groupKFold } from './group-k-fold.ts';
import { kFold } from './k-fold.ts';
import { stratifiedKFold } from './stratified-k-fold.ts';
import { timeSeriesFolds } from './time-split.ts';

export type CrossValidationMethod = 'kfold' | 'stratified' | 'group' | 'time';

export interface CrossValidationConfig {
  method: CrossValidationMethod;
  k: number;
  seed: number;
  /** For kfold and stratified: shuffle with the seed (default true). */
  shuffle?: boolean;
  /** The group column (group) or the date column (time). */
  column?: string;
}

/**
 * Folds over the rows that have a target (row ids, ascending). Stratified folds on a regression frame fall
 * back to plain k-fold with a warning; group and time folds need their column filled in on every such row.
 */
export function crossValidationFolds(table: Table, frame: FrameSummary, config: CrossValidationConfig): FoldPlan {
  const rows = rowsWithTarget(table, frame.target);
  const shuffle = config.shuffle ?? true;
  switch (config.method) {
    case 'kfold':
      return kFold(rows, config.k, { shuffle, seed: config.seed });
    case 'stratified': {
      if (frame.task !== 'classification') {
        const plan = kFold(rows, config.k, { shuffle, seed: config.seed });
        plan.warnings.push('Stratified folds need classes; a regression target was split with plain k-fold');
        return plan;
      }
      const classOf = classIndexByRow(table, frame);
      const classes = Int32Array.from(rows, (r) => classOf[r]);
      return stratifiedKFold(classes, config.k, { shuffle, seed: config.seed, rows, classNames: frame.classes });
    }
    case 'group':
      return groupKFold(columnKeys(table, config.column, rows, 'group'), config.k, { rows });
    case 'time':
      return timeSeriesFolds(columnTimes(table, config.column, rows), config.k, { rows });
  }
}

/** A group key per row (dictionary code or value); every row must have one. */
export function columnKeys(table: Table, name: string | undefined, rows: Int32Array, role = 'group'): Float64Array {
  const column = requireColumn(table, name, role);
  const out = new Float64Array(rows.length);
  let missing = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = column.kind === 'coded' ? (column.codes[rows[i]] < 0 ? NaN : column.codes[rows[i]]) : column.values[rows[i]];
    if (Number.isNaN(v)) missing++;
    out[i] = v;
  }
  if (missing > 0) {
    throw new UserError(
      `${missing.toLocaleString('en-US')} rows have no value in the ${role} column "${column.name}"`,
      `Fill them in or drop them first, or pick another ${role} column.`,
    );
  }
  return out;
}

/** The time of each row (epoch ms or any number); text columns are refused. */
export function columnTimes(table: Table, name: string | undefined, rows: Int32Array): Float64Array {
  const column = requireColumn(table, name, 'date');
  if (column.kind !== 'numeric') {
    throw new UserError(
      `The date column "${column.name}" holds text, so rows can't be ordered by it`,
      'Pick a date or numeric column.',
    );
  }
  return columnKeys(table, name, rows, 'date');
}

function requireColumn(table: Table, name: string | undefined, role: string) {
  if (!name) throw new UserError(`Pick a ${role} column for this split`);
  const column = getColumn(table, name);
  if (!column) throw new UserError(`There is no column named "${name}" to use as the ${role} column`);
  return column;
}
