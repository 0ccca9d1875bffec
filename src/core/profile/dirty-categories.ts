// Finds categories that differ only in case, accents or whitespace ("Café", "cafe", " CAFE").

import type { TextStats } from './types.ts';

export type DirtyGroup = TextStats['dirty'][number];

/**
 * The form categories are compared in: compatibility-decomposed (NFKD, so "é" becomes "e" + accent and "ﬁ"
 * becomes "fi"), combining marks removed, lower-cased, runs of Unicode whitespace collapsed to one space
 * and the ends trimmed.
 */
export function normalizeCategory(text: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\p{White_Space}+/gu, ' ');
  const start = folded.startsWith(' ') ? 1 : 0;
  const end = folded.endsWith(' ') && folded.length > start ? folded.length - 1 : folded.length;
  return folded.slice(start, end);
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
 * tidy identifiers costs one scan of its characters.
 */
export function dirtyCategories(dictionary: string[], counts: ArrayLike<number>): DirtyGroup[] {
  const groups = new Map<string, number[]>();
  const normal: number[] = [];
  for (let code = 0; code < dictionary.length; code++) {
    if (!(counts[code] > 0)) continue;
    const text = dictionary[code];
    const key = isNormal(text) ? text : normalizeCategory(text);
    if (key === text) {
      normal.push(code);
      continue;
    }
    const group = groups.get(key);
    if (group) group.push(code);
    else groups.set(key, [code]);
  }
  if (groups.size === 0) return [];
  for (const code of normal) groups.get(dictionary[code])?.push(code);
  const out: { group: DirtyGroup; total: number }[] = [];
  for (const [normalized, codes] of groups) {
    const distinct = new Map<string, number>();
    for (const code of codes) distinct.set(dictionary[code], (distinct.get(dictionary[code]) ?? 0) + counts[code]);
    if (distinct.size < 2) continue;
    const entries = [...distinct].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
    out.push({ group: { normalized, values: entries.map((e) => e[0]) }, total: entries.reduce((s, e) => s + e[1], 0) });
  }
  out.sort((a, b) => b.total - a.total || compareText(a.group.normalized, b.group.normalized));
  return out.map((o) => o.group);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
