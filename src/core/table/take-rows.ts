// Selects a subset of a table's rows (in the order given) into a new table of fresh typed arrays.

import type { Column, Table } from './table.ts';

/**
 * The rows `rows` (0-based indices into `table`, any order, repeats allowed) as a new table. Dictionaries
 * are shared with the source, so codes keep their meaning and nothing is re-encoded; a dictionary entry
 * no longer used by any kept row simply goes unused.
 *
 * `invalid` (load-time failures of a column) is dropped: its count describes rows of the source, and
 * only its first examples are known, so no honest count can be given for the subset.
 */
export function takeRows(table: Table, rows: ArrayLike<number>): Table {
  const n = rows.length;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    if (!(r >= 0 && r < table.rowCount) || r !== Math.floor(r)) {
      throw new RangeError(`takeRows: row ${r} is outside a table of ${table.rowCount} rows`);
    }
  }
  return { rowCount: n, columns: table.columns.map((c) => takeColumnRows(c, rows)) };
}

/** One column's values at the given rows (no bounds check: takeRows checks once for all columns). */
export function takeColumnRows(column: Column, rows: ArrayLike<number>): Column {
  const n = rows.length;
  if (column.kind === 'numeric') {
    const src = column.values;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = src[rows[i]];
    return { kind: 'numeric', name: column.name, type: column.type, values };
  }
  const src = column.codes;
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = src[rows[i]];
  return { kind: 'coded', name: column.name, type: column.type, codes, dictionary: column.dictionary };
}

/** The first `n` rows, copied; the table itself when it has no more than `n`. */
export function headTable(table: Table, n: number): Table {
  const end = Math.min(n, table.rowCount);
  if (end === table.rowCount) return table;
  return {
    rowCount: end,
    columns: table.columns.map((c) =>
      c.kind === 'numeric'
        ? { kind: 'numeric', name: c.name, type: c.type, values: c.values.slice(0, end) }
        : { kind: 'coded', name: c.name, type: c.type, codes: c.codes.slice(0, end), dictionary: c.dictionary },
    ),
  };
}
