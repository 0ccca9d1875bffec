// The upstream table as plain per-column arrays of JavaScript values, the form a code cell's DataFrame is built from.

import type { Column, Table } from '../table/table.ts';

/** One cell as user code sees it; null is missing, except in number columns where missing is NaN (as in danfojs). */
export type CellValue = number | boolean | string | null;

/**
 * A column's values: numbers (NaN when missing) for integer and float columns, true/false for booleans,
 * ISO 8601 text for datetimes (the date alone at midnight UTC), strings for categorical, text and
 * identifier columns; null when missing in all but number columns. danfojs takes plain arrays (it refuses typed arrays), hence the copy.
 */
export function columnValues(column: Column): CellValue[] {
  const out: CellValue[] = new Array(column.kind === 'numeric' ? column.values.length : column.codes.length);
  if (column.kind === 'coded') {
    const { codes, dictionary } = column;
    for (let i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? null : dictionary[codes[i]];
    return out;
  }
  const v = column.values;
  switch (column.type) {
    case 'boolean':
      for (let i = 0; i < v.length; i++) out[i] = Number.isNaN(v[i]) ? null : v[i] !== 0;
      break;
    case 'datetime':
      // ISO text, as the data file had it: danfojs's dt accessor reads it, and it cannot handle a column of
      // Dates with a missing value (it stops calling such a column datetime).
      for (let i = 0; i < v.length; i++) out[i] = Number.isNaN(v[i]) ? null : new Date(v[i]).toISOString().replace('T00:00:00.000Z', '');
      break;
    default:
      for (let i = 0; i < v.length; i++) out[i] = v[i];
  }
  return out;
}

/** Every column by name, in the table's order (names are unique in a Table). */
export function tableToColumns(table: Table): Record<string, CellValue[]> {
  const out: Record<string, CellValue[]> = {};
  for (const c of table.columns) out[c.name] = columnValues(c);
  return out;
}

/** The part of danfojs this conversion needs, so core code never imports it. */
export interface DanfoLike {
  DataFrame: new (data: unknown, options?: { columns?: string[] }) => unknown;
}

/** The table as a danfojs DataFrame (its index is 0…n-1). */
export function toDataFrame(dfd: DanfoLike, table: Table): unknown {
  // danfojs cannot build a frame from empty column arrays, but takes no rows with the column names given.
  if (table.rowCount === 0) return new dfd.DataFrame([], { columns: table.columns.map((c) => c.name) });
  return new dfd.DataFrame(tableToColumns(table));
}
