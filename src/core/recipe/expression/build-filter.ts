// Writes expression text from the filter builder's rows (column, operator, value), joined by and / or.

import { UserError } from '../../errors/user-error.ts';
import type { ColumnInfo } from '../types.ts';
import { quoteName } from './check.ts';
import { typeOfColumn } from './vectors.ts';

export type BuilderOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'contains' | 'starts with' | 'is null' | 'is not null';

export interface BuilderRow {
  column: string;
  op: BuilderOp;
  /** As typed; for 'in' a comma-separated list. Unused for is null / is not null. */
  value: string;
}

/** The operators offered for a column of this type, in menu order. */
export function opsFor(type: ColumnInfo['type']): BuilderOp[] {
  switch (typeOfColumn(type)) {
    case 'number':
      return ['==', '!=', '<', '<=', '>', '>=', 'in', 'not in', 'is null', 'is not null'];
    case 'date':
      return ['>=', '>', '<=', '<', '==', '!=', 'is null', 'is not null'];
    case 'bool':
      return ['==', '!=', 'is null', 'is not null'];
    default:
      return ['==', '!=', 'in', 'not in', 'contains', 'starts with', '<', '>', 'is null', 'is not null'];
  }
}

/** A text as a quoted literal, with quotes and backslashes escaped. */
export function quoteText(text: string): string {
  return "'" + text.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
}

function literal(raw: string, type: ColumnInfo['type'], column: string): string {
  const value = raw.trim();
  switch (typeOfColumn(type)) {
    case 'number': {
      if (value === '' || !Number.isFinite(Number(value))) throw new UserError(`"${raw}" is not a number, and ${column} holds numbers.`);
      return String(Number(value));
    }
    case 'bool': {
      const v = value.toLowerCase();
      if (v !== 'true' && v !== 'false') throw new UserError(`${column} is true or false, not "${raw}".`);
      return v;
    }
    case 'date':
      if (value === '') throw new UserError(`Give a date to compare ${column} with, like 2020-01-31.`);
      return quoteText(value);
    default:
      // Texts are compared exactly as typed: spaces at the ends count.
      return quoteText(raw);
  }
}

/** One row as a condition, e.g. `Body Mass (g)` > 4000 or contains(Island, 'Dr'). */
export function rowExpression(row: BuilderRow, columns: readonly ColumnInfo[]): string {
  const column = columns.find((c) => c.name === row.column);
  if (!column) throw new UserError(row.column ? `There is no column "${row.column}".` : 'Choose a column.');
  const name = quoteName(column.name);
  switch (row.op) {
    case 'is null':
    case 'is not null':
      return `${name} ${row.op}`;
    case 'in':
    case 'not in': {
      const items = row.value.split(',').filter((s) => s.trim() !== '');
      if (items.length === 0) throw new UserError(`List the values for ${column.name}, separated by commas.`);
      return `${name} ${row.op} [${items.map((s) => literal(typeOfColumn(column.type) === 'string' ? s.trim() : s, column.type, column.name)).join(', ')}]`;
    }
    case 'contains':
      return `contains(${name}, ${quoteText(row.value)})`;
    case 'starts with':
      return `starts_with(${name}, ${quoteText(row.value)})`;
    default:
      return `${name} ${row.op} ${literal(row.value, column.type, column.name)}`;
  }
}

/** The rows as one condition (a row holds no and / or of its own, so none needs brackets). */
export function buildFilter(rows: readonly BuilderRow[], join: 'and' | 'or', columns: readonly ColumnInfo[]): string {
  if (rows.length === 0) throw new UserError('Add a condition.');
  return rows.map((r) => rowExpression(r, columns)).join(` ${join} `);
}
