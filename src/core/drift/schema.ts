// Comparing two tables' columns before drift: names only one side has, and types that cannot be compared.
import { UserError } from '../errors/user-error.ts';
import type { ColumnType, Table } from '../table/table.ts';

export interface TypeMismatch {
  name: string;
  reference: ColumnType;
  current: ColumnType;
}

export interface SchemaComparison {
  /** Columns both tables have with comparable types, in the reference's order. */
  common: string[];
  /** In the reference, not in the current table. */
  missing: string[];
  /** In the current table, not in the reference. */
  extra: string[];
  mismatched: TypeMismatch[];
}

/**
 * Types that can be compared with each other: integers with floats (a column of whole numbers may read
 * either way), category with text and identifier (Lathe tells them apart by how many distinct values a
 * sample has). Booleans and dates stand alone.
 */
function family(type: ColumnType): string {
  if (type === 'integer' || type === 'float') return 'number';
  if (type === 'categorical' || type === 'text' || type === 'identifier') return 'text';
  return type;
}

export function compareSchemas(reference: Table, current: Table): SchemaComparison {
  const cur = new Map(current.columns.map((c) => [c.name, c]));
  const ref = new Set(reference.columns.map((c) => c.name));
  const common: string[] = [];
  const missing: string[] = [];
  const mismatched: TypeMismatch[] = [];
  for (const c of reference.columns) {
    const other = cur.get(c.name);
    if (!other) missing.push(c.name);
    else if (family(c.type) !== family(other.type)) mismatched.push({ name: c.name, reference: c.type, current: other.type });
    else common.push(c.name);
  }
  const extra = current.columns.filter((c) => !ref.has(c.name)).map((c) => c.name);
  return { common, missing, extra, mismatched };
}

export function schemasDiffer(s: SchemaComparison): boolean {
  return s.missing.length + s.extra.length + s.mismatched.length > 0;
}

const quoteList = (names: string[], max = 6): string => {
  const shown = names.slice(0, max).map((n) => `"${n}"`);
  return names.length > max ? `${shown.join(', ')} and ${names.length - max} more` : shown.join(', ');
};

/** One sentence per kind of difference, e.g. 'The current data lacks "score".' */
export function describeDifferences(s: SchemaComparison): string[] {
  const lines: string[] = [];
  if (s.missing.length) lines.push(`The current data lacks ${quoteList(s.missing)}.`);
  if (s.extra.length) lines.push(`The current data has ${quoteList(s.extra)}, which the reference lacks.`);
  for (const m of s.mismatched.slice(0, 6)) lines.push(`"${m.name}" is ${m.reference} in the reference but ${m.current} in the current data.`);
  if (s.mismatched.length > 6) lines.push(`${s.mismatched.length - 6} more columns differ in type.`);
  return lines;
}

/** The error for 'strict' mode: what differs, and how to go on. */
export function schemaError(s: SchemaComparison, hint: string): UserError {
  const what = describeDifferences(s).join(' ');
  return new UserError(`The reference and current datasets have different columns, so their drift cannot be compared. ${what}`, hint, {
    kind: 'drift-schema',
    missing: s.missing,
    extra: s.extra,
    mismatched: s.mismatched,
  });
}
