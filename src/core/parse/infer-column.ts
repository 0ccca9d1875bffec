// Infers a column's type from its raw text values and stores it as numbers or dictionary codes.

import type { CodedColumn, Column, NumericColumn } from '../table/table.ts';

/** Texts read as missing, compared after trimming and lower-casing (pandas' defaults, less the exotic ones). */
const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'null', 'nan', 'none']);

const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?inf(?:inity)?$/i;
// Date, then optionally a time (T or space) with optional seconds, fraction and zone.
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Thresholds for text-like columns. A column whose every value is distinct is an identifier
 * (row ids, UUIDs, codes) when it has more than IDENTIFIER_MIN_ROWS values that read like codes rather
 * than prose: average length at most IDENTIFIER_MAX_AVG_LENGTH and at most half of them containing a space.
 * Otherwise it is free text when over TEXT_DISTINCT_SHARE of values are distinct and they average more than
 * TEXT_MIN_AVG_LENGTH characters, or when there are more than TEXT_MAX_CATEGORIES distinct values
 * (too many to treat as categories). Everything else is categorical.
 */
export const INFERENCE_THRESHOLDS = {
  IDENTIFIER_MIN_ROWS: 20,
  IDENTIFIER_MAX_AVG_LENGTH: 40,
  IDENTIFIER_MAX_SPACED_SHARE: 0.5,
  TEXT_DISTINCT_SHARE: 0.5,
  TEXT_MIN_AVG_LENGTH: 20,
  TEXT_MAX_CATEGORIES: 1000,
} as const;

/** Whether a cell text counts as missing (empty, NA, N/A, null, NaN, None; any case, spaces around ignored). */
export function isMissingText(value: string | null): boolean {
  return presentText(value) === null;
}

/**
 * The trimmed text of a present cell, or null when it is missing. Runs for every cell of a file, so it
 * only trims when an edge is whitespace and only looks up short texts (the tokens are at most 4 characters).
 */
function presentText(value: string | null): string | null {
  if (value === null) return null;
  const n = value.length;
  if (n === 0) return null;
  let t = value;
  if (value.charCodeAt(0) <= 32 || value.charCodeAt(n - 1) <= 32) {
    t = value.trim();
    if (t.length === 0) return null;
  }
  if (t.length <= 4 && MISSING_TOKENS.has(t.toLowerCase())) return null;
  return t;
}

/**
 * Builds a column from raw cell texts (null = absent). Types are tried in order: integer, float
 * (including 1e3 and ±Infinity), boolean (true/false or yes/no, any case), ISO datetime (UTC unless
 * the text has a zone), then a dictionary-coded identifier, text or categorical column.
 * An all-missing column becomes a float column of NaN, as in pandas.
 * Numbers and booleans are read after trimming spaces; coded values keep their text as written.
 */
export function inferColumn(name: string, raw: (string | null)[]): Column {
  const n = raw.length;
  // Numbers first, in one pass that stops at the first non-number: most columns of large files are numeric.
  const values = new Float64Array(n);
  let allInteger = true;
  let isNumeric = true;
  let nonMissing = 0;
  for (let i = 0; i < n; i++) {
    const t = presentText(raw[i]);
    if (t === null) {
      values[i] = NaN;
      continue;
    }
    nonMissing++;
    const v = readNumber(t);
    if (v === null) {
      isNumeric = false;
      break;
    }
    values[i] = v;
    if (allInteger && !isIntegerText(t, v)) allInteger = false;
  }
  if (isNumeric) return numeric(name, nonMissing === 0 ? 'float' : allInteger ? 'integer' : 'float', values);

  const present: (string | null)[] = new Array(n);
  nonMissing = 0;
  for (let i = 0; i < n; i++) {
    const t = presentText(raw[i]);
    present[i] = t;
    if (t !== null) nonMissing++;
  }
  const bool = booleanValues(present);
  if (bool) return numeric(name, 'boolean', bool);
  const dates = datetimeValues(present);
  if (dates) return numeric(name, 'datetime', dates);
  return coded(name, raw, present, nonMissing);
}

function numeric(name: string, type: NumericColumn['type'], values: Float64Array): NumericColumn {
  return { kind: 'numeric', name, type, values };
}

/** The number a trimmed text spells in decimal notation (1e3, -0.5, Infinity, inf), or null. */
function readNumber(t: string): number | null {
  const v = Number(t);
  if (v !== v) {
    // Number() does not read "inf"; the pattern is only consulted for such rare texts.
    return FLOAT.test(t) ? (t.charCodeAt(0) === 45 ? -Infinity : Infinity) : null;
  }
  // Number() also reads 0x10, 0b1 and 0o7, which in a data file are codes, not numbers.
  if (t.length > 1 && t.charCodeAt(0) === 48) {
    const c = t.charCodeAt(1) | 32;
    if (c === 120 || c === 98 || c === 111) return null;
  }
  return v;
}

/** Written as an integer (no point, exponent or infinity) and exactly representable. */
function isIntegerText(t: string, v: number): boolean {
  return Number.isSafeInteger(v) && t.indexOf('.') < 0 && t.indexOf('e') < 0 && t.indexOf('E') < 0;
}

const TRUE_WORDS = new Set(['true', 'yes']);
const FALSE_WORDS = new Set(['false', 'no']);

/**
 * Converts every present cell with `convert` (missing cells become NaN); null as soon as one cell
 * does not convert, so the column is not of that type.
 */
function convertAll(present: (string | null)[], convert: (s: string) => number | null): Float64Array | null {
  const out = new Float64Array(present.length);
  for (let i = 0; i < present.length; i++) {
    const s = present[i];
    if (s === null) {
      out[i] = NaN;
      continue;
    }
    const v = convert(s);
    if (v === null) return null;
    out[i] = v;
  }
  return out;
}

/** 1/0 values when every present cell is one of a single pair (true/false or yes/no), else null. */
function booleanValues(present: (string | null)[]): Float64Array | null {
  const seen = new Set<string>();
  const out = convertAll(present, (s) => {
    const w = s.toLowerCase();
    if (!seen.has(w)) {
      seen.add(w);
      if (seen.size > 2) return null;
    }
    return TRUE_WORDS.has(w) ? 1 : FALSE_WORDS.has(w) ? 0 : null;
  });
  if (!out) return null;
  // "yes" with "true" would be two words for the same value: not one consistent vocabulary.
  if (seen.size === 2 && !((seen.has('true') && seen.has('false')) || (seen.has('yes') && seen.has('no')))) return null;
  return out;
}

/** Milliseconds since the epoch when every present cell is a valid ISO date or date-time, else null. */
function datetimeValues(present: (string | null)[]): Float64Array | null {
  return convertAll(present, parseIsoDate);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Milliseconds since the epoch for an ISO 8601 date or date-time (UTC unless zoned), or null if invalid. */
export function parseIsoDate(s: string): number | null {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1])) return null;
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = m[7] === undefined ? 0 : Math.floor(Number(('0.' + m[7]).slice(0, 5)) * 1000 + 1e-6);
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const h = Number(digits.slice(0, 2));
    const mm = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (h > 23 || mm > 59) return null;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (h * 60 + mm);
  }
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear keeps the year as written.
  const d = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime() - offsetMinutes * 60_000;
}

function coded(name: string, raw: (string | null)[], present: (string | null)[], nonMissing: number): CodedColumn {
  const n = raw.length;
  const codes = new Int32Array(n);
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  let totalLength = 0;
  for (let i = 0; i < n; i++) {
    const v = raw[i];
    if (present[i] === null || v === null) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(v);
      index.set(v, code);
    }
    codes[i] = code;
    totalLength += v.length;
  }
  const distinct = dictionary.length;
  // Only needed for the identifier test, where every value is its own dictionary entry.
  let spaced = 0;
  if (distinct === nonMissing) for (const v of dictionary) if (/\s/.test(v.trim())) spaced++;
  const avgLength = totalLength / nonMissing;
  const t = INFERENCE_THRESHOLDS;
  let type: CodedColumn['type'] = 'categorical';
  if (
    distinct === nonMissing &&
    nonMissing > t.IDENTIFIER_MIN_ROWS &&
    avgLength <= t.IDENTIFIER_MAX_AVG_LENGTH &&
    spaced <= t.IDENTIFIER_MAX_SPACED_SHARE * nonMissing
  ) {
    type = 'identifier';
  } else if (
    (distinct > t.TEXT_DISTINCT_SHARE * nonMissing && avgLength > t.TEXT_MIN_AVG_LENGTH) ||
    distinct > t.TEXT_MAX_CATEGORIES
  ) {
    type = 'text';
  }
  return { kind: 'coded', name, type, codes, dictionary };
}
