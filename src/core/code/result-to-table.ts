// Turns what a code cell returns (a DataFrame, an array of records, or { column: values }) into a Table.

import type { Table } from '../table/table.ts';
import { getColumn } from '../table/table.ts';
import { UserError } from '../errors/user-error.ts';
import { columnNames } from '../parse/column-names.ts';
import { valuesToColumn } from './values-to-column.ts';

const RETURN_HINT =
  'End the code with `return df` (a danfojs DataFrame), an array of records like [{ a: 1, b: "x" }], or columns like { a: [1, 2], b: ["x", "y"] }.';

/** danfojs's DataFrame and Series, recognised by shape (core never imports danfojs). */
interface FrameLike {
  columns: unknown[];
  getColumnData?: unknown[][];
  column?: (name: string) => { values: unknown[] };
}
interface SeriesLike {
  $isSeries: true;
  values: unknown[];
  columns?: unknown[];
}

function isSeries(v: object): v is SeriesLike {
  return (v as { $isSeries?: unknown }).$isSeries === true && Array.isArray((v as { values?: unknown }).values);
}

function isFrame(v: object): v is FrameLike {
  const f = v as { $isSeries?: unknown; columns?: unknown; getColumnData?: unknown; column?: unknown };
  return f.$isSeries === false && Array.isArray(f.columns) && (f.getColumnData !== undefined || typeof f.column === 'function');
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** What a returned value is, in words, for messages. */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return v.constructor?.name && v.constructor.name !== 'Object' ? `a ${v.constructor.name}` : 'an object';
  return `a ${typeof v}`;
}

/**
 * Builds a Table from named columns of equal length. Names are made unique and non-blank as the loaders
 * do; a column named as one of `input`'s keeps that column's type where its values allow.
 */
export function columnsToTable(names: readonly unknown[], columns: readonly ArrayLike<unknown>[], input?: Table): Table {
  if (!names.length) throw new UserError('The code returned a table without columns.', RETURN_HINT);
  const unique = columnNames(names.map((n) => String(n)));
  const rowCount = columns[0].length;
  for (let c = 1; c < columns.length; c++) {
    if (columns[c].length !== rowCount) {
      throw new UserError(
        `Column “${unique[c]}” has ${columns[c].length.toLocaleString('en-US')} values but “${unique[0]}” has ${rowCount.toLocaleString('en-US')}: every column of a table needs the same number of rows.`,
        'Make every column the same length (use null for a missing value).',
      );
    }
  }
  return {
    rowCount,
    columns: unique.map((name, c) => valuesToColumn(name, columns[c], input && getColumn(input, name))),
  };
}

function recordsToTable(records: readonly unknown[], input?: Table): Table {
  const keys = new Map<string, unknown[]>();
  for (let r = 0; r < records.length; r++) {
    const rec = records[r];
    if (!isPlainObject(rec)) {
      throw new UserError(
        `Row ${r + 1} of the returned array is ${kindOf(rec)}, not a record: an array must hold records like { a: 1, b: "x" }.`,
        RETURN_HINT,
      );
    }
    for (const key of Object.keys(rec)) {
      let column = keys.get(key);
      if (!column) {
        // A key first seen late is missing in the rows before it.
        column = new Array(records.length).fill(null);
        keys.set(key, column);
      }
      column[r] = rec[key];
    }
  }
  return columnsToTable([...keys.keys()], [...keys.values()], input);
}

function frameToTable(frame: FrameLike, input?: Table): Table {
  const names = frame.columns;
  // getColumnData gives every column at once; column(name).values is the slower public fallback.
  const data = Array.isArray(frame.getColumnData) ? frame.getColumnData : names.map((n) => frame.column!(String(n)).values);
  if (!names.length) throw new UserError('The code returned a DataFrame without columns.', RETURN_HINT);
  return columnsToTable(names, data, input);
}

/**
 * The Table for a code cell's return value:
 * - a danfojs DataFrame (its index is dropped; reset it first to keep it as a column) or Series (one column);
 * - an array of records (columns in the order their keys first appear; a key absent from a record is missing);
 * - an object of columns, each an array or typed array, all of the same length.
 * `input` (the table the code received) lends its types to columns that keep their names.
 */
export function resultToTable(value: unknown, input?: Table): Table {
  if (value === undefined) throw new UserError('The code returned nothing, so this cell has no table to pass on.', RETURN_HINT);
  if (typeof value === 'object' && value !== null) {
    if (isSeries(value)) {
      // An unnamed Series calls its one column "0".
      const own = Array.isArray(value.columns) && value.columns.length === 1 ? String(value.columns[0]) : '0';
      const name = own === '0' ? 'value' : own;
      return columnsToTable([name], [value.values], input);
    }
    if (isFrame(value)) return frameToTable(value, input);
    if (Array.isArray(value)) {
      if (!value.length) throw new UserError('The code returned an empty array: no rows and no columns.', RETURN_HINT);
      return recordsToTable(value, input);
    }
    if (isPlainObject(value)) {
      const names = Object.keys(value);
      const columns: ArrayLike<unknown>[] = [];
      for (const name of names) {
        const col = value[name];
        if (!isArrayLike(col)) {
          throw new UserError(`Column “${name}” of the returned object is ${kindOf(col)}, not an array of values.`, RETURN_HINT);
        }
        columns.push(col);
      }
      return columnsToTable(names, columns, input);
    }
  }
  throw new UserError(`The code returned ${kindOf(value)}, not a table.`, RETURN_HINT);
}
