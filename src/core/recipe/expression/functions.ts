// The functions an expression may call: argument types, result type, and a vectorised implementation each.

import { parseIsoDate, presentText, readNumberText } from '../../parse/type-rules.ts';
import { datePart, type DatePart } from './dates.ts';
import {
  BOOL_MISSING,
  DictionaryBuilder,
  mapDictionary,
  missingVec,
  numbersOfDictionary,
  stringPairs,
  withType,
  type ExprType,
  type Vec,
} from './vectors.ts';

/** A type problem with one argument (its index), or the result type. */
export type TypeResult = ExprType | { arg: number; message: string };

export interface FunctionDef {
  min: number;
  max: number;
  /** How to call it, for messages and the help list. */
  usage: string;
  type: (args: ExprType[]) => TypeResult;
  evaluate: (args: Vec[], n: number) => Vec;
}

const NAMES: Record<ExprType, string> = { number: 'a number', date: 'a date', bool: 'a condition (true/false)', string: 'a text', null: 'null' };

export function typeName(t: ExprType): string {
  return NAMES[t];
}

/** Every argument of the type (null allowed where `nullable`). */
function expect(args: ExprType[], want: ExprType | ExprType[], fn: string, result: ExprType): TypeResult {
  const wanted = Array.isArray(want) ? want : [want];
  for (let i = 0; i < args.length; i++) {
    if (!wanted.includes(args[i])) {
      return { arg: i, message: `${fn}() takes ${wanted.map(typeName).join(' or ')} here, not ${typeName(args[i])}` };
    }
  }
  return result;
}

/**
 * Applies a number → number function row by row. A result that is not a finite number from a finite
 * input (log(0), sqrt(−1)) is missing rather than an infinity or NaN that would look like data.
 */
function mapNumbers(x: Float64Array, fn: (v: number) => number): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const r = fn(v);
    out[i] = r - r !== 0 && v - v === 0 ? NaN : r;
  }
  return out;
}

function numbers(v: Vec): Float64Array {
  return (v as { values: Float64Array }).values;
}

function unaryNumber(usage: string, fn: (v: number) => number): FunctionDef {
  const name = usage.slice(0, usage.indexOf('('));
  return {
    min: 1,
    max: 1,
    usage,
    type: (a) => expect(a, 'number', name, 'number'),
    evaluate: (a, n) => ({ type: 'number', values: mapNumbers(numbers(withType(a[0], 'number', n)), fn) }),
  };
}

/** NumPy's round: halves to the nearest even, at `digits` decimals (negative: tens, hundreds…). */
export function roundHalfEven(x: number, digits = 0): number {
  if (!Number.isFinite(x)) return x;
  const rint = (v: number): number => {
    const r = Math.round(v);
    // Math.round sends halves up; a half between two integers goes to the even one instead.
    return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
  };
  if (digits === 0) return rint(x);
  if (digits > 0) {
    const f = 10 ** digits;
    return rint(x * f) / f;
  }
  const f = 10 ** -digits;
  return rint(x / f) * f;
}

function datePartFn(part: DatePart): FunctionDef {
  return {
    min: 1,
    max: 1,
    usage: `${part}(date)`,
    type: (a) => expect(a, 'date', part, 'number'),
    evaluate: (a, n) => ({ type: 'number', values: datePart(numbers(withType(a[0], 'date', n)), part) }),
  };
}

function stringFn(usage: string, fn: (s: string) => string): FunctionDef {
  const name = usage.slice(0, usage.indexOf('('));
  return {
    min: 1,
    max: 1,
    usage,
    type: (a) => expect(a, 'string', name, 'string'),
    evaluate: (a, n) => {
      const v = withType(a[0], 'string', n) as Extract<Vec, { type: 'string' }>;
      return mapDictionary(v, fn);
    },
  };
}

function stringTest(usage: string, fn: (s: string, part: string) => boolean): FunctionDef {
  const name = usage.slice(0, usage.indexOf('('));
  return {
    min: 2,
    max: 2,
    usage,
    type: (a) => expect(a, 'string', name, 'bool'),
    evaluate: (a, n) => {
      const x = withType(a[0], 'string', n) as Extract<Vec, { type: 'string' }>;
      const y = withType(a[1], 'string', n) as Extract<Vec, { type: 'string' }>;
      return { type: 'bool', values: stringPairs(x, y, new Uint8Array(n), BOOL_MISSING, (s, p) => (fn(s, p) ? 1 : 0)) };
    },
  };
}

/** All arguments share one type (null aside); that type is the result. */
function sameType(args: ExprType[], fn: string, allowed: ExprType[]): TypeResult {
  let type: ExprType = 'null';
  for (let i = 0; i < args.length; i++) {
    const t = args[i];
    if (t === 'null') continue;
    if (!allowed.includes(t)) return { arg: i, message: `${fn}() takes ${allowed.map(typeName).join(' or ')}, not ${typeName(t)}` };
    if (type === 'null') type = t;
    else if (t !== type) return { arg: i, message: `${fn}() needs values of one type, but gets ${typeName(type)} and ${typeName(t)}` };
  }
  return type;
}

/** The first present value among the vectors, row by row. */
function firstPresent(vecs: Vec[], type: ExprType, n: number): Vec {
  const typed = vecs.map((v) => withType(v, type, n));
  if (type === 'number' || type === 'date') {
    const out = new Float64Array(n).fill(NaN);
    for (const v of typed) {
      const x = numbers(v);
      for (let i = 0; i < n; i++) if (out[i] !== out[i]) out[i] = x[i];
    }
    return { type, values: out };
  }
  if (type === 'bool') {
    const out = new Uint8Array(n).fill(BOOL_MISSING);
    for (const v of typed) {
      const x = (v as { values: Uint8Array }).values;
      for (let i = 0; i < n; i++) if (out[i] === BOOL_MISSING) out[i] = x[i];
    }
    return { type, values: out };
  }
  if (type === 'string') return mergeStrings(typed as Extract<Vec, { type: 'string' }>[], n, (i, pick) => pick.findIndex((codes) => codes[i] >= 0));
  return { type: 'null' };
}

/** Texts picked row by row from several vectors (`choose` returns the vector's index, or -1 for missing). */
function mergeStrings(vecs: Extract<Vec, { type: 'string' }>[], n: number, choose: (row: number, codes: Int32Array[]) => number): Vec {
  const builder = new DictionaryBuilder();
  const remaps = vecs.map((v) => new Int32Array(v.dictionary.length).fill(-1));
  const codesOf = vecs.map((v) => v.codes);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = choose(i, codesOf);
    if (k < 0) {
      out[i] = -1;
      continue;
    }
    const c = codesOf[k][i];
    if (c < 0) {
      out[i] = -1;
      continue;
    }
    let r = remaps[k][c];
    if (r < 0) r = remaps[k][c] = builder.code(vecs[k].dictionary[c]);
    out[i] = r;
  }
  return { type: 'string', codes: out, dictionary: builder.dictionary };
}

/** A value as text the way the table shows it. */
function textOf(v: Vec, i: number): string | null {
  switch (v.type) {
    case 'number': {
      const x = v.values[i];
      return x !== x ? null : String(x);
    }
    case 'date': {
      const x = v.values[i];
      return Number.isFinite(x) ? new Date(x).toISOString().replace('T00:00:00.000Z', '') : null;
    }
    case 'bool':
      return v.values[i] === BOOL_MISSING ? null : v.values[i] ? 'true' : 'false';
    case 'string':
      return v.codes[i] < 0 ? null : v.dictionary[v.codes[i]];
    default:
      return null;
  }
}

function textVec(v: Vec, n: number): Vec {
  if (v.type === 'string') return v;
  const builder = new DictionaryBuilder();
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = textOf(v, i);
    codes[i] = t === null ? -1 : builder.code(t);
  }
  return { type: 'string', codes, dictionary: builder.dictionary };
}

function minMax(name: 'min' | 'max'): FunctionDef {
  const better = name === 'min' ? (a: number, b: number) => b < a : (a: number, b: number) => b > a;
  return {
    min: 1,
    max: Infinity,
    usage: `${name}(a, b, …)`,
    type: (a) => sameType(a, name, ['number', 'date']),
    // Missing arguments are skipped, as pandas' min/max across columns: all missing gives missing.
    evaluate: (a, n) => {
      const type = (a.find((v) => v.type !== 'null')?.type ?? 'number') as 'number' | 'date';
      const out = new Float64Array(n).fill(NaN);
      for (const v of a) {
        if (v.type === 'null') continue;
        const x = numbers(v);
        for (let i = 0; i < n; i++) {
          const y = x[i];
          if (y === y && (out[i] !== out[i] || better(out[i], y))) out[i] = y;
        }
      }
      return { type, values: out };
    },
  };
}

export const FUNCTIONS: Record<string, FunctionDef> = {
  log: unaryNumber('log(x)', Math.log),
  log1p: unaryNumber('log1p(x)', Math.log1p),
  log10: unaryNumber('log10(x)', Math.log10),
  log2: unaryNumber('log2(x)', Math.log2),
  exp: unaryNumber('exp(x)', Math.exp),
  sqrt: unaryNumber('sqrt(x)', Math.sqrt),
  abs: unaryNumber('abs(x)', Math.abs),
  floor: unaryNumber('floor(x)', Math.floor),
  ceil: unaryNumber('ceil(x)', Math.ceil),
  sign: unaryNumber('sign(x)', Math.sign),
  round: {
    min: 1,
    max: 2,
    usage: 'round(x, digits)',
    type: (a) => expect(a, 'number', 'round', 'number'),
    evaluate: (a, n) => {
      const x = numbers(withType(a[0], 'number', n));
      const d = a[1] ? numbers(withType(a[1], 'number', n)) : undefined;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = d ? (d[i] === d[i] ? roundHalfEven(x[i], Math.trunc(d[i])) : NaN) : roundHalfEven(x[i]);
      return { type: 'number', values: out };
    },
  },
  pow: {
    min: 2,
    max: 2,
    usage: 'pow(x, y)',
    type: (a) => expect(a, 'number', 'pow', 'number'),
    evaluate: (a, n) => {
      const x = numbers(withType(a[0], 'number', n));
      const y = numbers(withType(a[1], 'number', n));
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const r = x[i] ** y[i];
        out[i] = r - r !== 0 && x[i] - x[i] === 0 && y[i] - y[i] === 0 ? NaN : r;
      }
      return { type: 'number', values: out };
    },
  },
  min: minMax('min'),
  max: minMax('max'),
  lower: stringFn('lower(text)', (s) => s.toLowerCase()),
  upper: stringFn('upper(text)', (s) => s.toUpperCase()),
  trim: stringFn('trim(text)', (s) => s.trim()),
  length: {
    min: 1,
    max: 1,
    usage: 'length(text)',
    type: (a) => expect(a, 'string', 'length', 'number'),
    evaluate: (a, n) => ({ type: 'number', values: numbersOfDictionary(withType(a[0], 'string', n) as Extract<Vec, { type: 'string' }>, (s) => s.length) }),
  },
  contains: stringTest('contains(text, part)', (s, p) => s.includes(p)),
  starts_with: stringTest('starts_with(text, start)', (s, p) => s.startsWith(p)),
  ends_with: stringTest('ends_with(text, end)', (s, p) => s.endsWith(p)),
  replace: {
    min: 3,
    max: 3,
    usage: 'replace(text, find, with)',
    type: (a) => expect(a, 'string', 'replace', 'string'),
    evaluate: (a, n) => {
      const [s, f, w] = a.map((v) => withType(v, 'string', n) as Extract<Vec, { type: 'string' }>);
      // Per row: the find and with texts may vary by row.
      const builder = new DictionaryBuilder();
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const x = s.codes[i];
        const y = f.codes[i];
        const z = w.codes[i];
        if (x < 0) {
          codes[i] = -1;
          continue;
        }
        const text = s.dictionary[x];
        codes[i] = builder.code(y < 0 || f.dictionary[y] === '' ? text : text.split(f.dictionary[y]).join(z < 0 ? '' : w.dictionary[z]));
      }
      return { type: 'string', codes, dictionary: builder.dictionary };
    },
  },
  concat: {
    min: 1,
    max: Infinity,
    usage: 'concat(a, b, …)',
    type: () => 'string',
    // Missing parts are left out; a row with every part missing is missing.
    evaluate: (a, n) => {
      const builder = new DictionaryBuilder();
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        let text = '';
        let any = false;
        for (const v of a) {
          const t = textOf(v, i);
          if (t === null) continue;
          any = true;
          text += t;
        }
        codes[i] = any ? builder.code(text) : -1;
      }
      return { type: 'string', codes, dictionary: builder.dictionary };
    },
  },
  year: datePartFn('year'),
  month: datePartFn('month'),
  day: datePartFn('day'),
  weekday: datePartFn('weekday'),
  hour: datePartFn('hour'),
  minute: datePartFn('minute'),
  if: {
    min: 3,
    max: 3,
    usage: 'if(condition, then, else)',
    type: (a) => {
      if (a[0] !== 'bool') return { arg: 0, message: `if() needs a condition (true/false) first, not ${typeName(a[0])}` };
      const t = sameType(a.slice(1), 'if', ['number', 'date', 'bool', 'string']);
      return typeof t === 'string' ? t : { arg: t.arg + 1, message: t.message };
    },
    // A missing condition gives a missing result: neither branch is known to apply.
    evaluate: (a, n) => {
      const cond = (withType(a[0], 'bool', n) as { values: Uint8Array }).values;
      const type = a[1].type !== 'null' ? a[1].type : a[2].type;
      if (type === 'null') return { type: 'null' };
      const yes = withType(a[1], type, n);
      const no = withType(a[2], type, n);
      if (type === 'string') {
        return mergeStrings([yes, no] as Extract<Vec, { type: 'string' }>[], n, (i) => (cond[i] === BOOL_MISSING ? -1 : cond[i] ? 0 : 1));
      }
      if (type === 'bool') {
        const y = (yes as { values: Uint8Array }).values;
        const o = (no as { values: Uint8Array }).values;
        const out = new Uint8Array(n);
        for (let i = 0; i < n; i++) out[i] = cond[i] === BOOL_MISSING ? BOOL_MISSING : cond[i] ? y[i] : o[i];
        return { type, values: out };
      }
      const y = numbers(yes);
      const o = numbers(no);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = cond[i] === BOOL_MISSING ? NaN : cond[i] ? y[i] : o[i];
      return { type: type as 'number' | 'date', values: out };
    },
  },
  coalesce: {
    min: 1,
    max: Infinity,
    usage: 'coalesce(a, b, …)',
    type: (a) => sameType(a, 'coalesce', ['number', 'date', 'bool', 'string']),
    evaluate: (a, n) => {
      const type = a.find((v) => v.type !== 'null')?.type ?? 'null';
      return firstPresent(a, type, n);
    },
  },
  text: {
    min: 1,
    max: 1,
    usage: 'text(x)',
    type: () => 'string',
    evaluate: (a, n) => textVec(a[0], n),
  },
  number: {
    min: 1,
    max: 1,
    usage: 'number(x)',
    type: (a) => expect(a, ['number', 'string', 'bool', 'null'], 'number', 'number'),
    evaluate: (a, n) => {
      const v = a[0];
      if (v.type === 'number') return v;
      if (v.type === 'string') {
        return {
          type: 'number',
          values: numbersOfDictionary(v, (s) => {
            const t = presentText(s);
            return t === null ? NaN : readNumberText(t);
          }),
        };
      }
      if (v.type === 'bool') {
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = v.values[i] === BOOL_MISSING ? NaN : v.values[i];
        return { type: 'number', values: out };
      }
      return missingVec('number', n);
    },
  },
  date: {
    min: 1,
    max: 1,
    usage: 'date(text)',
    type: (a) => expect(a, ['string', 'date', 'null'], 'date', 'date'),
    evaluate: (a, n) => {
      const v = a[0];
      if (v.type === 'date') return v;
      if (v.type === 'string') return { type: 'date', values: numbersOfDictionary(v, (s) => parseIsoDate(s.trim()) ?? NaN) };
      return missingVec('date', n);
    },
  },
};

export const FUNCTION_NAMES = Object.keys(FUNCTIONS);
