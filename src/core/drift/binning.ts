// Evidently's get_binned_data: each side's shares on common bins, for the Jensen–Shannon distance and PSI.
import { categoryTable } from './category-table.ts';
import { distinctCount } from './sample.ts';
import type { BinnedShares, DriftSample, FeatureKind } from './types.ts';

/** Above this many distinct reference values a numeric column is binned; at or below, counted per value. */
export const BIN_ABOVE_DISTINCT = 20;

/** First index with values[i] ≥ x (side='left') or > x (side='right'), for ascending values. */
export function searchSorted(values: Float64Array, x: number, side: 'left' | 'right'): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (side === 'left' ? values[mid] < x : values[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * numpy's histogram_bin_edges(values, bins='sturges'): width = range / (log₂ n + 1), ⌈range / width⌉ equal
 * bins from min to max (one bin of width 1 around a single value), edges as numpy's linspace computes them.
 */
export function sturgesEdges(min: number, max: number, n: number): number[] {
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const width = (max - min) / (Math.log2(n) + 1);
  const bins = width ? Math.ceil((last - first) / width) : 1;
  const step = (last - first) / bins;
  const edges: number[] = [];
  for (let i = 0; i <= bins; i++) edges.push(i * step + first);
  edges[bins] = last;
  return edges;
}

/** numpy.histogram counts of ascending values on explicit edges: [e_i, e_{i+1}), the last bin closed. */
export function histogramCounts(values: Float64Array, edges: number[]): Float64Array {
  const k = edges.length - 1;
  const counts = new Float64Array(k);
  let prev = searchSorted(values, edges[0], 'left');
  for (let i = 0; i < k; i++) {
    const next = i === k - 1 ? searchSorted(values, edges[k], 'right') : searchSorted(values, edges[i + 1], 'left');
    counts[i] = next - prev;
    prev = next;
  }
  return counts;
}

/**
 * Shares per bin: a numeric column with more than 20 distinct reference values on Sturges bins over both
 * sides pooled; otherwise per value over the union of values. Shares are of each side's tested values.
 */
export function binnedShares(reference: DriftSample, current: DriftSample, kind: FeatureKind): BinnedShares {
  if (kind === 'numeric' && reference.kind === 'numeric' && current.kind === 'numeric' && distinctCount(reference) > BIN_ABOVE_DISTINCT) {
    const a = reference.values;
    const b = current.values;
    const min = Math.min(a[0], b[0]);
    const max = Math.max(a[a.length - 1], b[b.length - 1]);
    const edges = sturgesEdges(min, max, a.length + b.length);
    const ref = histogramCounts(a, edges);
    const cur = histogramCounts(b, edges);
    for (let i = 0; i < ref.length; i++) {
      ref[i] /= a.length;
      cur[i] /= b.length;
    }
    return { reference: ref, current: cur };
  }
  const table = categoryTable(reference, current);
  const ref = table.reference.map((c) => c / table.referenceTotal);
  const cur = table.current.map((c) => c / table.currentTotal);
  return { reference: ref, current: cur };
}

/**
 * Evidently's "feel zeroes" before PSI: each side's empty bins get its smallest non-zero share ÷ 10⁶ when that
 * share is ≤ 0.0001, else 0.0001, so the logarithm stays finite.
 */
export function fillZeroes(shares: Float64Array): Float64Array {
  let min = Infinity;
  for (const s of shares) if (s !== 0 && s < min) min = s;
  if (min === Infinity) return shares.slice();
  const fill = min <= 0.0001 ? min / 10 ** 6 : 0.0001;
  return shares.map((s) => (s === 0 ? fill : s));
}
