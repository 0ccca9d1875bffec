// The columnar table every layer shares: typed arrays plus dictionaries, cheap to transfer between workers.

/** The semantic type of a column, as inferred from its values and shown to the user. */
export type ColumnType =
  | 'integer'
  | 'float'
  | 'boolean'
  | 'categorical'
  | 'text'
  | 'datetime'
  | 'identifier';

/**
 * A column stored as numbers. Missing values are NaN (a parsed "NaN" text is also missing);
 * ±Infinity are kept as values. Booleans are 0/1, datetimes are milliseconds since the epoch (UTC).
 */
export interface NumericColumn {
  kind: 'numeric';
  name: string;
  type: 'integer' | 'float' | 'boolean' | 'datetime';
  values: Float64Array;
  /** Values that did not read as the type when loading (they are missing in `values`). */
  invalid?: InvalidCells;
}

/** Cells whose text failed the column's type: counted, the first few kept to show the user. */
export interface InvalidCells {
  count: number;
  /** 0-based data-row index and the text as written. */
  examples: { row: number; text: string }[];
}

/**
 * A column stored as dictionary codes: codes[i] indexes dictionary, -1 means missing.
 * Used for categorical, free text and identifier-like columns.
 */
export interface CodedColumn {
  kind: 'coded';
  name: string;
  type: 'categorical' | 'text' | 'identifier';
  codes: Int32Array;
  dictionary: string[];
  invalid?: InvalidCells;
}

export type Column = NumericColumn | CodedColumn;

export interface Table {
  rowCount: number;
  columns: Column[];
}

export function isMissing(column: Column, row: number): boolean {
  return column.kind === 'numeric' ? Number.isNaN(column.values[row]) : column.codes[row] < 0;
}

export function getColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** The value at a row as the user would read it (null when missing). */
export function cellText(column: Column, row: number): string | null {
  if (column.kind === 'coded') {
    const code = column.codes[row];
    return code < 0 ? null : column.dictionary[code];
  }
  const v = column.values[row];
  if (Number.isNaN(v)) return null;
  if (column.type === 'boolean') return v ? 'true' : 'false';
  if (column.type === 'datetime') return new Date(v).toISOString().replace('T00:00:00.000Z', '');
  return String(v);
}

/** The ArrayBuffers backing a table, for postMessage transfer lists. */
export function tableBuffers(table: Table): ArrayBuffer[] {
  return table.columns.map((c) => (c.kind === 'numeric' ? c.values.buffer : c.codes.buffer) as ArrayBuffer);
}

/** The first n rows as records of display strings, for previews. */
export function headRows(table: Table, n: number): (string | null)[][] {
  const out: (string | null)[][] = [];
  const end = Math.min(n, table.rowCount);
  for (let r = 0; r < end; r++) out.push(table.columns.map((c) => cellText(c, r)));
  return out;
}
