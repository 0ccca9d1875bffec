// Frames the problem: which column is predicted, as what kind of task, from which features, against which baseline.

import { UserError } from '../errors/user-error.ts';
import { baselineScores } from '../metrics/baseline.ts';
import { defaultMetric, isMetricName, metricInfo, type MetricName, type Scores } from '../metrics/registry.ts';
import { cellText, getColumn, type Column, type Table } from '../table/table.ts';
import type { LeakageWarning } from './leakage.ts';

export type Task = 'classification' | 'regression';

export type Baseline =
  | { metric: 'accuracy'; value: number; label: string }
  | { metric: 'rmse'; value: number; mean: number };

export interface ExcludedColumn {
  name: string;
  reason: string;
  /** The user may tick it back in: a usable column the defaults left out (identifier-like), or one the user left out. */
  canAdd?: boolean;
  /** Left out by the user rather than by the defaults. */
  byUser?: boolean;
}

/** A numeric feature holding ±Infinity: preprocessing treats those cells as missing, which the user should know. */
export interface NonFiniteFeature {
  feature: string;
  count: number;
  /** First row (0-based) holding one. */
  firstRow: number;
}

/** The user's choices on top of the detected defaults. */
export interface FrameOptions {
  /** The metric that matters; one of another task (or none) gives the task's default. */
  metric?: string;
  /** Features the user left out. */
  dropped?: readonly string[];
  /** Columns the defaults left out that the user put back (only those marked canAdd are taken). */
  added?: readonly string[];
}

export interface FrameSummary {
  target: string;
  task: Task;
  detectedTask: Task;
  /** Class labels as the user reads them, sorted (numerically for numeric targets); classification only. */
  classes?: string[];
  /** Rows per class, in the order of `classes`. */
  classCounts?: number[];
  rowsWithTarget: number;
  baseline: Baseline;
  features: string[];
  excluded: ExcludedColumn[];
  // Fields below are absent in outputs stored before Frame version 2.
  /** The metric that matters. */
  metric?: MetricName;
  /** The baseline under every metric of the task, fitted on and scored on every row with a target. */
  baselineScores?: Scores;
  /** Columns the defaults left out that the user put back among the features, with the defaults' reason. */
  added?: ExcludedColumn[];
  /** Numeric features holding ±Infinity. */
  nonFinite?: NonFiniteFeature[];
  /** Features that alone predict the target almost perfectly (filled in by the data worker with detectLeakage). */
  leakage?: LeakageWarning[];
}

/** Integer targets with at most this many distinct values are read as class labels. */
const MAX_INTEGER_CLASSES = 10;
/** Beyond this, a softmax over classes is almost certainly a mistake (an ID or a measurement). */
export const MAX_CLASSES = 200;

/**
 * Whether a row has a usable target. Numeric targets must be finite: ±Infinity can neither be a
 * regression target nor a meaningful label, so such rows are treated like missing ones.
 */
export function hasTargetValue(column: Column, row: number): boolean {
  return column.kind === 'numeric' ? Number.isFinite(column.values[row]) : column.codes[row] >= 0;
}

/** Row indices (ascending) whose target is usable. */
export function rowsWithTarget(table: Table, target: string): Int32Array {
  const column = requireColumn(table, target);
  const out = new Int32Array(table.rowCount);
  let n = 0;
  for (let r = 0; r < table.rowCount; r++) if (hasTargetValue(column, r)) out[n++] = r;
  return out.slice(0, n);
}

/** Class index of each row in the order of frame.classes, -1 where the target is missing. */
export function classIndexByRow(table: Table, frame: FrameSummary): Int32Array {
  const column = requireColumn(table, frame.target);
  const classes = frame.classes;
  if (!classes) throw new Error('classIndexByRow needs a classification frame');
  const index = new Map<string, number>();
  classes.forEach((label, i) => index.set(label, i));
  const out = new Int32Array(table.rowCount).fill(-1);
  if (column.kind === 'coded') {
    // Map dictionary codes once rather than looking up strings per row.
    const codeToClass = column.dictionary.map((label) => index.get(label) ?? -1);
    for (let r = 0; r < table.rowCount; r++) {
      const code = column.codes[r];
      out[r] = code < 0 ? -1 : codeToClass[code];
    }
    return out;
  }
  for (let r = 0; r < table.rowCount; r++) {
    if (!hasTargetValue(column, r)) continue;
    out[r] = index.get(cellText(column, r) as string) ?? -1;
  }
  return out;
}

export function analyzeTarget(table: Table, target: string, taskOverride?: Task, options: FrameOptions = {}): FrameSummary {
  const column = requireColumn(table, target);
  const present = rowsWithTarget(table, target);
  if (present.length === 0) {
    throw new UserError(`Target "${target}" has no values: every row is missing`, 'Pick a column that is filled in.');
  }

  const detectedTask = detectTask(column);
  const task = taskOverride ?? detectedTask;
  if (task === 'regression' && column.kind === 'coded') {
    throw new UserError(
      `Target "${target}" holds text, so it can't be a regression target`,
      'Use classification, or pick a numeric column.',
    );
  }

  const counts = labelCounts(column, present);
  if (counts.size === 1) {
    const only = [...counts.keys()][0];
    throw new UserError(
      `Target "${target}" has only one value (${only}): there is nothing to predict`,
      'Pick a column whose value varies from row to row, or add rows of the other outcomes.',
    );
  }

  const defaults = defaultFeatures(table, target);
  if (defaults.features.length === 0 && !defaults.excluded.some((e) => e.canAdd && options.added?.includes(e.name))) {
    const why = defaults.excluded.map((e) => `${e.name}: ${e.reason}`).join('; ');
    throw new UserError(
      `No usable features: every column other than "${target}" was excluded` + (why ? ` (${why})` : ''),
      'Add columns with varying numeric or categorical values.',
    );
  }
  const { features, excluded, added } = applyChoices(table, defaults, options);
  if (features.length === 0) {
    throw new UserError('No features are ticked: the model would have nothing to learn from', 'Tick at least one feature.');
  }

  const metric = options.metric && isMetricName(options.metric) && metricInfo(options.metric).task === task ? options.metric : defaultMetric(task);
  const nonFinite = nonFiniteFeatures(table, features);
  const base = { target, task, detectedTask, rowsWithTarget: present.length, features, excluded, added, metric, nonFinite };
  if (task === 'classification') {
    if (counts.size > MAX_CLASSES) {
      throw new UserError(
        `Target "${target}" has ${counts.size} distinct values, too many to treat as classes (at most ${MAX_CLASSES})`,
        column.kind === 'numeric' ? 'Use regression for a numeric measurement.' : 'Pick a column with fewer categories.',
      );
    }
    const classes = sortLabels(column, [...counts.keys()]);
    const classCounts = classes.map((c) => counts.get(c) as number);
    // Ties go to the first label in sorted order, so the baseline is deterministic.
    let best = 0;
    for (let i = 1; i < classes.length; i++) if (classCounts[i] > classCounts[best]) best = i;
    const frame: FrameSummary = {
      ...base,
      classes,
      classCounts,
      baseline: { metric: 'accuracy', value: classCounts[best] / present.length, label: classes[best] },
    };
    const classOf = classIndexByRow(table, frame);
    const y = Int32Array.from(present, (r) => classOf[r]);
    return { ...frame, baselineScores: baselineScores(task, y, y, classes.length) };
  }

  const values = (column as Extract<Column, { kind: 'numeric' }>).values;
  let sum = 0;
  for (const r of present) sum += values[r];
  const mean = sum / present.length;
  let ss = 0;
  for (const r of present) ss += (values[r] - mean) ** 2;
  const y = Float64Array.from(present, (r) => values[r]);
  return {
    ...base,
    baseline: { metric: 'rmse', value: Math.sqrt(ss / present.length), mean },
    baselineScores: baselineScores(task, y, y),
  };
}

/** The defaults with the user's choices applied: dropped features move to the excluded list, added columns to the features. */
function applyChoices(
  table: Table,
  defaults: { features: string[]; excluded: ExcludedColumn[] },
  options: FrameOptions,
): { features: string[]; excluded: ExcludedColumn[]; added: ExcludedColumn[] } {
  const dropped = new Set(options.dropped ?? []);
  const wanted = new Set(options.added ?? []);
  const chosen = new Set(defaults.features.filter((f) => !dropped.has(f)));
  const excluded: ExcludedColumn[] = [];
  const added: ExcludedColumn[] = [];
  for (const e of defaults.excluded) {
    if (e.canAdd && wanted.has(e.name) && !dropped.has(e.name)) {
      chosen.add(e.name);
      added.push(e);
    } else excluded.push(e);
  }
  for (const f of defaults.features) if (!chosen.has(f)) excluded.push({ name: f, reason: 'left out by you', canAdd: true, byUser: true });
  // Table order, so the features read in the order of the data whatever order they were ticked in.
  const features = table.columns.map((c) => c.name).filter((name) => chosen.has(name));
  return { features, excluded, added };
}

/** Numeric features with ±Infinity cells, and how many. */
function nonFiniteFeatures(table: Table, features: readonly string[]): NonFiniteFeature[] {
  const out: NonFiniteFeature[] = [];
  for (const name of features) {
    const column = getColumn(table, name);
    if (!column || column.kind !== 'numeric') continue;
    let count = 0;
    let firstRow = -1;
    const v = column.values;
    for (let r = 0; r < v.length; r++) {
      if (v[r] === Infinity || v[r] === -Infinity) {
        if (count++ === 0) firstRow = r;
      }
    }
    if (count > 0) out.push({ feature: name, count, firstRow });
  }
  return out;
}

function requireColumn(table: Table, name: string): Column {
  const column = getColumn(table, name);
  if (!column) throw new UserError(`There is no column named "${name}"`, 'Check the spelling, or pick a column from the list.');
  return column;
}

function detectTask(column: Column): Task {
  if (column.kind === 'coded' || column.type === 'boolean') return 'classification';
  if (column.type === 'integer' && distinctCount(column, MAX_INTEGER_CLASSES) <= MAX_INTEGER_CLASSES) {
    return 'classification';
  }
  return 'regression';
}

function labelCounts(column: Column, rows: Int32Array): Map<string, number> {
  const counts = new Map<string, number>();
  if (column.kind === 'coded') {
    const byCode = new Float64Array(column.dictionary.length);
    for (const r of rows) byCode[column.codes[r]]++;
    byCode.forEach((c, code) => {
      if (c > 0) counts.set(column.dictionary[code], (counts.get(column.dictionary[code]) ?? 0) + c);
    });
    return counts;
  }
  const byValue = new Map<number, number>();
  for (const r of rows) byValue.set(column.values[r], (byValue.get(column.values[r]) ?? 0) + 1);
  for (const [v, c] of byValue) {
    // cellText renders booleans and dates the way the user reads them.
    const tmp: Column = { ...column, values: Float64Array.of(v) };
    const label = cellText(tmp, 0) as string;
    counts.set(label, (counts.get(label) ?? 0) + c);
  }
  return counts;
}

function sortLabels(column: Column, labels: string[]): string[] {
  if (column.kind === 'numeric' && column.type !== 'boolean' && column.type !== 'datetime') {
    return labels.sort((a, b) => Number(a) - Number(b));
  }
  // Code-point order, not localeCompare, so class order never depends on the user's locale.
  return labels.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Distinct non-missing values, counting no further than cap + 1. */
function distinctCount(column: Column, cap: number): number {
  if (column.kind === 'coded') {
    const seen = new Uint8Array(column.dictionary.length);
    let n = 0;
    for (const code of column.codes) {
      if (code >= 0 && !seen[code]) {
        seen[code] = 1;
        if (++n > cap) return n;
      }
    }
    return n;
  }
  const seen = new Set<number>();
  for (const v of column.values) {
    if (Number.isNaN(v) || seen.has(v)) continue;
    seen.add(v);
    if (seen.size > cap) return seen.size;
  }
  return seen.size;
}

function defaultFeatures(table: Table, target: string): { features: string[]; excluded: ExcludedColumn[] } {
  const features: string[] = [];
  const excluded: ExcludedColumn[] = [];
  for (const column of table.columns) {
    if (column.name === target) continue;
    const reason = exclusionReason(column, table.rowCount);
    // Identifier-like columns are usable (one-hot or numeric); the rest would give the model nothing.
    if (reason) excluded.push({ name: column.name, reason, ...(reason.startsWith('identifier-like') ? { canAdd: true } : {}) });
    else features.push(column.name);
  }
  return { features, excluded };
}

/** Fewer values than this and a run of whole numbers is as likely a small code as a row number. */
const ROW_NUMBER_MIN_ROWS = 20;

/**
 * A whole-number column that counts up by one from row to row (1, 2, 3, …): a row number or a database key,
 * which would let a model memorise row order rather than learn anything.
 */
function isRowNumber(column: Extract<Column, { kind: 'numeric' }>, present: number): boolean {
  if (column.type !== 'integer' || present < ROW_NUMBER_MIN_ROWS) return false;
  let previous = NaN;
  for (const v of column.values) {
    if (Number.isNaN(v)) continue;
    if (!Number.isNaN(previous) && v !== previous + 1) return false;
    previous = v;
  }
  return true;
}

function exclusionReason(column: Column, rowCount: number): string | null {
  let present = 0;
  let firstRow = -1;
  for (let r = 0; r < rowCount; r++) {
    const missing = column.kind === 'numeric' ? Number.isNaN(column.values[r]) : column.codes[r] < 0;
    if (!missing) {
      present++;
      if (firstRow < 0) firstRow = r;
    }
  }
  if (present === 0) return 'all values are missing';
  if (column.kind === 'coded' && column.type === 'identifier') {
    return distinctCount(column, present) === present
      ? 'identifier-like: every value is unique'
      : 'identifier-like: almost every value is unique';
  }
  if (column.kind === 'coded' && column.type === 'text') return 'free text: not usable as a feature yet';
  if (column.kind === 'numeric' && isRowNumber(column, present)) return 'identifier-like: counts up by one from row to row, like a row number';
  if (distinctCount(column, 1) === 1) return `constant: every value is ${cellText(column, firstRow)}`;
  return null;
}
