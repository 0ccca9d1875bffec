// Checks that a value from untrusted code (a sandboxed code cell) is a well-formed Table before it is stored.

import type { Column, ColumnType, Table } from '../table/table.ts';
import { UserError } from '../errors/user-error.ts';

const NUMERIC_TYPES = new Set<ColumnType>(['integer', 'float', 'boolean', 'datetime']);
const CODED_TYPES = new Set<ColumnType>(['categorical', 'text', 'identifier']);

/** Generous bounds that no honest table reaches, so a hostile one cannot make the store allocate without end. */
export const TABLE_LIMITS = { maxColumns: 100_000, maxNameLength: 1_000 } as const;

function bad(what: string): never {
  throw new UserError(`The code cell’s result is not a valid table: ${what}.`, 'Run the cell again; if it keeps failing, return a DataFrame, records or columns.');
}

function checkColumn(value: unknown, rowCount: number, index: number): Column {
  if (typeof value !== 'object' || value === null) bad(`column ${index + 1} is not a column`);
  const c = value as Record<string, unknown>;
  const name = c.name;
  if (typeof name !== 'string' || !name.length || name.length > TABLE_LIMITS.maxNameLength) bad(`column ${index + 1} has no usable name`);
  if (c.kind === 'numeric') {
    if (!NUMERIC_TYPES.has(c.type as ColumnType)) bad(`column “${name}” has an unknown type`);
    if (!(c.values instanceof Float64Array) || c.values.length !== rowCount) bad(`column “${name}” does not hold ${rowCount} numbers`);
    return { kind: 'numeric', name, type: c.type as 'integer', values: c.values };
  }
  if (c.kind === 'coded') {
    if (!CODED_TYPES.has(c.type as ColumnType)) bad(`column “${name}” has an unknown type`);
    const { codes, dictionary } = c;
    if (!(codes instanceof Int32Array) || codes.length !== rowCount) bad(`column “${name}” does not hold ${rowCount} codes`);
    if (!Array.isArray(dictionary) || !dictionary.every((d) => typeof d === 'string')) bad(`column “${name}” has no dictionary of texts`);
    for (let i = 0; i < codes.length; i++) {
      if (codes[i] < -1 || codes[i] >= dictionary.length) bad(`column “${name}” refers to a text it does not have (row ${i + 1})`);
    }
    return { kind: 'coded', name, type: c.type as 'categorical', codes, dictionary: dictionary as string[] };
  }
  bad(`column ${index + 1} is neither numbers nor texts`);
}

/**
 * The value as a Table with only the fields a Table has (anything else is dropped), or a UserError saying
 * what is malformed: row count, column kinds and types, typed-array classes and lengths, codes within
 * their dictionary, unique non-empty names. `invalid` is dropped: it describes a load, not computed values.
 */
export function validateTable(value: unknown): Table {
  if (typeof value !== 'object' || value === null) bad('it is not an object');
  const t = value as Record<string, unknown>;
  const rowCount = t.rowCount;
  if (typeof rowCount !== 'number' || !Number.isSafeInteger(rowCount) || rowCount < 0) bad('its row count is not a whole number');
  if (!Array.isArray(t.columns) || !t.columns.length) bad('it has no columns');
  if (t.columns.length > TABLE_LIMITS.maxColumns) bad(`it has more than ${TABLE_LIMITS.maxColumns.toLocaleString('en-US')} columns`);
  const columns = t.columns.map((c, i) => checkColumn(c, rowCount, i));
  const names = new Set<string>();
  for (const c of columns) {
    if (names.has(c.name)) bad(`the name “${c.name}” is used twice`);
    names.add(c.name);
  }
  return { rowCount, columns };
}
