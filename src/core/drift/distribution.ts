// Both sides' distributions on shared bins or categories, for drawing one over the other.
import { histogramEdges } from '../profile/histogram.ts';
import type { ColumnType } from '../table/table.ts';
import { histogramCounts } from './binning.ts';
import { distinctCount, valueCounts } from './sample.ts';
import type { CategoryKey, DriftDistribution, DriftSample, FeatureKind } from './types.ts';

/** Bins drawn for a numeric column (fewer when it has fewer distinct values). */
export const PLOT_BINS = 30;
/** Categories drawn; the rest are folded into one "Other" bar. */
export const PLOT_CATEGORIES = 12;

function label(key: CategoryKey, type: ColumnType): string {
  if (type === 'boolean' && typeof key === 'number') return key ? 'true' : 'false';
  return String(key);
}

/** Shares of each side's tested values: a histogram on round edges over both sides' range, or per category. */
export function driftDistribution(reference: DriftSample, current: DriftSample, kind: FeatureKind, type: ColumnType): DriftDistribution {
  if (kind === 'numeric' && reference.kind === 'numeric' && current.kind === 'numeric') {
    const a = reference.values;
    const b = current.values;
    const min = Math.min(a[0], b[0]);
    const max = Math.max(a[a.length - 1], b[b.length - 1]);
    const distinct = Math.max(distinctCount(reference), distinctCount(current));
    const edges = histogramEdges(min, max, { integer: type === 'integer', maxBins: PLOT_BINS, distinct });
    const share = (values: Float64Array) => Array.from(histogramCounts(values, edges), (c) => c / values.length);
    return { kind: 'histogram', edges, reference: share(a), current: share(b) };
  }
  const ref = valueCounts(reference);
  const cur = valueCounts(current);
  const refTotal = [...ref.values()].reduce((s, c) => s + c, 0);
  const curTotal = [...cur.values()].reduce((s, c) => s + c, 0);
  const keys = new Set<CategoryKey>([...ref.keys(), ...cur.keys()]);
  const rows = [...keys].map((k) => ({ key: k, r: (ref.get(k) ?? 0) / refTotal, c: (cur.get(k) ?? 0) / curTotal }));
  // Most common first (over both sides); numbers in value order when they all fit.
  const numeric = rows.every((r) => typeof r.key === 'number');
  if (numeric && rows.length <= PLOT_CATEGORIES) rows.sort((x, y) => (x.key as number) - (y.key as number));
  else rows.sort((x, y) => y.r + y.c - (x.r + x.c) || String(x.key).localeCompare(String(y.key)));
  const shown = rows.length > PLOT_CATEGORIES ? rows.slice(0, PLOT_CATEGORIES - 1) : rows;
  const rest = rows.slice(shown.length);
  const labels = shown.map((r) => label(r.key, type));
  const reference_ = shown.map((r) => r.r);
  const current_ = shown.map((r) => r.c);
  if (rest.length > 0) {
    labels.push(`Other (${rest.length.toLocaleString('en-US')})`);
    reference_.push(rest.reduce((s, r) => s + r.r, 0));
    current_.push(rest.reduce((s, r) => s + r.c, 0));
  }
  return { kind: 'categories', labels, reference: reference_, current: current_, otherCount: rest.length };
}
