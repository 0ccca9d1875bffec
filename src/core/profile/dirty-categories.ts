// Finds categories that differ only in case, accents or whitespace ("Café", "cafe", " CAFE").

import type { TextStats } from './types.ts';

export type DirtyGroup = TextStats['dirty'][number];

/**
 * The form categories are compared in: compatibility-decomposed (NFKD, so "é" becomes "e" + accent and "ﬁ"
 * becomes "fi"), combining marks removed, lower-cased, runs of Unicode whitespace collapsed to one space
 * and the ends trimmed. The regular expression and the whitespace pass run only when needed: they cost more
 * than the normalisation itself.
 */
export function normalizeCategory(text: string): string {
  let folded = text.normalize('NFKD');
  if (MARK.test(folded)) folded = folded.replace(MARKS, '');
  folded = folded.toLowerCase();
  return tidySpaces(folded) ? folded : collapseSpaces(folded);
}

const MARK = /\p{M}/u;
const MARKS = /\p{M}/gu;

/** The Unicode White_Space property (PropList.txt): tab to carriage return, space, NEL, no-break spaces, the typographic spaces, line and paragraph separators. */
function isWhiteSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c >= 0x85 &&
      (c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000))
  );
}

/** Whitespace only as single inner spaces. */
function tidySpaces(text: string): boolean {
  let previousSpace = true; // a space at the start is not tidy
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (previousSpace) return false;
      previousSpace = true;
    } else if (isWhiteSpace(c)) return false;
    else previousSpace = false;
  }
  return !previousSpace || text.length === 0;
}

function collapseSpaces(text: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isWhiteSpace(c)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += text[i];
  }
  return out;
}

/** Plain ASCII text without capitals, tabs or line breaks, or spaces at the ends or doubled: its own normal form. */
function isNormal(text: string): boolean {
  let previousSpace = true; // a space at the start is not normal
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || (c >= 65 && c <= 90) || (c >= 9 && c <= 13)) return false;
    if (c === 32) {
      if (previousSpace) return false;
      previousSpace = true;
    } else previousSpace = false;
  }
  return !previousSpace || text.length === 0;
}

/**
 * Groups of present dictionary values (counts[code] > 0) with the same normal form, for groups of at least
 * two values; most frequent group first (ties by normal form), values within a group most frequent first
 * (ties in code-unit order).
 *
 * Most values of a clean column are already in normal form and can only clash with a value that is not, so
 * only the values that change are keyed in a map, and the rest are looked up in it: a column of a million
 * tidy identifiers costs one scan of its characters. Values outside ASCII are normalised one by one (NFKD
 * and two regular expressions), the main cost for a large dictionary of accented or non-Latin text.
 */
export function dirtyCategories(dictionary: string[], counts: ArrayLike<number>): DirtyGroup[] {
  // Normal form → the codes of the values that change under it: one code, or several once a second arrives
  // (most keys of a clean column have one, so no array is made for them).
  const changed = new Map<string, number | number[]>();
  const normal: number[] = [];
  for (let code = 0; code < dictionary.length; code++) {
    if (!(counts[code] > 0)) continue;
    const text = dictionary[code];
    const key = isNormal(text) ? text : normalizeCategory(text);
    if (key === text) normal.push(code);
    else join(changed, key, code);
  }
  if (changed.size === 0) return [];
  for (const code of normal) if (changed.has(dictionary[code])) join(changed, dictionary[code], code);
  const out: { group: DirtyGroup; total: number }[] = [];
  for (const [normalized, codes] of changed) {
    if (typeof codes === 'number') continue;
    const distinct = new Map<string, number>();
    for (const code of codes) distinct.set(dictionary[code], (distinct.get(dictionary[code]) ?? 0) + counts[code]);
    if (distinct.size < 2) continue;
    const entries = [...distinct].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
    out.push({ group: { normalized, values: entries.map((e) => e[0]) }, total: entries.reduce((s, e) => s + e[1], 0) });
  }
  out.sort((a, b) => b.total - a.total || compareText(a.group.normalized, b.group.normalized));
  return out.map((o) => o.group);
}

function join(groups: Map<string, number | number[]>, key: string, code: number): void {
  const group = groups.get(key);
  if (group === undefined) groups.set(key, code);
  else if (typeof group === 'number') groups.set(key, [group, code]);
  else group.push(code);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
