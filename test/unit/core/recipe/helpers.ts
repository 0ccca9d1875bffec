// Shared fixtures for the recipe tests: the messy CSV and its pandas reference, and small hand-made tables.
import { readFileSync } from 'node:fs';
import { parseDelimited } from '../../../../src/core/parse/parse-delimited.ts';
import { getColumn, type Column, type Table } from '../../../../src/core/table/table.ts';

const fixture = (name: string): URL => new URL(`../../../fixtures/${name}`, import.meta.url);

/** test/fixtures/recipe.messy.csv as Lathe loads it (scripts/fixtures/recipe_reference.py writes it). */
export function messy(): Table {
  return parseDelimited(readFileSync(fixture('recipe.messy.csv')));
}

export function penguins(): Table {
  return parseDelimited(readFileSync(new URL('../../../../public/samples/penguins.csv', import.meta.url)));
}

type Json = number | string | boolean | null;

export interface Reference {
  rows: number;
  missing: Record<string, number>;
  impute: Record<string, { mean?: number; median?: number; mode: Json }>;
  outliers: Record<string, Record<'iqr' | 'zscore', { lower: number; upper: number; dropped: number; clipped: number }>>;
  dedupe: Record<'all_first' | 'all_last' | 'city_first' | 'city_age_last', number[]>;
  dates: Record<'year' | 'month' | 'day' | 'weekday' | 'hour', (number | null)[]>;
  parse_dates: { ms: (number | null)[]; failures: number };
  bins: { quantile4: number[]; width5: number[] };
  cast: { values: Json[]; failures: number };
  filters: { expression: string; count: number }[];
  derive: { expression: string; values: Json[] }[];
  round: [number, number, number][];
  penguins: {
    median: Record<string, number>;
    mean: Record<string, number>;
    mode: Record<string, string>;
    missing: Record<string, number>;
    fences: Record<'iqr' | 'zscore', { lower: number; upper: number; dropped: number; clipped: number }>;
    duplicates_kept: number;
  };
}

export const reference = JSON.parse(readFileSync(fixture('recipe.reference.json'), 'utf8')) as Reference;

/** A reference value as a number: null is missing (NaN), 'inf' / '-inf' are the infinities. */
export function refNumber(v: Json): number {
  if (v === null) return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v as number;
}

export function column(table: Table, name: string): Column {
  const c = getColumn(table, name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

export function values(table: Table, name: string): Float64Array {
  const c = column(table, name);
  if (c.kind !== 'numeric') throw new Error(`${name} is not numeric`);
  return c.values;
}

/** The texts of a coded column, row by row (null = missing). */
export function texts(table: Table, name: string): (string | null)[] {
  const c = column(table, name);
  if (c.kind !== 'coded') throw new Error(`${name} is not coded`);
  return Array.from(c.codes, (code) => (code < 0 ? null : c.dictionary[code]));
}

export function num(name: string, vals: number[], type: 'integer' | 'float' | 'boolean' | 'datetime' = 'float'): Column {
  return { kind: 'numeric', name, type, values: Float64Array.from(vals) };
}

export function txt(name: string, vals: (string | null)[], type: 'categorical' | 'text' | 'identifier' = 'categorical'): Column {
  const dictionary: string[] = [];
  const codes = Int32Array.from(vals, (v) => {
    if (v === null) return -1;
    let i = dictionary.indexOf(v);
    if (i < 0) i = dictionary.push(v) - 1;
    return i;
  });
  return { kind: 'coded', name, type, codes, dictionary };
}

export function table(...columns: Column[]): Table {
  const c = columns[0];
  return { rowCount: c ? (c.kind === 'numeric' ? c.values.length : c.codes.length) : 0, columns };
}

/** Relative closeness for statistics (stated tolerance: 1e-12 relative, 1e-9 absolute near zero). */
export function close(a: number, b: number, rel = 1e-12): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= Math.max(1e-9, rel * Math.max(Math.abs(a), Math.abs(b)));
}
