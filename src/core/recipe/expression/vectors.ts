// The columnar values an expression computes with: numbers, dates, booleans and dictionary-coded texts.

import { INFERENCE_THRESHOLDS } from '../../parse/infer-column.ts';
import type { Column } from '../../table/table.ts';

export type ExprType = 'number' | 'date' | 'bool' | 'string' | 'null';

/**
 * One value per row. Missing is NaN for numbers and dates (ms since the epoch, UTC), 2 for booleans
 * (0 false, 1 true), code -1 for texts; 'null' is the literal null before it takes a type from context.
 */
export type Vec =
  | { type: 'number' | 'date'; values: Float64Array }
  | { type: 'bool'; values: Uint8Array }
  | { type: 'string'; codes: Int32Array; dictionary: string[] }
  | { type: 'null' };

export const BOOL_MISSING = 2;

export function typeOfColumn(type: Column['type']): ExprType {
  switch (type) {
    case 'integer':
    case 'float':
      return 'number';
    case 'boolean':
      return 'bool';
    case 'datetime':
      return 'date';
    default:
      return 'string';
  }
}

/** A table column as a vector. Arrays are shared, never written: every operation allocates its result. */
export function columnVec(column: Column): Vec {
  if (column.kind === 'coded') return { type: 'string', codes: column.codes, dictionary: column.dictionary };
  if (column.type === 'boolean') {
    const src = column.values;
    const values = new Uint8Array(src.length);
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      values[i] = v !== v ? BOOL_MISSING : v ? 1 : 0;
    }
    return { type: 'bool', values };
  }
  return { type: column.type === 'datetime' ? 'date' : 'number', values: column.values };
}

export function constantVec(value: number | string | boolean, type: 'number' | 'date' | 'string' | 'bool', n: number): Vec {
  if (type === 'string') return { type, codes: new Int32Array(n), dictionary: [String(value)] };
  if (type === 'bool') return { type, values: new Uint8Array(n).fill(value ? 1 : 0) };
  return { type, values: new Float64Array(n).fill(value as number) };
}

/** An all-missing vector of a type (the literal null once its type is known). */
export function missingVec(type: ExprType, n: number): Vec {
  switch (type) {
    case 'number':
    case 'date':
      return { type, values: new Float64Array(n).fill(NaN) };
    case 'bool':
      return { type, values: new Uint8Array(n).fill(BOOL_MISSING) };
    case 'string':
      return { type, codes: new Int32Array(n).fill(-1), dictionary: [] };
    default:
      return { type: 'null' };
  }
}

export function withType(vec: Vec, type: ExprType, n: number): Vec {
  return vec.type === 'null' ? missingVec(type, n) : vec;
}

/** Whether row i is missing. */
export function isMissingAt(vec: Vec, i: number): boolean {
  switch (vec.type) {
    case 'number':
    case 'date':
      return vec.values[i] !== vec.values[i];
    case 'bool':
      return vec.values[i] === BOOL_MISSING;
    case 'string':
      return vec.codes[i] < 0;
    default:
      return true;
  }
}

/**
 * Texts from a per-entry function of the dictionary: each distinct text is transformed once. Equal
 * results share one code, so the dictionary never holds a text twice.
 */
export function mapDictionary(vec: { codes: Int32Array; dictionary: string[] }, fn: (s: string) => string | null): Vec {
  const builder = new DictionaryBuilder();
  const remap = new Int32Array(vec.dictionary.length);
  for (let c = 0; c < vec.dictionary.length; c++) {
    const out = fn(vec.dictionary[c]);
    remap[c] = out === null ? -1 : builder.code(out);
  }
  const codes = new Int32Array(vec.codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = vec.codes[i];
    codes[i] = c < 0 ? -1 : remap[c];
  }
  return { type: 'string', codes, dictionary: builder.dictionary };
}

/** Numbers from a per-entry function of the dictionary. */
export function numbersOfDictionary(vec: { codes: Int32Array; dictionary: string[] }, fn: (s: string) => number): Float64Array {
  const table = new Float64Array(vec.dictionary.length);
  for (let c = 0; c < table.length; c++) table[c] = fn(vec.dictionary[c]);
  const out = new Float64Array(vec.codes.length);
  for (let i = 0; i < out.length; i++) {
    const c = vec.codes[i];
    out[i] = c < 0 ? NaN : table[c];
  }
  return out;
}

/** Texts → codes, assigned in order of first appearance. */
export class DictionaryBuilder {
  readonly dictionary: string[] = [];
  private readonly index = new Map<string, number>();
  code(text: string): number {
    let c = this.index.get(text);
    if (c === undefined) {
      c = this.dictionary.length;
      this.index.set(text, c);
      this.dictionary.push(text);
    }
    return c;
  }
}

/** Above this many dictionary pairs, two text vectors are compared row by row instead of through a table. */
const PAIR_TABLE_LIMIT = 1 << 20;

/**
 * A per-row function of two text vectors, evaluated once per pair of distinct texts when the dictionaries
 * are small (always so when one side is a literal), else once per row. Missing on either side gives `missing`.
 */
export function stringPairs<T extends Uint8Array | Float64Array>(
  a: { codes: Int32Array; dictionary: string[] },
  b: { codes: Int32Array; dictionary: string[] },
  out: T,
  missing: number,
  fn: (x: string, y: string) => number,
): T {
  const na = a.dictionary.length;
  const nb = b.dictionary.length;
  const n = out.length;
  if (na * nb <= PAIR_TABLE_LIMIT && na * nb <= 4 * n + 64) {
    const table = new Float64Array(na * nb);
    for (let x = 0; x < na; x++) for (let y = 0; y < nb; y++) table[x * nb + y] = fn(a.dictionary[x], b.dictionary[y]);
    for (let i = 0; i < n; i++) {
      const x = a.codes[i];
      const y = b.codes[i];
      out[i] = x < 0 || y < 0 ? missing : table[x * nb + y];
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    const x = a.codes[i];
    const y = b.codes[i];
    out[i] = x < 0 || y < 0 ? missing : fn(a.dictionary[x], b.dictionary[y]);
  }
  return out;
}

/** Distinct texts above which a derived text column is free text rather than categories (the loader's rule). */
const TEXT_MAX_CATEGORIES = INFERENCE_THRESHOLDS.TEXT_MAX_CATEGORIES;

/** A vector as a table column named `name`: numbers as float, texts with unused dictionary entries removed. */
export function vecToColumn(vec: Vec, name: string, n: number): Column {
  switch (vec.type) {
    case 'number':
      return { kind: 'numeric', name, type: 'float', values: vec.values };
    case 'date':
      return { kind: 'numeric', name, type: 'datetime', values: vec.values };
    case 'bool': {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = vec.values[i] === BOOL_MISSING ? NaN : vec.values[i];
      return { kind: 'numeric', name, type: 'boolean', values };
    }
    case 'string': {
      const { codes, dictionary } = compactCodes(vec.codes, vec.dictionary);
      return { kind: 'coded', name, type: dictionary.length > TEXT_MAX_CATEGORIES ? 'text' : 'categorical', codes, dictionary };
    }
    default:
      return { kind: 'numeric', name, type: 'float', values: new Float64Array(n).fill(NaN) };
  }
}

/** Codes renumbered over the dictionary entries actually used, in order of first use. */
export function compactCodes(codes: Int32Array, dictionary: string[]): { codes: Int32Array; dictionary: string[] } {
  const remap = new Int32Array(dictionary.length).fill(-1);
  const used: string[] = [];
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0) {
      out[i] = -1;
      continue;
    }
    let r = remap[c];
    if (r < 0) {
      r = remap[c] = used.length;
      used.push(dictionary[c]);
    }
    out[i] = r;
  }
  return { codes: out, dictionary: used };
}
