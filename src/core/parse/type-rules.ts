// What a cell text means (missing, number, boolean word, ISO date) and which column type a tally of cells calls for.

import type { CodedColumn, ColumnType } from '../table/table.ts';

/** Texts read as missing, compared after trimming and lower-casing (pandas' defaults, less the exotic ones). */
const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'null', 'nan', 'none']);

const INFINITY = /^[+-]?inf(?:inity)?$/i;
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
 * The trimmed text of a present cell, or null when it is missing. Only trims when an edge is whitespace
 * and only looks up short texts (the tokens are at most 4 characters).
 */
export function presentText(value: string | null): string | null {
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
 * The number a trimmed text spells in decimal notation (1e3, -0.5, Infinity, inf), or NaN when it is not one.
 * Hex, binary and octal (0x10, 0b1, 0o7), which Number() reads, are codes in a data file, not numbers.
 */
export function readNumberText(t: string): number {
  const v = Number(t);
  if (v !== v) {
    // Number() does not read "inf"; the pattern is only consulted for such rare texts.
    return INFINITY.test(t) ? (t.charCodeAt(0) === 45 ? -Infinity : Infinity) : NaN;
  }
  if (t.length > 1 && t.charCodeAt(0) === 48) {
    const c = t.charCodeAt(1) | 32;
    if (c === 120 || c === 98 || c === 111) return NaN;
  }
  return v;
}

/** Written as an integer (no point, exponent or infinity) and exactly representable. */
export function isIntegerText(t: string, v: number): boolean {
  return Number.isSafeInteger(v) && t.indexOf('.') < 0 && t.indexOf('e') < 0 && t.indexOf('E') < 0;
}

/** Boolean words, as bits so one cell can be tested against a vocabulary with a mask. */
export const WORD_TRUE = 1;
export const WORD_FALSE = 2;
export const WORD_YES = 4;
export const WORD_NO = 8;
export const TRUE_FALSE = WORD_TRUE | WORD_FALSE;
export const YES_NO = WORD_YES | WORD_NO;

/** The boolean word a trimmed text is (any case), or 0. */
export function booleanWord(t: string): number {
  if (t.length > 5) return 0;
  switch (t.toLowerCase()) {
    case 'true':
      return WORD_TRUE;
    case 'false':
      return WORD_FALSE;
    case 'yes':
      return WORD_YES;
    case 'no':
      return WORD_NO;
    default:
      return 0;
  }
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

/** How many present cells of a column read as each kind of value. */
export interface TypeTally {
  present: number;
  numbers: number;
  /** Whether every number was written as an integer. */
  integersOnly: boolean;
  trueFalse: number;
  yesNo: number;
  datetimes: number;
}

export type ValueType = 'integer' | 'float' | 'boolean' | 'datetime' | 'coded';

/**
 * The narrowest type that reads the column, trying number, boolean (one vocabulary: true/false or yes/no),
 * then ISO datetime. With `tolerance` 0 every present cell must read as the type; otherwise the type whose
 * cells make up at least 1 − tolerance of the present ones wins (the kinds are disjoint, so at most one can)
 * and the rest will be counted as invalid. Numbers that are not all integers make a float column: widening
 * integer to float loses nothing, so it never counts as failing. An all-missing column is float, as in pandas.
 */
export function chooseType(t: TypeTally, tolerance: number): ValueType {
  if (t.present === 0) return 'float';
  const needed = t.present * (1 - tolerance);
  if (t.numbers >= needed) return t.integersOnly ? 'integer' : 'float';
  if (Math.max(t.trueFalse, t.yesNo) >= needed) return 'boolean';
  if (t.datetimes >= needed) return 'datetime';
  return 'coded';
}

/** What codedType needs to know about a dictionary-coded column's values. */
export interface CodedTally {
  /** Present cells. */
  present: number;
  distinct: number;
  /** Total length of the present cells' texts, in UTF-16 code units. */
  totalLength: number;
  /** Distinct values with whitespace inside them (after trimming); only consulted when every value is distinct. */
  spaced: () => number;
}

/** Identifier, free text or categorical, by INFERENCE_THRESHOLDS. */
export function codedType(t: CodedTally): CodedColumn['type'] {
  const th = INFERENCE_THRESHOLDS;
  const avgLength = t.totalLength / t.present;
  if (
    t.distinct === t.present &&
    t.present > th.IDENTIFIER_MIN_ROWS &&
    avgLength <= th.IDENTIFIER_MAX_AVG_LENGTH &&
    t.spaced() <= th.IDENTIFIER_MAX_SPACED_SHARE * t.present
  ) {
    return 'identifier';
  }
  if ((t.distinct > th.TEXT_DISTINCT_SHARE * t.present && avgLength > th.TEXT_MIN_AVG_LENGTH) || t.distinct > th.TEXT_MAX_CATEGORIES) {
    return 'text';
  }
  return 'categorical';
}

/** Whether a column type is stored as numbers (else as dictionary codes). */
export function isNumericType(type: ColumnType): type is 'integer' | 'float' | 'boolean' | 'datetime' {
  return type === 'integer' || type === 'float' || type === 'boolean' || type === 'datetime';
}
