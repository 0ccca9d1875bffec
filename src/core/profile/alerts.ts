// Data-quality alerts (ydata-profiling's alert types and default thresholds), with a plain sentence each.

import { parseIsoDate } from '../parse/infer-column.ts';
import type { Column } from '../table/table.ts';
import type { Alert, AlertType, ColumnProfile, Correlations } from './types.ts';

/**
 * Thresholds, from ydata-profiling (src/ydata_profiling/model/alerts.py and config.py):
 * - share: MISSING, ZEROS, INFINITE and DUPLICATES fire when the share of rows is above 1%
 *   (`alert_value`: `value > 0.01`); shares are of all rows, missing ones included (ydata's p_* use n).
 * - skewness: SKEWED when |skewness| > 20 (`vars.num.skewness_threshold: 20`).
 * - cardinality: HIGH_CARDINALITY when a categorical has more than 50 distinct values (`vars.cat.cardinality_threshold: 50`).
 * - imbalance: IMBALANCE when above 0.5 (`vars.cat.imbalance_threshold`, `vars.bool.imbalance_threshold`: 0.5).
 * - correlation: HIGH_CORRELATION when |auto| ≥ 0.9 (`perform_check_correlation` compares `abs(r) >= threshold`;
 *   config_default.yaml sets the auto threshold to 0.9, while the Python Settings default is 0.5, which
 *   flags so many pairs that the alert stops meaning much).
 * - uniformPValue: UNIFORM when the χ² goodness-of-fit p-value is above 0.999 (`chi_squared_threshold: 0.999`).
 * - dateShare: TYPE_DATE when at least 90% of a text column's present values read as dates. ydata asks
 *   every value to parse (dateutil); allowing a few stray entries catches columns with typos too.
 */
export const ALERT_THRESHOLDS = {
  share: 0.01,
  skewness: 20,
  cardinality: 50,
  imbalance: 0.5,
  correlation: 0.9,
  uniformPValue: 0.999,
  dateShare: 0.9,
} as const;

/**
 * Most serious first: what makes a model wrong outright as the data stands (no data, values a model
 * cannot take, columns without information, duplicates that leak between splits), then what needs
 * work before modelling (near-copies of a column, gaps, mis-typed or messy columns, skew), then facts
 * worth knowing. The three groups match the report's problem / warning / note severities
 * (src/cells/profile/alert-kinds.ts).
 */
export const ALERT_ORDER: readonly AlertType[] = [
  'EMPTY',
  'INFINITE',
  'CONSTANT',
  'DUPLICATES',
  'HIGH_CORRELATION',
  'MISSING',
  'TYPE_DATE',
  'HIGH_CARDINALITY',
  'DIRTY_CATEGORY',
  'IMBALANCE',
  'SKEWED',
  'UNIQUE',
  'ZEROS',
  'CONSTANT_LENGTH',
  'UNIFORM',
];

/** Facts about a column that need its values, not only its profile (see columnEvidence). */
export interface ColumnEvidence {
  /** χ² goodness-of-fit p-value against equal frequencies (ydata's chi_squared), when tested. */
  uniformPValue?: number;
  /** Share of present values that read as dates (coded columns); below the threshold only an upper bound. */
  dateShare?: number;
}

/**
 * The alerts of a profile, most serious first (ALERT_ORDER; within a type, the larger figure first,
 * then table order). `evidence[i]` belongs to `columns[i]`; without it UNIFORM and TYPE_DATE are not checked.
 */
export function alertsFor(
  columns: ColumnProfile[],
  correlations: Correlations,
  duplicates: number,
  rows: number,
  evidence: (ColumnEvidence | undefined)[] = [],
): Alert[] {
  const T = ALERT_THRESHOLDS;
  const alerts: Alert[] = [];
  if (rows === 0 || columns.length === 0) {
    alerts.push({
      type: 'EMPTY',
      message:
        rows === 0
          ? 'The dataset has no rows: there is nothing to profile or to train on.'
          : 'The dataset has no columns: there is nothing to profile or to train on.',
    });
  }
  const duplicateShare = rows ? duplicates / rows : 0;
  if (duplicateShare > T.share) {
    alerts.push({
      type: 'DUPLICATES',
      value: duplicateShare,
      message: `${count(duplicates)} rows (${percent(duplicateShare)}) repeat an earlier row: duplicates over-weight those rows and can land in both the training and the test split.`,
    });
  }

  columns.forEach((c, i) => {
    const name = c.name;
    const missingShare = rows ? c.missing / rows : 0;
    if (missingShare > T.share) {
      alerts.push({
        type: 'MISSING',
        column: name,
        value: missingShare,
        message: `${name} is missing in ${percent(missingShare)} of rows: models need these imputed, and the gaps may not be random.`,
      });
    }
    if (c.distinct === 1) {
      alerts.push({
        type: 'CONSTANT',
        column: name,
        value: 1,
        message: `${name} holds a single value: it carries no information for a model and can be dropped.`,
      });
    }
    // ydata: n_distinct == n, with n counting missing rows too, so a column with gaps is never UNIQUE.
    if (rows > 0 && c.distinct === rows) {
      alerts.push({
        type: 'UNIQUE',
        column: name,
        value: c.distinct,
        message:
          c.type === 'float'
            ? `${name} has a different value in every row: normal for a measurement, but if it is an identifier a model cannot generalise from it.`
            : `${name} has a different value in every row: it is likely an identifier, which a model cannot generalise from.`,
      });
    }
    const isNumber = c.type === 'integer' || c.type === 'float';
    if (isNumber && c.numeric) numericAlerts(c, rows, alerts);
    if ((c.type === 'categorical' || c.type === 'boolean') && c.imbalance !== undefined && c.imbalance > T.imbalance) {
      alerts.push({
        type: 'IMBALANCE',
        column: name,
        value: c.imbalance,
        message: `${name} is imbalanced (score ${c.imbalance.toFixed(2)}, most rows share few of its values): rare values get few examples, so split with stratification and read per-class metrics.`,
      });
    }
    if (c.type === 'categorical' && c.distinct > T.cardinality) {
      alerts.push({
        type: 'HIGH_CARDINALITY',
        column: name,
        value: c.distinct,
        message: `${name} has ${count(c.distinct)} distinct categories: one-hot encoding would add a column for each, so group the rare ones or encode it another way.`,
      });
    }
    if (c.text?.dirty.length) {
      const example = c.text.dirty[0].values.slice(0, 3).map((v) => `"${v}"`).join(', ');
      alerts.push({
        type: 'DIRTY_CATEGORY',
        column: name,
        value: c.text.dirty.length,
        message: `${name} has ${count(c.text.dirty.length)} ${c.text.dirty.length === 1 ? 'group' : 'groups'} of values that differ only in case, spaces or accents (such as ${example}): a model treats them as different categories unless they are merged.`,
      });
    }
    if ((c.type === 'categorical' || c.type === 'text') && c.text && c.distinct > 1 && c.text.length.min === c.text.length.max) {
      alerts.push({
        type: 'CONSTANT_LENGTH',
        column: name,
        value: c.text.length.min,
        message: `${name} has values that are all ${count(c.text.length.min)} characters long: it is probably a code or a formatted value, which may need parsing rather than treating as categories.`,
      });
    }
    const ev = evidence[i];
    if (ev?.dateShare !== undefined && ev.dateShare >= T.dateShare) {
      alerts.push({
        type: 'TYPE_DATE',
        column: name,
        value: ev.dateShare,
        message: `${name} holds dates written as text (${percent(ev.dateShare)} of values read as dates): convert it to a date so that its order and parts (year, month, weekday) can be used.`,
      });
    }
    if (ev?.uniformPValue !== undefined && ev.uniformPValue > T.uniformPValue) {
      alerts.push({
        type: 'UNIFORM',
        column: name,
        value: ev.uniformPValue,
        message: `${name} is spread evenly over its range (χ² test p = ${ev.uniformPValue.toFixed(4)}): check that it is not a row number, a random draw or another value with no meaning.`,
      });
    }
  });

  // One alert per pair, naming both (ydata lists the pair under each of its columns).
  const auto = correlations.auto;
  for (let a = 0; a < auto.length; a++) {
    for (let b = a + 1; b < auto.length; b++) {
      const r = auto[a][b];
      if (r === null || !(Math.abs(r) >= T.correlation)) continue;
      const first = correlations.columns[a];
      const second = correlations.columns[b];
      alerts.push({
        type: 'HIGH_CORRELATION',
        column: first,
        other: second,
        value: r,
        message: `${first} and ${second} are highly correlated (${r.toFixed(2)}): one of them adds little, and if either is the target the other may leak it.`,
      });
    }
  }
  return sortAlerts(alerts);
}

function numericAlerts(c: ColumnProfile, rows: number, alerts: Alert[]): void {
  const T = ALERT_THRESHOLDS;
  const stats = c.numeric;
  if (!stats || rows === 0) return;
  const name = c.name;
  const infiniteShare = stats.infinite / rows;
  if (infiniteShare > T.share) {
    alerts.push({
      type: 'INFINITE',
      column: name,
      value: infiniteShare,
      message: `${name} is infinite in ${percent(infiniteShare)} of rows: most models cannot train on infinite values, so clip, replace or drop them.`,
    });
  }
  const zeroShare = stats.zeros / rows;
  if (zeroShare > T.share) {
    alerts.push({
      type: 'ZEROS',
      column: name,
      value: zeroShare,
      message: `${name} is zero in ${percent(zeroShare)} of rows: check whether zero is a real measurement or stands in for a missing one.`,
    });
  }
  if (Number.isFinite(stats.skewness) && Math.abs(stats.skewness) > T.skewness) {
    alerts.push({
      type: 'SKEWED',
      column: name,
      value: stats.skewness,
      message: `${name} is highly skewed (skewness ${stats.skewness.toFixed(1)}): a few extreme values dominate, so a log or rank transform may help models that expect symmetric inputs.`,
    });
  }
}

function sortAlerts(alerts: Alert[]): Alert[] {
  const rank = new Map(ALERT_ORDER.map((t, i) => [t, i]));
  // Array.prototype.sort is stable, so equal figures keep table order.
  return alerts.sort(
    (a, b) =>
      (rank.get(a.type) as number) - (rank.get(b.type) as number) ||
      Math.abs(b.value ?? 0) - Math.abs(a.value ?? 0),
  );
}

function percent(share: number): string {
  // As ydata's fmt_percent: never show 0% or 100% for a share that is neither.
  if (share > 0 && share < 0.0005) return '< 0.1%';
  if (share < 1 && share >= 0.9995) return '> 99.9%';
  const p = share * 100;
  return `${p >= 10 ? Math.round(p) : p.toFixed(1)}%`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

// ─── Evidence from the values ──────────────────────────────────────────────────────────────────────

/**
 * The facts alertsFor needs from a column's values: the χ² uniformity p-value for integer, float and
 * categorical columns, and the share of date-like texts for coded columns (identifiers included: a
 * column of distinct timestamps in a non-ISO form loads as one).
 */
export function columnEvidence(column: Column, profile: ColumnProfile, sorted?: Float64Array): ColumnEvidence {
  const evidence: ColumnEvidence = {};
  if (column.kind === 'numeric') {
    if (column.type === 'integer' || column.type === 'float') {
      const stats = profile.numeric;
      // The profile's min and max are the finite ones when no value is infinite.
      const finite = stats && stats.infinite === 0 ? { count: profile.count, min: stats.min, max: stats.max } : undefined;
      const p = sorted ? sortedUniformity(sorted, stats?.iqr) : numericUniformity(column.values, stats?.iqr, finite);
      if (p !== null) evidence.uniformPValue = p;
    }
    return evidence;
  }
  const counts = codeCounts(column.codes, column.dictionary.length);
  if (column.type === 'categorical') {
    const present: number[] = [];
    for (let c = 0; c < counts.length; c++) if (counts[c] > 0) present.push(counts[c]);
    const p = chiSquareUniformPValue(present);
    if (p !== null) evidence.uniformPValue = p;
  }
  const share = dateShare(column.dictionary, counts);
  if (share !== null) evidence.dateShare = share;
  return evidence;
}

function codeCounts(codes: Int32Array, size: number): Float64Array {
  const counts = new Float64Array(size);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0) counts[c]++;
  }
  return counts;
}

/**
 * ydata's uniformity test for numeric columns: a histogram of the finite values on NumPy's "auto"
 * bins (the narrower of Freedman–Diaconis and Sturges; one bin when both are 0), then χ² against
 * equal counts. `iqr` is the finite values' interquartile range (linear interpolation, as np.percentile);
 * `finite` (count, min, max of the finite values), when known, saves a pass.
 * Bins are capped at 2^20 where NumPy would go on (a tiny IQR beside far outliers).
 */
export function numericUniformity(
  values: Float64Array,
  iqr: number | undefined,
  finite?: { count: number; min: number; max: number },
): number | null {
  let m = 0;
  let min = Infinity;
  let max = -Infinity;
  if (finite) ({ count: m, min, max } = finite);
  else {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v - v !== 0) continue;
      m++;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (m === 0) return null;
  const { first, step, edges } = uniformityEdges(m, min, max, iqr);
  const bins = edges.length - 1;
  const counts = new Float64Array(bins);
  // A first guess from the width (a product, cheaper than dividing every value); the edges themselves decide.
  const perStep = 1 / step;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue;
    let b = Math.floor((v - first) * perStep);
    if (b < 0) b = 0;
    else if (b >= bins) b = bins - 1;
    // np.histogram with explicit edges: [edge[b], edge[b+1]), the last bin closed.
    while (b > 0 && v < edges[b]) b--;
    while (b < bins - 1 && v >= edges[b + 1]) b++;
    counts[b]++;
  }
  return chiSquareUniformPValue(counts);
}

/**
 * numericUniformity from the finite values already sorted (as the exact statistics have them): the same
 * bins, counted by walking the values and the edges together, with no division per value.
 */
export function sortedUniformity(sorted: Float64Array, iqr: number | undefined): number | null {
  const m = sorted.length;
  if (m === 0) return null;
  const { edges } = uniformityEdges(m, sorted[0], sorted[m - 1], iqr);
  const bins = edges.length - 1;
  const counts = new Float64Array(bins);
  // Each value goes to the last bin whose lower edge is at or below it (the edges ascend), as above.
  let b = 0;
  let from = 0;
  for (let i = 0; i < m; i++) {
    const v = sorted[i];
    if (b < bins - 1 && v >= edges[b + 1]) {
      counts[b] += i - from;
      from = i;
      while (b < bins - 1 && v >= edges[b + 1]) b++;
    }
  }
  counts[b] += m - from;
  return chiSquareUniformPValue(counts);
}

/** NumPy's "auto" bins for m finite values in [min, max] with interquartile range iqr. */
function uniformityEdges(m: number, min: number, max: number, iqr: number | undefined): { first: number; step: number; edges: Float64Array } {
  let first = min;
  let last = max;
  const range = max - min;
  const sturges = range / (Math.log2(m) + 1);
  const fd = iqr !== undefined && Number.isFinite(iqr) ? 2 * iqr * m ** (-1 / 3) : 0;
  const width = fd ? Math.min(fd, sturges) : sturges;
  let bins = width ? Math.ceil(range / width) : 1;
  bins = Math.max(1, Math.min(bins, 2 ** 20));
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const step = (last - first) / bins;
  const edges = new Float64Array(bins + 1);
  for (let b = 0; b < bins; b++) edges[b] = b * step + first;
  edges[bins] = last;
  return { first, step, edges };
}

/**
 * p-value of SciPy's `chisquare(counts)`: Pearson's χ² against equal expected counts, k − 1 degrees
 * of freedom. Null with fewer than two cells or no counts (SciPy gives NaN or ydata skips it).
 */
export function chiSquareUniformPValue(counts: ArrayLike<number>): number | null {
  const k = counts.length;
  if (k < 2) return null;
  let total = 0;
  for (let i = 0; i < k; i++) total += counts[i];
  if (total === 0) return null;
  const expected = total / k;
  let chi2 = 0;
  for (let i = 0; i < k; i++) chi2 += (counts[i] - expected) ** 2 / expected;
  return upperGammaRegularized((k - 1) / 2, chi2 / 2);
}

/** Q(a, x) = Γ(a, x) / Γ(a): the χ² survival function is Q(dof/2, χ²/2). Series below a + 1, continued fraction above. */
export function upperGammaRegularized(a: number, x: number): number {
  if (x <= 0) return 1;
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 100000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  // Lentz's method for the continued fraction.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let n = 1; n < 100000; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.min(1, Math.exp(logPrefix) * h);
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7: about 15 significant digits). */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/**
 * Share of present values (weighted by how often each occurs) that read as dates. A sample of the
 * dictionary is tried first, so columns of ordinary text cost a few dozen parses; the full count stops
 * once the threshold is out of reach. Null for a column with no values.
 */
function dateShare(dictionary: string[], counts: Float64Array): number | null {
  let total = 0;
  for (let c = 0; c < counts.length; c++) total += counts[c];
  if (total === 0) return null;
  const probe = Math.min(dictionary.length, 50);
  let hits = 0;
  let tried = 0;
  for (let s = 0; s < probe; s++) {
    const c = Math.floor((s * dictionary.length) / probe);
    if (counts[c] === 0) continue;
    tried++;
    if (looksLikeDate(dictionary[c])) hits++;
  }
  if (tried > 0 && hits < tried / 2) return hits / tried;
  const allowedMisses = (1 - ALERT_THRESHOLDS.dateShare) * total;
  let misses = 0;
  for (let c = 0; c < dictionary.length; c++) {
    if (counts[c] === 0 || looksLikeDate(dictionary[c])) continue;
    misses += counts[c];
    if (misses > allowedMisses) break;
  }
  return 1 - misses / total;
}

const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?)?`;
// 12/31/2020, 31/12/2020, 12-31-20 (day and month in either order); dots only with a 4-digit year (1.2.10 is a version).
const NUMERIC_DMY = new RegExp(String.raw`^(\d{1,2})([/\-])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`);
const DOTTED_DMY = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})${TIME}$`);
// 2020/12/31, 2020.12.31
const SLASHED_YMD = new RegExp(String.raw`^(\d{4})([/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
// 31 Dec 2020, 31-Dec-2020, Dec 31, 2020, December 31 2020
const DAY_NAMED = new RegExp(String.raw`^(\d{1,2})[ -]([A-Za-z]{3,9})\.?,?[ -](\d{4})${TIME}$`);
const NAMED_DAY = new RegExp(String.raw`^([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})${TIME}$`);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * Whether a text reads as a calendar date: ISO 8601 (parseIsoDate), day and month as numbers in
 * either order with / or - (and . with a four-digit year), year first with / or ., or a month name
 * (Dec 31, 2020; 31 Dec 2020); optionally followed by a time. Day and month must exist in that year.
 */
export function looksLikeDate(text: string): boolean {
  const s = text.trim();
  if (s.length < 6 || s.length > 40) return false;
  if (parseIsoDate(s) !== null) return true;
  let m = NUMERIC_DMY.exec(s);
  if (m) return eitherOrder(Number(m[1]), Number(m[3]), year(m[4]));
  m = DOTTED_DMY.exec(s);
  if (m) return eitherOrder(Number(m[1]), Number(m[2]), Number(m[3]));
  m = SLASHED_YMD.exec(s);
  if (m) return validDate(Number(m[1]), Number(m[3]), Number(m[4]));
  m = DAY_NAMED.exec(s);
  if (m) return validDate(Number(m[3]), month(m[2]), Number(m[1]));
  m = NAMED_DAY.exec(s);
  if (m) return validDate(Number(m[3]), month(m[1]), Number(m[2]));
  return false;
}

function year(text: string): number {
  const y = Number(text);
  // Two-digit years as most parsers read them: 00–68 → 2000s, 69–99 → 1900s.
  return text.length === 2 ? (y < 69 ? 2000 + y : 1900 + y) : y;
}

function eitherOrder(a: number, b: number, y: number): boolean {
  return validDate(y, a, b) || validDate(y, b, a);
}

function month(name: string): number {
  const lower = name.toLowerCase();
  const short = MONTHS.indexOf(lower);
  if (short >= 0) return short + 1;
  if (lower === 'sept') return 9;
  return MONTH_NAMES.indexOf(lower) + 1;
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}
