// The most frequent values of a dictionary-coded column, with their counts.

import type { TopValue } from './types.ts';

/** Up to `n` values by descending count; equal counts are ordered by value (code-unit order), so output is stable. */
export function topValues(codes: Int32Array, dictionary: string[], n = 10): TopValue[] {
  const counts = new Float64Array(dictionary.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0) counts[c]++;
  }
  const entries: TopValue[] = [];
  for (let c = 0; c < dictionary.length; c++) if (counts[c] > 0) entries.push({ value: dictionary[c], count: counts[c] });
  return sortTop(entries).slice(0, n);
}

export function sortTop(entries: TopValue[]): TopValue[] {
  return entries.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
