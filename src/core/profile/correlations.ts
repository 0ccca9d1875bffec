// Correlations between columns: Pearson and Spearman for numeric pairs, Cramér's V, and ydata-profiling's "auto" mix.

import type { CodedColumn, Column, NumericColumn, Table } from '../table/table.ts';
import { AUTO_BINS, binCodes, cutEdges, NO_BIN } from './cut-bins.ts';
import { finiteStats, rankFinite, type FiniteStats, type Ranked } from './ranks.ts';
import type { Correlations } from './types.ts';

export { AUTO_BINS, cutEdges } from './cut-bins.ts';
export { finiteStats, rankFinite, type Ranked } from './ranks.ts';

/** Categorical and boolean columns enter "auto" with 2 to this many distinct values (ydata: categorical_maximum_correlation_distinct = 100). */
export const MAX_CORRELATION_CATEGORIES = 100;

// Rows processed together in the pairwise sums, so that every pair reads the same few kilobytes from cache.
const CHUNK = 2048;
// When a pair's sum of squared deviations is below 1/this of the column's whole sum of squares (about
// the shift), the subtractions that give it could lose more than 4 of 16 digits: the pair is then
// recomputed in two passes.
const SHIFT_RATIO_LIMIT = 1e4;

type Matrix = (number | null)[][];

/**
 * All correlation matrices of a table.
 *
 * Pearson and Spearman cover integer and float columns (not datetime, not boolean: pandas'
 * `select_dtypes("number")` as ydata uses it), each pair over the rows where both are finite, as pandas
 * `df.corr()` (±Infinity counts as missing there). A column with fewer than two distinct finite values
 * has null in its row and column, diagonal included; so has a pair with under two common rows or a
 * column constant on the common rows.
 *
 * Spearman ranks each column once over its own finite values (average ranks for ties) and then takes
 * Pearson of the ranks over the pairwise-complete rows. pandas re-ranks each pair over its common rows,
 * so the two agree exactly when both columns are missing in the same rows and differ slightly when
 * missingness differs (measured in test/unit/core/profile/correlations.test.ts against pandas).
 *
 * "auto" (ydata-profiling's default matrix) covers integer, float, categorical and boolean columns
 * (text and identifier columns are left out, as are categoricals with more than
 * MAX_CORRELATION_CATEGORIES values), in table order: Spearman for numeric pairs; Cramér's V when a
 * categorical or boolean column is involved, with the numeric side cut into AUTO_BINS equal-width bins
 * (pandas `cut`, as ydata's Discretizer). Constant columns stay in the matrix with null.
 */
export function correlations(table: Table, opts: CorrelationOptions = {}): Correlations {
  return finishCorrelations(startCorrelations(table), opts.ranks);
}

export interface CorrelationOptions {
  /**
   * Ranks already computed for some numeric columns, by name (e.g. from the sort their statistics made;
   * see rankedSort): those columns are not ranked again. Names must be unique in the table.
   */
  ranks?: ReadonlyMap<string, Ranked>;
}

/** The correlations' first half, which needs no ranks: Pearson, and Cramér's V for "auto". */
export interface StartedCorrelations {
  table: Table;
  numeric: NumberColumn[];
  stats: FiniteStats[];
  varying: boolean[];
  pearson: Matrix;
  auto: AutoStart;
}

/**
 * Pearson and the Cramér's V part of "auto": the work that needs no ranks, so a worker can do it while
 * another one sorts the columns whose ranks finishCorrelations will take.
 */
export function startCorrelations(table: Table): StartedCorrelations {
  const numeric = table.columns.filter(isNumber);
  const stats = numeric.map((c) => finiteStats(c.values));
  const varying = stats.map((s) => s.max > s.min);
  const pearson = pairwiseCorrelation(
    numeric.map((c, k) => (varying[k] ? { values: c.values, shift: stats[k].mean } : null)),
    table.rowCount,
  );
  return { table, numeric, stats, varying, pearson, auto: startAuto(table, numeric, varying) };
}

/** Ranks the numeric columns not in `ranks`, then Spearman, and "auto" with it. */
export function finishCorrelations(started: StartedCorrelations, ranks?: ReadonlyMap<string, Ranked>): Correlations {
  const { table, numeric, stats, varying, pearson } = started;
  const ranked = numeric.map((c, k) => (varying[k] ? (ranks?.get(c.name) ?? rankFinite(c.values, stats[k])) : null));
  const spearman = pairwiseCorrelation(
    ranked.map((r) => (r ? { values: r.ranks, shift: (r.count + 1) / 2 } : null)),
    table.rowCount,
  );
  const numericNames = numeric.map((c) => c.name);
  return {
    columns: started.auto.columns,
    auto: finishAuto(started.auto, spearman, numeric, stats, ranked),
    pearson: { columns: numericNames, matrix: pearson },
    spearman: { columns: numericNames, matrix: spearman },
  };
}

type NumberColumn = NumericColumn & { type: 'integer' | 'float' };

function isNumber(c: Column): c is NumberColumn {
  return c.kind === 'numeric' && (c.type === 'integer' || c.type === 'float');
}

// ─── Pearson over pairwise-complete rows ───────────────────────────────────────────────────────────

interface Source {
  values: Float64Array | Float32Array;
  /** Subtracted before summing (the column's mean), so that one-pass sums keep their digits. */
  shift: number;
}

/**
 * Pearson's r for every pair of sources over the rows where both are finite.
 *
 * Each column's count, Σx and Σx² over its own present rows (x shifted by `shift`) are taken once; a
 * pair's sums over the common rows are those minus the sums over the rows where the other column is
 * missing, which are few, so per pair only Σxy runs over every row (a dot product of the columns with
 * 0 for missing, four pairs per loop). Rows are processed in chunks so every pair reads from cache. A
 * pair whose variance is tiny beside the column's total sum of squares (its own mean far from the
 * shift, few common rows, or constant on the common rows) is recomputed exactly in two passes.
 * Null sources give null rows.
 */
function pairwiseCorrelation(sources: (Source | null)[], n: number): Matrix {
  const k = sources.length;
  const matrix: Matrix = Array.from({ length: k }, (_, a) => Array.from({ length: k }, () => (sources[a] ? 1 : null)));
  for (let a = 0; a < k; a++) if (!sources[a]) for (let b = 0; b < k; b++) matrix[b][a] = null;
  const live = sources.flatMap((s, a) => (s ? [a] : []));
  const L = live.length;
  if (L < 2) return matrix;

  const x = live.map(() => new Float64Array(CHUNK));
  const present = live.map(() => new Uint8Array(CHUNK));
  const missing = live.map(() => new Int32Array(CHUNK));
  const missingCount = new Int32Array(L);
  // Per live column: count, Σx, Σx² over its present rows.
  const own = new Float64Array(L * 3);
  // Per pair p < q: Σxy, then for each side the count, Σ and Σ² lost to the other side's gaps.
  const pairIndex = (p: number, q: number): number => p * L + q;
  const sums = new Float64Array(L * L * 4);

  for (let start = 0; start < n; start += CHUNK) {
    const len = Math.min(CHUNK, n - start);
    for (let p = 0; p < L; p++) {
      missingCount[p] = fillChunk(sources[live[p]] as Source, start, len, x[p], present[p], missing[p], own, p * 3);
    }
    for (let p = 0; p < L; p++) {
      const xp = x[p];
      let q = p + 1;
      for (; q + 3 < L; q += 4) {
        dot4(xp, x[q], x[q + 1], x[q + 2], x[q + 3], len, sums, pairIndex(p, q) * 4);
      }
      for (; q < L; q++) sums[pairIndex(p, q) * 4] += dot(xp, x[q], len);
      // What p loses to q's gaps (stored at p,q) and q to p's (stored at q,p).
      for (let r = 0; r < L; r++) {
        if (r === p || missingCount[r] === 0) continue;
        loseRows(xp, present[p], missing[r], missingCount[r], sums, pairIndex(p, r) * 4 + 1);
      }
    }
  }

  for (let p = 0; p < L; p++) {
    for (let q = p + 1; q < L; q++) {
      const a = live[p];
      const b = live[q];
      const ownA = p * 3;
      const ownB = q * 3;
      const pq = pairIndex(p, q) * 4;
      const qp = pairIndex(q, p) * 4;
      const nn = own[ownA] - sums[pq + 1];
      const sx = own[ownA + 1] - sums[pq + 2];
      const sxx = own[ownA + 2] - sums[pq + 3];
      const sy = own[ownB + 1] - sums[qp + 2];
      const syy = own[ownB + 2] - sums[qp + 3];
      const sxy = sums[pq];
      const cxx = sxx - (sx * sx) / nn;
      const cyy = syy - (sy * sy) / nn;
      let r: number | null;
      if (nn < 2) r = null;
      else if (!(cxx * SHIFT_RATIO_LIMIT > own[ownA + 2]) || !(cyy * SHIFT_RATIO_LIMIT > own[ownB + 2])) {
        r = exactPair((sources[a] as Source).values, (sources[b] as Source).values);
      } else r = clamp((sxy - (sx * sy) / nn) / Math.sqrt(cxx * cyy));
      matrix[a][b] = r;
      matrix[b][a] = r;
    }
  }
  return matrix;
}

/**
 * Shifted values of a chunk with 0 where missing, present flags, the offsets of missing rows, and
 * the column's own count, Σx and Σx² added to `own`. Returns how many rows are missing.
 */
function fillChunk(
  source: Source,
  start: number,
  len: number,
  x: Float64Array,
  present: Uint8Array,
  missing: Int32Array,
  own: Float64Array,
  o: number,
): number {
  const { values, shift } = source;
  let gaps = 0;
  let s = 0;
  let ss = 0;
  for (let t = 0; t < len; t++) {
    const v = values[start + t];
    if (v - v === 0) {
      const d = v - shift;
      x[t] = d;
      present[t] = 1;
      s += d;
      ss += d * d;
    } else {
      x[t] = 0;
      present[t] = 0;
      missing[gaps++] = t;
    }
  }
  own[o] += len - gaps;
  own[o + 1] += s;
  own[o + 2] += ss;
  return gaps;
}

function dot(a: Float64Array, b: Float64Array, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let t = 0;
  for (; t + 1 < len; t += 2) {
    s0 += a[t] * b[t];
    s1 += a[t + 1] * b[t + 1];
  }
  if (t < len) s0 += a[t] * b[t];
  return s0 + s1;
}

/** Four dot products sharing one column: its values are read once for all four. */
function dot4(
  a: Float64Array,
  b0: Float64Array,
  b1: Float64Array,
  b2: Float64Array,
  b3: Float64Array,
  len: number,
  sums: Float64Array,
  o: number,
): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let t = 0; t < len; t++) {
    const v = a[t];
    s0 += v * b0[t];
    s1 += v * b1[t];
    s2 += v * b2[t];
    s3 += v * b3[t];
  }
  // Consecutive pairs (p, q…q+3) are 4 slots apart in `sums`.
  sums[o] += s0;
  sums[o + 4] += s1;
  sums[o + 8] += s2;
  sums[o + 12] += s3;
}

/** Count, Σx and Σx² of x over the rows where another column is missing (x is 0 where it is missing itself). */
function loseRows(x: Float64Array, present: Uint8Array, gaps: Int32Array, count: number, sums: Float64Array, o: number): void {
  let c = 0;
  let s = 0;
  let ss = 0;
  for (let g = 0; g < count; g++) {
    const t = gaps[g];
    const v = x[t];
    c += present[t];
    s += v;
    ss += v * v;
  }
  sums[o] += c;
  sums[o + 1] += s;
  sums[o + 2] += ss;
}

/** Pearson's r in two passes (means first) over the rows where both are finite; null when either is constant there. */
function exactPair(xs: Float64Array | Float32Array, ys: Float64Array | Float32Array): number | null {
  let nn = 0;
  let sx = 0;
  let sy = 0;
  let xVaries = false;
  let yVaries = false;
  let x0 = NaN;
  let y0 = NaN;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x - x !== 0 || y - y !== 0) continue;
    if (nn === 0) {
      x0 = x;
      y0 = y;
    } else {
      if (x !== x0) xVaries = true;
      if (y !== y0) yVaries = true;
    }
    nn++;
    sx += x;
    sy += y;
  }
  if (nn < 2 || !xVaries || !yVaries) return null;
  const mx = sx / nn;
  const my = sy / nn;
  let cxx = 0;
  let cyy = 0;
  let cxy = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x - x !== 0 || y - y !== 0) continue;
    const dx = x - mx;
    const dy = y - my;
    cxx += dx * dx;
    cyy += dy * dy;
    cxy += dx * dy;
  }
  return clamp(cxy / Math.sqrt(cxx * cyy));
}

function clamp(r: number): number | null {
  if (!Number.isFinite(r)) return null;
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

// ─── Cramér's V and "auto" ─────────────────────────────────────────────────────────────────────────

/**
 * Cramér's V with the bias correction ydata-profiling uses (`_cramers_corrected_stat`, after
 * Bergsma 2013) on a contingency table of counts (rows × cols, row-major). Empty rows and columns
 * are dropped first, as `pd.crosstab` only lists observed values. χ² is SciPy's `chi2_contingency`
 * with `correction=True`: Yates' continuity correction, applied only when the table is 2 × 2.
 *
 *   φ²corr = max(0, χ²/n − (k−1)(r−1)/(n−1)),  rcorr = r − (r−1)²/(n−1),  kcorr = k − (k−1)²/(n−1)
 *   V = √(φ²corr / min(kcorr−1, rcorr−1)),  and 1 when that minimum is 0 (as ydata).
 *
 * Null when no row has both values, or when one side has a single observed value (ydata returns 1
 * there, since the minimum is 0, but one constant variable tells nothing about the other).
 */
export function cramersV(counts: ArrayLike<number>, rows: number, cols: number): number | null {
  const rowSum = new Float64Array(rows);
  const colSum = new Float64Array(cols);
  let n = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const c = counts[i * cols + j];
      rowSum[i] += c;
      colSum[j] += c;
      n += c;
    }
  }
  const keptRows: number[] = [];
  const keptCols: number[] = [];
  for (let i = 0; i < rows; i++) if (rowSum[i] > 0) keptRows.push(i);
  for (let j = 0; j < cols; j++) if (colSum[j] > 0) keptCols.push(j);
  const r = keptRows.length;
  const k = keptCols.length;
  if (n === 0 || r < 2 || k < 2) return null;
  const yates = r === 2 && k === 2;
  let chi2 = 0;
  for (const i of keptRows) {
    for (const j of keptCols) {
      const expected = (rowSum[i] * colSum[j]) / n;
      let observed = counts[i * cols + j];
      if (yates) {
        // SciPy caps the correction at the difference itself (gh-13875).
        const diff = expected - observed;
        observed += Math.sign(diff) * Math.min(0.5, Math.abs(diff));
      }
      chi2 += ((observed - expected) * (observed - expected)) / expected;
    }
  }
  const phi2corr = Math.max(0, chi2 / n - ((k - 1) * (r - 1)) / (n - 1));
  const rcorr = r - (r - 1) ** 2 / (n - 1);
  const kcorr = k - (k - 1) ** 2 / (n - 1);
  const rk = Math.min(kcorr - 1, rcorr - 1);
  if (rk === 0) return 1;
  const v = Math.sqrt(phi2corr / rk);
  return Number.isFinite(v) ? v : null;
}

interface AutoColumn {
  column: Column;
  /** Index among the numeric columns (Spearman matrix), or −1 for categorical and boolean ones. */
  numericIndex: number;
  /** Number of codes: dictionary size, 2 for booleans, AUTO_BINS for numeric columns. */
  levels: number;
  /** False for constant columns, which get null. */
  live: boolean;
}

/** "auto" with the values that need no ranks (categorical pairs); finishAuto adds the rest. */
interface AutoStart {
  columns: string[];
  matrix: Matrix;
  /** Live numeric columns: index in the matrix and among the numeric columns. */
  numbers: { at: number; numericIndex: number }[];
  /** Live categorical and boolean columns: index in the matrix, codes, levels. */
  categories: { at: number; codes: Int32Array; levels: number }[];
}

function startAuto(table: Table, numeric: NumberColumn[], varying: boolean[]): AutoStart {
  const entries: AutoColumn[] = [];
  for (const column of table.columns) {
    if (isNumber(column)) {
      const k = numeric.indexOf(column);
      entries.push({ column, numericIndex: k, levels: AUTO_BINS, live: varying[k] });
    } else if (column.kind === 'numeric' && column.type === 'boolean') {
      entries.push({ column, numericIndex: -1, levels: 2, live: distinctBooleans(column.values) > 1 });
    } else if (column.kind === 'coded' && column.type === 'categorical') {
      const distinct = distinctCodes(column);
      if (distinct > MAX_CORRELATION_CATEGORIES) continue;
      // A dictionary far larger than the values in use (a filtered table) is renumbered densely.
      const levels = column.dictionary.length > MAX_CORRELATION_CATEGORIES ? distinct : column.dictionary.length;
      entries.push({ column, numericIndex: -1, levels, live: distinct > 1 });
    }
  }
  const size = entries.length;
  const matrix: Matrix = entries.map((e) => entries.map(() => (e.live ? 1 : null)));
  for (let a = 0; a < size; a++) if (!entries[a].live) for (let b = 0; b < size; b++) matrix[b][a] = null;
  const live = entries.flatMap((e, a) => (e.live ? [a] : []));
  const categories = live
    .filter((a) => entries[a].numericIndex < 0)
    .map((a) => ({ at: a, codes: categoryCodes(entries[a].column, entries[a].levels), levels: entries[a].levels }));
  for (let i = 0; i < categories.length; i++) {
    const a = categories[i];
    for (let j = i + 1; j < categories.length; j++) {
      const b = categories[j];
      setBoth(matrix, a.at, b.at, cramersV(crossCounts(a.codes, a.levels, b.codes, b.levels), a.levels, b.levels));
    }
  }
  return {
    columns: entries.map((e) => e.column.name),
    matrix,
    numbers: live.filter((a) => entries[a].numericIndex >= 0).map((a) => ({ at: a, numericIndex: entries[a].numericIndex })),
    categories,
  };
}

/** Spearman for the numeric pairs, and Cramér's V between categorical and binned numeric columns. */
function finishAuto(
  { matrix, numbers, categories }: AutoStart,
  spearman: Matrix,
  numeric: NumberColumn[],
  stats: FiniteStats[],
  ranked: (Ranked | null)[],
): Matrix {
  for (const a of numbers) {
    for (const b of numbers) {
      if (a.at < b.at) setBoth(matrix, a.at, b.at, spearman[a.numericIndex][b.numericIndex]);
    }
  }
  if (categories.length === 0) return matrix;
  const bins = numbers.map(({ numericIndex: k }) => {
    const s = stats[k];
    return ranked[k]?.bins ?? binCodes(numeric[k].values, cutEdges(s.min, s.max, AUTO_BINS));
  });
  for (const a of categories) {
    // Numeric partners two at a time: one count per row fills both tables.
    for (let j = 0; j < numbers.length; j += 2) {
      const second = j + 1 < numbers.length;
      const [forB, forC] = binCounts(a.codes, a.levels, bins[j], second ? bins[j + 1] : null);
      setBoth(matrix, a.at, numbers[j].at, cramersV(forB, a.levels, AUTO_BINS));
      if (second) setBoth(matrix, a.at, numbers[j + 1].at, cramersV(forC, a.levels, AUTO_BINS));
    }
  }
  return matrix;
}

function setBoth(matrix: Matrix, a: number, b: number, r: number | null): void {
  matrix[a][b] = r;
  matrix[b][a] = r;
}

/** Codes of a categorical (renumbered 0…levels−1 when the dictionary is larger) or boolean column (0/1), −1 where missing. */
function categoryCodes(column: Column, levels: number): Int32Array {
  if (column.kind === 'coded') {
    if (column.dictionary.length === levels) return column.codes;
    const dense = new Int32Array(column.dictionary.length).fill(-1);
    const out = new Int32Array(column.codes.length);
    let next = 0;
    for (let i = 0; i < out.length; i++) {
      const c = column.codes[i];
      if (c < 0) out[i] = -1;
      else out[i] = dense[c] >= 0 ? dense[c] : (dense[c] = next++);
    }
    return out;
  }
  const values = column.values;
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v !== v ? -1 : v ? 1 : 0;
  }
  return out;
}

/** Contingency counts of two code arrays over the rows where both are present. */
function crossCounts(a: Int32Array, levelsA: number, b: Int32Array, levelsB: number): Float64Array {
  const counts = new Float64Array(levelsA * levelsB);
  for (let i = 0; i < a.length; i++) {
    const ca = a[i];
    const cb = b[i];
    if ((ca | cb) >= 0) counts[ca * levelsB + cb]++;
  }
  return counts;
}


/**
 * Counts of (category, bin) for one or two binned columns in a single pass: each row adds one to a
 * category × (bins + 1) × (bins + 1) table whose extra level is "missing", and each pair's table is
 * a margin of it, over the rows where both of its columns are present.
 */
function binCounts(categories: Int32Array, levels: number, b: Uint8Array, c: Uint8Array | null): [Float64Array, Float64Array] {
  const side = AUTO_BINS + 1;
  const joint = new Int32Array(levels * side * side);
  const n = categories.length;
  if (c) {
    for (let i = 0; i < n; i++) {
      const a = categories[i];
      if (a >= 0) joint[(a * side + b[i]) * side + c[i]]++;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const a = categories[i];
      if (a >= 0) joint[(a * side + b[i]) * side]++;
    }
  }
  const forB = new Float64Array(levels * AUTO_BINS);
  const forC = new Float64Array(levels * AUTO_BINS);
  for (let a = 0; a < levels; a++) {
    for (let x = 0; x < side; x++) {
      for (let y = 0; y < side; y++) {
        const count = joint[(a * side + x) * side + y];
        if (count === 0) continue;
        if (x < NO_BIN) forB[a * AUTO_BINS + x] += count;
        if (y < NO_BIN) forC[a * AUTO_BINS + y] += count;
      }
    }
  }
  return [forB, forC];
}

function distinctCodes(column: CodedColumn): number {
  const seen = new Uint8Array(column.dictionary.length);
  let distinct = 0;
  const codes = column.codes;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0 && seen[c] === 0) {
      seen[c] = 1;
      distinct++;
    }
  }
  return distinct;
}

function distinctBooleans(values: Float64Array): number {
  let sawTrue = 0;
  let sawFalse = 0;
  for (let i = 0; i < values.length && sawTrue + sawFalse < 2; i++) {
    const v = values[i];
    if (v === 1) sawTrue = 1;
    else if (v === 0) sawFalse = 1;
  }
  return sawTrue + sawFalse;
}
