// The most frequent values of a dictionary-coded column, with their counts.

import type { TopValue } from './types.ts';

/** Up to `n` values by descending count; equal counts are ordered by value (code-unit order), so output is stable. */
export function topValues(codes: Int32Array, dictionary: string[], n = 10): TopValue[] {
  return topFromCounts(dictionary, codeCounts(codes, dictionary.length), n);
}

/** Occurrences of each code (missing codes, −1, are skipped). */
export function codeCounts(codes: Int32Array, size: number): Float64Array {
  const counts = new Float64Array(size);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0) counts[c]++;
  }
  return counts;
}

/**
 * The `n` most frequent dictionary values given per-code counts (entries with count 0 left out), ordered as
 * sortTop. Keeps a short sorted list while scanning, so a dictionary of a million values is not sorted whole.
 */
export function topFromCounts(dictionary: string[], counts: ArrayLike<number>, n = 10): TopValue[] {
  const top: TopValue[] = [];
  for (let code = 0; code < dictionary.length; code++) {
    const count = counts[code];
    if (!(count > 0)) continue;
    const value = dictionary[code];
    if (top.length === n && !before(count, value, top[n - 1])) continue;
    let at = top.length;
    while (at > 0 && before(count, value, top[at - 1])) at--;
    top.splice(at, 0, { value, count });
    if (top.length > n) top.pop();
  }
  return top;
}

function before(count: number, value: string, other: TopValue): boolean {
  return count > other.count || (count === other.count && value < other.value);
}

export function sortTop(entries: TopValue[]): TopValue[] {
  return entries.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
