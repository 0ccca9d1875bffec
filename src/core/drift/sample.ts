// A column's values as a drift test sees them: missing values and ±Infinity left out, numbers sorted.
import { sortFinite } from '../profile/sort-finite.ts';
import type { Column } from '../table/table.ts';
import type { CategoryKey, DriftSample } from './types.ts';

/** Evidently replaces ±inf by NaN and drops NaN before testing; coded columns are counted by their text. */
export function sampleColumn(column: Column): DriftSample {
  if (column.kind === 'numeric') {
    const src = column.values;
    let n = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      if (v - v === 0) {
        n++;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    return { kind: 'numeric', values: sortFinite(src, n, min, max) };
  }
  const byCode = new Float64Array(column.dictionary.length);
  let total = 0;
  for (let i = 0; i < column.codes.length; i++) {
    const c = column.codes[i];
    if (c >= 0) {
      byCode[c]++;
      total++;
    }
  }
  // Two dictionary entries may hold the same text (e.g. after a re-read): count by text, not by code.
  const counts = new Map<CategoryKey, number>();
  for (let c = 0; c < byCode.length; c++) {
    if (byCode[c] > 0) counts.set(column.dictionary[c], (counts.get(column.dictionary[c]) ?? 0) + byCode[c]);
  }
  return { kind: 'categorical', counts, total };
}

export function sampleSize(sample: DriftSample): number {
  return sample.kind === 'numeric' ? sample.values.length : sample.total;
}

/** Counts of each distinct value (pandas value_counts), ascending for numbers. */
export function valueCounts(sample: DriftSample): Map<CategoryKey, number> {
  if (sample.kind === 'categorical') return sample.counts;
  const counts = new Map<CategoryKey, number>();
  const v = sample.values;
  for (let i = 0; i < v.length; ) {
    let j = i + 1;
    while (j < v.length && v[j] === v[i]) j++;
    // -0 and 0 are one value, as in pandas.
    counts.set(v[i] === 0 ? 0 : v[i], j - i);
    i = j;
  }
  return counts;
}

/** Distinct values (pandas nunique, which leaves missing values out). */
export function distinctCount(sample: DriftSample): number {
  if (sample.kind === 'categorical') return sample.counts.size;
  const v = sample.values;
  let n = 0;
  for (let i = 0; i < v.length; i++) if (i === 0 || v[i] !== v[i - 1]) n++;
  return n;
}

/**
 * Distinct values over both sides together: pd.concat([reference, current]).nunique(). Numbers are merged
 * in order (a million values take milliseconds; a Set of them takes seconds).
 */
export function pooledDistinctCount(a: DriftSample, b: DriftSample): number {
  if (a.kind === 'numeric' && b.kind === 'numeric') {
    const x = a.values;
    const y = b.values;
    let i = 0;
    let j = 0;
    let n = 0;
    let last = NaN;
    while (i < x.length || j < y.length) {
      const v = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i++] : y[j++];
      if (v !== last) n++;
      last = v;
    }
    return n;
  }
  const keys = new Set<CategoryKey>(valueCounts(a).keys());
  for (const k of valueCounts(b).keys()) keys.add(k);
  return keys.size;
}
