// The statistics steps fit (mean, median, quantiles, standard deviation, mode), over finite values, as pandas computes them.

import { sortFinite } from '../profile/sort-finite.ts';

/** The finite values, ascending (NaN and ±Infinity left out). */
export function sortedFinite(values: Float64Array): Float64Array {
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return sortFinite(values, count, min, max);
}

/** Quantile q of sorted values by linear interpolation between closest ranks (pandas and NumPy's default). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const t = pos - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  // NumPy's _lerp: from the nearer end, so the result never leaves [a, b].
  return t < 0.5 ? a + (b - a) * t : b - (b - a) * (1 - t);
}

export function median(values: Float64Array): number {
  const sorted = sortedFinite(values);
  const n = sorted.length;
  if (n === 0) return NaN;
  // As NumPy: the mean of the two middle values for an even count.
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** Mean and sample standard deviation (n − 1, as pandas) of the finite values; NaN when undefined. */
export function meanStd(values: Float64Array): { mean: number; std: number; count: number } {
  let count = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue;
    count++;
    sum += v;
  }
  if (count === 0) return { mean: NaN, std: NaN, count };
  const mean = sum / count;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue;
    ss += (v - mean) ** 2;
  }
  return { mean, std: count > 1 ? Math.sqrt(ss / (count - 1)) : NaN, count };
}

/** The most frequent finite value; ties go to the smallest (pandas' mode()[0]). NaN when there is none. */
export function numericMode(values: Float64Array): number {
  const sorted = sortedFinite(values);
  let best = NaN;
  let bestCount = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    // Strictly more: among equal counts the first (smallest) run stays.
    if (j - i > bestCount) {
      bestCount = j - i;
      best = sorted[i];
    }
    i = j;
  }
  return best;
}

/** The most frequent text; ties go to the smallest in code-unit order (pandas sorts the modes). Null when none. */
export function textMode(codes: Int32Array, dictionary: string[]): string | null {
  const counts = new Float64Array(dictionary.length);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) counts[codes[i]]++;
  let best = -1;
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] === 0) continue;
    if (best < 0 || counts[c] > counts[best] || (counts[c] === counts[best] && dictionary[c] < dictionary[best])) best = c;
  }
  return best < 0 ? null : dictionary[best];
}
