// Turns one column of values returned by user code into a typed Table column, with the loaders' type rules.

import type { Column, ColumnType } from '../table/table.ts';
import { inferColumn } from '../parse/infer-column.ts';
import { UserError } from '../errors/user-error.ts';

/** What a returned value is, for choosing the column's storage. */
type Sort = 'missing' | 'number' | 'boolean' | 'date' | 'string' | 'other';

function sortOf(v: unknown): Sort {
  if (v === null || v === undefined) return 'missing';
  switch (typeof v) {
    case 'number':
      return Number.isNaN(v) ? 'missing' : 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    case 'bigint':
      return 'string';
    case 'object':
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'missing' : 'date';
      // Boxed primitives (new Number(1)) read as their value.
      if (v instanceof Number || v instanceof String || v instanceof Boolean) return sortOf(v.valueOf());
      return 'other';
    default:
      return 'other';
  }
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'symbol') return 'a symbol';
  return 'an object';
}

/** A present value as the text a data file would hold. */
function textOf(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object' && v !== null) return String(v.valueOf());
  return String(v);
}

/**
 * The column for `values` (any array-like of numbers, booleans, Dates, strings, null/undefined/NaN as
 * missing). Numbers give an integer column when every one is a safe integer, else float (as the loaders
 * read "9007199254740993"); booleans a boolean column; Dates a datetime column; strings, and any mix of
 * kinds, are read as text with inferColumn's rules (so "3" becomes an integer, as it would in a CSV).
 *
 * `like` is the input column of the same name, if any: a column the code left as it was keeps its type
 * where the values allow it (a float column whose values happen to be whole stays float; a categorical
 * column stays categorical rather than turning into an identifier or text).
 */
export function valuesToColumn(name: string, values: ArrayLike<unknown>, like?: Column): Column {
  const n = values.length;
  const seen = new Set<Sort>();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const s = sortOf(v);
    if (s === 'other') {
      throw new UserError(
        `Column “${name}” holds ${describe(v)} in row ${i + 1}: a table cell must be a number, text, true/false, a Date or null.`,
        'Turn it into text first (for example with JSON.stringify), or leave the column out of what the code returns.',
      );
    }
    if (s !== 'missing') seen.add(s);
  }
  const only = seen.size === 1 ? [...seen][0] : seen.size === 0 ? 'number' : 'mixed';
  if (only === 'number' || only === 'boolean' || only === 'date') {
    const out = new Float64Array(n);
    let whole = true;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      const s = sortOf(v);
      const x = s === 'missing' ? NaN : only === 'date' ? (v as Date).getTime() : Number((v as { valueOf(): unknown }).valueOf());
      out[i] = x;
      if (whole && s !== 'missing' && !Number.isSafeInteger(x)) whole = false;
    }
    let type: ColumnType = only === 'boolean' ? 'boolean' : only === 'date' ? 'datetime' : whole && seen.size ? 'integer' : 'float';
    if (type === 'integer' && like?.type === 'float') type = 'float';
    return { kind: 'numeric', name, type, values: out };
  }
  const texts: (string | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    texts[i] = sortOf(v) === 'missing' ? null : textOf(v);
  }
  const column = inferColumn(name, texts);
  if (column.kind === 'coded' && like?.kind === 'coded' && like.type !== column.type) return { ...column, type: like.type };
  if (column.kind === 'numeric' && column.type === 'integer' && like?.type === 'float') return { ...column, type: 'float' };
  return column;
}
