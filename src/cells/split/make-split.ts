// Makes the Split cell's split in the data worker: a hold-out test set by the chosen method, optional
// cross-validation folds over the remaining rows, a summary of every part, and the shared-duplicates check.
import { UserError } from '../../core/errors/user-error';
import { classIndexByRow, rowsWithTarget, type FrameSummary } from '../../core/frame/frame';
import type { Fold } from '../../core/split/folds';
import { columnKeys, columnTimes } from '../../core/split/cross-validation';
import { groupHoldout } from '../../core/split/group-holdout';
import { groupKFold } from '../../core/split/group-k-fold';
import { holdoutSplit } from '../../core/split/holdout';
import { kFold } from '../../core/split/k-fold';
import { sharedDuplicateRows } from '../../core/split/shared-duplicates';
import { stratifiedKFold } from '../../core/split/stratified-k-fold';
import { timeSeriesFolds, timeSplit } from '../../core/split/time-split';
import { getColumn, type Table } from '../../core/table/table';

export type SplitMethod = 'holdout' | 'kfold' | 'stratified' | 'group' | 'time';

export interface SplitRequest {
  method: SplitMethod;
  /** Share of rows held out for the final test, 0 < t < 1, whatever the method. */
  testFraction: number;
  /** Share held out for validation (hold-out and time-ordered only); 0 for none. */
  validationFraction: number;
  /** Keep class shares in the test hold-out (classification; hold-out and k-fold). */
  stratify: boolean;
  seed: number;
  /** Folds over the non-test rows: always for kfold and stratified; for group and time when `folds` is set. */
  k: number;
  folds: boolean;
  /** The group column (group) or date column (time). */
  column?: string;
}

/** One part of a split (train, validation, test, or a fold's test rows) as the summary chart shows it. */
export interface PartSummary {
  name: string;
  rows: number;
  /** Rows per class, in the frame's class order (classification). */
  classCounts?: number[];
  /** Target mean and population standard deviation (regression). */
  mean?: number;
  std?: number;
  /** Distinct groups (group method). */
  groups?: number;
  /** Earliest and latest time, epoch ms or the column's numbers (time method). */
  timeRange?: [number, number];
}

export interface SplitResult {
  method: SplitMethod;
  train: Int32Array;
  test: Int32Array;
  validation?: Int32Array;
  /** Cross-validation folds over train (+ validation) rows; the test rows take part in none. */
  folds?: Fold[];
  stratified: boolean;
  /** Train, validation (when any) and test. */
  parts: PartSummary[];
  /** Each fold's test rows. */
  foldParts?: PartSummary[];
  /** Test rows whose feature values equal a training row's. */
  sharedDuplicates: { count: number; examples: { test: number; train: number }[] };
  warnings: string[];
}

const EXAMPLES = 5;

export function makeSplit(table: Table, frame: FrameSummary, request: SplitRequest): SplitResult {
  const classification = frame.task === 'classification';
  const warnings: string[] = [];
  const { method } = request;
  let train: Int32Array;
  let test: Int32Array;
  let validation: Int32Array | undefined;
  let folds: Fold[] | undefined;
  let stratified = false;

  if (method === 'holdout' || method === 'kfold' || method === 'stratified') {
    stratified = classification && (request.stratify || method === 'stratified');
    const s = holdoutSplit(table, frame, {
      testFraction: request.testFraction,
      stratify: stratified,
      seed: request.seed,
      validationFraction: method === 'holdout' ? request.validationFraction : 0,
    });
    ({ train, test, validation } = s);
    if (method !== 'holdout') folds = cvFolds(table, frame, request, train, warnings);
  } else {
    const rows = rowsWithTarget(table, frame.target);
    if (method === 'group') {
      const s = groupHoldout(columnKeys(table, request.column, rows, 'group'), request.testFraction, { seed: request.seed, rows });
      ({ train, test } = s);
      if (request.folds) folds = groupKFold(columnKeys(table, request.column, train, 'group'), request.k, { rows: train }).folds;
    } else {
      const s = timeSplit(columnTimes(table, request.column, rows), request.testFraction, {
        rows,
        validationFraction: request.validationFraction,
      });
      ({ train, test, validation } = s);
      if (request.folds) {
        const plan = timeSeriesFolds(columnTimes(table, request.column, train), request.k, { rows: train });
        warnings.push(...plan.warnings);
        folds = plan.folds;
      }
    }
  }

  const describe = partDescriber(table, frame, request);
  const parts = [describe('Train', train)];
  if (validation) parts.push(describe('Validation', validation));
  parts.push(describe('Test', test));
  const fitted = validation ? mergeAscending(train, validation) : train;
  const shared = sharedDuplicateRows(table, fitted, test, frame.features);
  const result: SplitResult = {
    method,
    train,
    test,
    stratified,
    parts,
    sharedDuplicates: {
      count: shared.count,
      examples: Array.from(shared.testRows.subarray(0, EXAMPLES), (t, i) => ({ test: t, train: shared.trainRows[i] })),
    },
    warnings,
  };
  if (validation) result.validation = validation;
  if (folds) {
    result.folds = folds;
    result.foldParts = folds.map((f, i) => describe(`Fold ${i + 1}`, f.test));
  }
  return result;
}

/** k folds over the training rows: plain (shuffled with the seed) or stratified by class. */
function cvFolds(table: Table, frame: FrameSummary, request: SplitRequest, train: Int32Array, warnings: string[]): Fold[] {
  if (request.method === 'stratified' && frame.task === 'classification') {
    const classOf = classIndexByRow(table, frame);
    const plan = stratifiedKFold(
      Int32Array.from(train, (r) => classOf[r]),
      request.k,
      { shuffle: true, seed: request.seed, rows: train, classNames: frame.classes },
    );
    warnings.push(...plan.warnings);
    return plan.folds;
  }
  if (request.method === 'stratified') warnings.push('Stratified folds need classes; this regression target was split with plain k-fold');
  return kFold(train, request.k, { shuffle: true, seed: request.seed }).folds;
}

function partDescriber(table: Table, frame: FrameSummary, request: SplitRequest): (name: string, rows: Int32Array) => PartSummary {
  const k = frame.classes?.length ?? 0;
  const classOf = frame.task === 'classification' ? classIndexByRow(table, frame) : undefined;
  const target = getColumn(table, frame.target);
  const by = request.method === 'group' || request.method === 'time' ? getColumn(table, request.column ?? '') : undefined;
  if ((request.method === 'group' || request.method === 'time') && !by) throw new UserError(`Pick a ${request.method === 'group' ? 'group' : 'date'} column for this split`);
  return (name, rows) => {
    const part: PartSummary = { name, rows: rows.length };
    if (classOf) {
      const counts = new Array<number>(k).fill(0);
      for (const r of rows) counts[classOf[r]]++;
      part.classCounts = counts;
    } else if (target?.kind === 'numeric') {
      let sum = 0;
      for (const r of rows) sum += target.values[r];
      const mean = rows.length ? sum / rows.length : NaN;
      let ss = 0;
      for (const r of rows) ss += (target.values[r] - mean) ** 2;
      part.mean = mean;
      part.std = rows.length ? Math.sqrt(ss / rows.length) : NaN;
    }
    if (by && request.method === 'group') {
      const seen = new Set<number>();
      for (const r of rows) seen.add(by.kind === 'coded' ? by.codes[r] : by.values[r]);
      part.groups = seen.size;
    }
    if (by && request.method === 'time' && by.kind === 'numeric' && rows.length) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const r of rows) {
        const v = by.values[r];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      part.timeRange = [lo, hi];
    }
    return part;
  };
}

function mergeAscending(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out.sort();
}
