// Order statistics, value counts and central moments of sorted finite values, with or without per-value counts.

/**
 * Finite values in ascending order: either every occurrence (counts null, as a sorted column gives) or each
 * distinct value once with how often it occurs (as a count table gives).
 */
export interface SortedValues {
  values: Float64Array;
  counts: Int32Array | null;
  /** Occurrences in all: values.length when counts is null. */
  total: number;
}

export interface ValueCount {
  value: number;
  count: number;
}

/** The values at 0-based ranks (positions among all occurrences, ascending), each rank in [0, total). */
export function valuesAtRanks(s: SortedValues, ranks: number[]): number[] {
  const { values, counts } = s;
  if (counts === null) return ranks.map((r) => values[r]);
  const order = ranks.map((r, i) => [r, i]).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(ranks.length);
  let seen = 0;
  let i = 0;
  for (const [rank, slot] of order) {
    while (seen + counts[i] <= rank) seen += counts[i++];
    out[slot] = values[i];
  }
  return out;
}

/**
 * Quantiles with linear interpolation between the closest ranks, as pandas' Series.quantile and NumPy's
 * percentile: position q·(n − 1), blended with NumPy's formula (from the upper value when the fraction is
 * at least 0.5), so results agree to the last bit. NaN when there are no values.
 */
export function quantiles(s: SortedValues, qs: number[]): number[] {
  const n = s.total;
  if (n === 0) return qs.map(() => NaN);
  const positions = qs.map((q) => q * (n - 1));
  const ranks: number[] = [];
  for (const p of positions) {
    const lo = Math.floor(p);
    ranks.push(lo, Math.min(lo + 1, n - 1));
  }
  const at = valuesAtRanks(s, ranks);
  return positions.map((p, i) => lerp(at[2 * i], at[2 * i + 1], p - Math.floor(p)));
}

function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** NumPy's median: the middle value, or the mean of the two middle ones. NaN when there are no values. */
export function median(s: SortedValues): number {
  const n = s.total;
  if (n === 0) return NaN;
  const [a, b] = valuesAtRanks(s, [(n - 1) >> 1, n >> 1]);
  return midpoint(a, b);
}

function midpoint(a: number, b: number): number {
  const m = (a + b) / 2;
  // a + b overflows only near ±1.8e308, where halving first stays finite.
  return Number.isFinite(m) ? m : a / 2 + b / 2;
}

/**
 * Median absolute deviation from `center`: NumPy's median of |x − center|, unscaled (ydata-profiling's MAD).
 * Deviations grow outwards from the center on both sides of the sorted values, so the middle deviation is
 * the k-th smallest of two sorted sequences: found by bisection when every occurrence is listed, by a
 * merge-like walk over distinct values when there are counts.
 */
export function medianAbsoluteDeviation(s: SortedValues, center: number): number {
  const { values, counts, total } = s;
  if (total === 0) return NaN;
  // First index with value ≥ center.
  let split = 0;
  let hi = values.length;
  while (split < hi) {
    const mid = (split + hi) >>> 1;
    if (values[mid] < center) split = mid + 1;
    else hi = mid;
  }
  const lowRank = (total - 1) >> 1;
  const highRank = total >> 1;
  if (counts === null) return midpoint(kthDeviation(values, split, center, lowRank), kthDeviation(values, split, center, highRank));
  let left = split - 1;
  let right = split;
  let seen = 0;
  let low = NaN;
  for (;;) {
    const dl = left >= 0 ? center - values[left] : Infinity;
    const dr = right < values.length ? values[right] - center : Infinity;
    let d: number;
    if (dl <= dr) {
      d = dl;
      seen += counts[left--];
    } else {
      d = dr;
      seen += counts[right++];
    }
    if (Number.isNaN(low) && seen > lowRank) low = d;
    if (seen > highRank) return midpoint(low, d);
  }
}

/**
 * The k-th smallest (0-based) of the deviations below (A_j = center − values[split − 1 − j]) and above
 * (B_j = values[split + j] − center), both ascending: the smallest i with A_i ≥ B_(k−i) takes i from A and
 * k + 1 − i from B, and the answer is the larger of the last ones taken.
 */
function kthDeviation(values: Float64Array, split: number, center: number, k: number): number {
  const a = split;
  const b = values.length - split;
  const A = (j: number): number => center - values[split - 1 - j];
  const B = (j: number): number => values[split + j] - center;
  let lo = Math.max(0, k + 1 - b);
  let hi = Math.min(k + 1, a);
  while (lo < hi) {
    const i = (lo + hi) >>> 1;
    if (A(i) < B(k - i)) lo = i + 1;
    else hi = i;
  }
  const fromA = lo > 0 ? A(lo - 1) : -Infinity;
  const fromB = k - lo >= 0 ? B(k - lo) : -Infinity;
  return Math.max(fromA, fromB);
}

/**
 * Sums of (x − mean)^2, ^3 and ^4 over all occurrences. The mean is a rounded double, off the true mean by up
 * to half an ulp, which for data like 1e9 + small noise shifts the odd sums noticeably (pandas' skewness is
 * off in the fifth digit there); the sum of deviations measures that offset and the sums are corrected for it
 * (the corrected two-pass algorithm of Chan, Golub & LeVeque, carried to the third and fourth powers).
 */
export function centralSums(s: SortedValues, mean: number): { m2: number; m3: number; m4: number } {
  const { values, counts } = s;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - mean;
    const d2 = d * d;
    const c = counts === null ? 1 : counts[i];
    s1 += c * d;
    s2 += c * d2;
    s3 += c * d2 * d;
    s4 += c * d2 * d2;
  }
  return correctSums(s.total, s1, s2, s3, s4);
}

/** Central sums about the true mean from raw sums of d = x − m about a nearby m (δ = s1 / n is the true mean − m). */
export function correctSums(n: number, s1: number, s2: number, s3: number, s4: number): { m2: number; m3: number; m4: number } {
  if (n === 0) return { m2: 0, m3: 0, m4: 0 };
  const delta = s1 / n;
  const d2 = delta * delta;
  return {
    m2: s2 - n * d2,
    m3: s3 - 3 * delta * s2 + 2 * n * d2 * delta,
    m4: s4 - 4 * delta * s3 + 6 * d2 * s2 - 3 * n * d2 * d2,
  };
}

export interface ValueRuns {
  distinct: number;
  /** Values occurring exactly once. */
  unique: number;
  /** The most frequent values, most frequent first, equal counts smaller value first. */
  common: ValueCount[];
  /** The smallest distinct values, ascending. */
  lowest: ValueCount[];
  /** The largest distinct values, largest first. */
  highest: ValueCount[];
}

/** One walk over the distinct values: how many, how many occur once, the most common; then the extremes from both ends. */
export function valueRuns(s: SortedValues, topN: number, extremeN: number): ValueRuns {
  const { values, counts } = s;
  const common: ValueCount[] = [];
  let distinct = 0;
  let unique = 0;
  for (let i = 0; i < values.length; ) {
    const v = values[i];
    const end = runEnd(s, i);
    const c = counts === null ? end - i : counts[i];
    i = end;
    distinct++;
    if (c === 1) unique++;
    // Values arrive ascending, so on equal counts the earlier (smaller) one stays ahead.
    if (common.length < topN || c > common[common.length - 1].count) {
      let at = common.length;
      while (at > 0 && common[at - 1].count < c) at--;
      common.splice(at, 0, { value: v, count: c });
      if (common.length > topN) common.pop();
    }
  }
  const lowest: ValueCount[] = [];
  for (let i = 0; i < values.length && lowest.length < extremeN; ) {
    const end = runEnd(s, i);
    lowest.push({ value: values[i], count: counts === null ? end - i : counts[i] });
    i = end;
  }
  const highest: ValueCount[] = [];
  for (let i = values.length - 1; i >= 0 && highest.length < extremeN; ) {
    let start = i;
    if (counts === null) while (start > 0 && values[start - 1] === values[i]) start--;
    highest.push({ value: values[i], count: counts === null ? i - start + 1 : counts[i] });
    i = start - 1;
  }
  return { distinct, unique, common, lowest, highest };
}

/** Index just past the run of values equal to values[i]. */
function runEnd(s: SortedValues, i: number): number {
  if (s.counts !== null) return i + 1;
  const v = s.values[i];
  let j = i + 1;
  while (j < s.values.length && s.values[j] === v) j++;
  return j;
}

/**
 * Counts per bin for ascending edges (bins [e_i, e_{i+1}), the last one closed); values outside the edges
 * go to the nearest bin.
 */
export function binCounts(s: SortedValues, edges: number[]): number[] {
  const { values, counts } = s;
  const bins = edges.length - 1;
  const out = new Array<number>(bins).fill(0);
  let b = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    while (b < bins - 1 && v >= edges[b + 1]) b++;
    out[b] += counts === null ? 1 : counts[i];
  }
  return out;
}
