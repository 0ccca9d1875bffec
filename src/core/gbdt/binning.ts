// Feature binning as scikit-learn's HistGradientBoosting does it: quantile edges per feature, one extra bin for missing values.

import { createRng } from '../random.ts';
import { gatherColumn, gatherColumns, isRowMajor, type FeatureMatrix } from './feature-matrix.ts';

/** scikit-learn caps edges here: +Infinity is kept for the "present vs missing" split. */
export const ALMOST_INF = 1e300;

export interface BinMapper {
  /**
   * Per feature, increasing edges in raw units: x falls in bin b when thresholds[b − 1] < x ≤ thresholds[b]
   * (bin 0 below the first edge, the last bin above the last one).
   */
  thresholds: Float64Array[];
  /** Per feature: bins for present values (thresholds + 1). Missing values take bin nBins[f], the one after. */
  nBins: Int32Array;
}

export interface BinnedRows {
  /** Feature-major bin codes: feature f of row i at bins[f · count + i] (scikit-learn's Fortran order). */
  bins: Uint8Array;
  count: number;
  /** Per feature: 1 when some row is missing there. */
  hasMissing: Uint8Array;
}

/** Features gathered per pass over a row-major matrix. */
const GATHER_GROUP = 8;

export interface BinningOptions {
  maxBins: number;
  /** Edges come from at most this many rows, drawn with `seed`. */
  subsample: number;
  seed: number;
}

/** Learns edges from the given rows (all n when null), skipping missing values. */
export function fitBinMapper(X: FeatureMatrix, n: number, d: number, rows: Int32Array | null, opts: BinningOptions): BinMapper {
  let sample = rows;
  let count = rows ? rows.length : n;
  if (count > opts.subsample) {
    sample = subsampleRows(rows, count, opts.subsample, opts.seed);
    count = sample.length;
  }
  const group = Array.from({ length: Math.min(GATHER_GROUP, d) }, () => new Float64Array(count));
  const thresholds: Float64Array[] = [];
  const nBins = new Int32Array(d);
  for (let first = 0; first < d; first += group.length) {
    const columns = group.slice(0, Math.min(group.length, d - first));
    gatherColumns(X, d, first, sample, count, columns);
    for (const column of columns) {
      let present = 0;
      for (let i = 0; i < count; i++) if (column[i] === column[i]) column[present++] = column[i];
      const edges = findBinThresholds(column.subarray(0, present).sort(), opts.maxBins);
      nBins[thresholds.length] = edges.length + 1;
      thresholds.push(edges);
    }
  }
  return { thresholds, nBins };
}

/**
 * Edges for one feature from its present values sorted ascending: midpoints between distinct values when
 * there are at most maxBins of them, else NumPy's "midpoint" percentiles at 100·k/maxBins, k = 1…maxBins − 1
 * (scikit-learn's _find_binning_thresholds, computed the way NumPy 1.24 computes it).
 */
export function findBinThresholds(sorted: Float64Array, maxBins: number): Float64Array {
  const n = sorted.length;
  let distinct = n > 0 ? 1 : 0;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  let edges: Float64Array;
  if (distinct <= maxBins) {
    edges = new Float64Array(Math.max(0, distinct - 1));
    let k = 0;
    let previous = sorted[0];
    for (let i = 1; i < n; i++) {
      const v = sorted[i];
      if (v !== previous) {
        edges[k++] = (previous + v) * 0.5;
        previous = v;
      }
    }
  } else {
    edges = new Float64Array(maxBins - 1);
    const step = 100 / maxBins; // np.linspace(0, 100, maxBins + 1): k · step
    for (let k = 1; k < maxBins; k++) {
      const v = (n - 1) * ((k * step) / 100);
      const lo = Math.floor(v);
      const index = 0.5 * (lo + Math.ceil(v));
      if (index >= n - 1) edges[k - 1] = sorted[n - 1];
      else if (index % 1 === 0) edges[k - 1] = sorted[index];
      else {
        const a = sorted[lo];
        const b = sorted[lo + 1];
        edges[k - 1] = b - (b - a) * 0.5; // NumPy's _lerp at γ = 0.5
      }
    }
  }
  for (let k = 0; k < edges.length; k++) if (edges[k] > ALMOST_INF) edges[k] = ALMOST_INF;
  return edges;
}

/** Bin codes of the given rows (all n when null), feature-major. */
export function binRows(mapper: BinMapper, X: FeatureMatrix, n: number, d: number, rows: Int32Array | null): BinnedRows {
  const count = rows ? rows.length : n;
  const bins = new Uint8Array(count * d);
  const hasMissing = new Uint8Array(d);
  if (isRowMajor(X)) {
    // Row by row: the matrix is read once, in order; each feature's edges are small enough to stay in cache.
    for (let i = 0; i < count; i++) {
      const base = (rows ? rows[i] : i) * d;
      for (let f = 0; f < d; f++) {
        const code = binOf(X[base + f], mapper.thresholds[f], mapper.nBins[f]);
        if (code === mapper.nBins[f]) hasMissing[f] = 1;
        bins[f * count + i] = code;
      }
    }
  } else {
    const column = new Float64Array(count);
    for (let f = 0; f < d; f++) {
      gatherColumn(X, d, f, rows, count, column);
      const edges = mapper.thresholds[f];
      const missing = mapper.nBins[f];
      const out = bins.subarray(f * count, (f + 1) * count);
      for (let i = 0; i < count; i++) out[i] = binOf(column[i], edges, missing);
      if (out.includes(missing)) hasMissing[f] = 1;
    }
  }
  return { bins, count, hasMissing };
}

/** The bin of x: the index of the first edge with x ≤ edge (the present-value bin count when none); `missing` for NaN. */
function binOf(x: number, edges: Float64Array, missing: number): number {
  if (x !== x) return missing;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** `size` distinct rows drawn uniformly (a partial Fisher–Yates shuffle), in increasing order. */
function subsampleRows(rows: Int32Array | null, count: number, size: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const pool = new Int32Array(count);
  for (let i = 0; i < count; i++) pool[i] = rows ? rows[i] : i;
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng() * (count - i));
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, size).sort();
}
