// Small table edits the steps share: look a column up for a step, replace or add one, check a column's type.

import { UserError } from '../errors/user-error.ts';
import type { Column, ColumnType, Table } from '../table/table.ts';
import type { ColumnInfo } from './types.ts';

export const NUMBER_TYPES: readonly ColumnType[] = ['integer', 'float'];
export const TEXT_TYPES: readonly ColumnType[] = ['categorical', 'text', 'identifier'];

/** The column, or a UserError that names it and lists a few that exist. */
export function requireColumn<C extends ColumnInfo>(columns: readonly C[], name: string): C {
  const found = columns.find((c) => c.name === name);
  if (found) return found;
  const names = columns.map((c) => c.name);
  const shown = names.slice(0, 8).map((n) => `"${n}"`).join(', ') + (names.length > 8 ? `, … (${names.length} in all)` : '');
  throw new UserError(`There is no column "${name}" at this point of the recipe.`, names.length ? `Columns here: ${shown}.` : 'No columns are left here.');
}

/** Requires the column to be of one of `types`; `what` says what the step needs, e.g. "a number column". */
export function requireType<C extends ColumnInfo>(columns: readonly C[], name: string, types: readonly ColumnType[], what: string): C {
  const column = requireColumn(columns, name);
  if (!types.includes(column.type)) throw new UserError(`"${name}" is ${article(column.type)} column, but this step needs ${what}.`);
  return column;
}

export function article(type: ColumnType): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** A copy of the table with `column` in place of the column named `name` (same position), or appended. */
export function putColumn(table: Table, column: Column, name: string = column.name): Table {
  const i = table.columns.findIndex((c) => c.name === name);
  const columns = table.columns.slice();
  if (i < 0) columns.push(column);
  else columns[i] = column;
  return { rowCount: table.rowCount, columns };
}

export function columnOf(table: Table, name: string): Column {
  return requireColumn(table.columns, name);
}

/** The same schema edit as putColumn, on column descriptions. */
export function putInfo(columns: readonly ColumnInfo[], info: ColumnInfo, name: string = info.name): ColumnInfo[] {
  const out = columns.slice();
  const i = out.findIndex((c) => c.name === name);
  if (i < 0) out.push(info);
  else out[i] = info;
  return out;
}

/** Rejects a list of columns that is empty or names one twice. */
export function requireColumnList(columns: readonly ColumnInfo[], names: readonly string[], what = 'column'): void {
  if (names.length === 0) throw new UserError(`Choose at least one ${what}.`);
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new UserError(`"${n}" is listed twice.`);
    seen.add(n);
    requireColumn(columns, n);
  }
}

/** Whether every present value of a numeric array is an integer (for keeping an integer column's type). */
export function allIntegers(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v && !Number.isInteger(v)) return false;
  }
  return true;
}

/** record[key] when it is the record's own entry: a column named "constructor" must not find Object's. */
export function lookup<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A record keyed by names or values from the data: without a prototype, so a key like "__proto__" is just a key. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
