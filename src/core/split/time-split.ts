// Time-ordered splits: training rows always come strictly before the rows they are tested on.

import { UserError } from '../errors/user-error.ts';
import { ascendingOrder } from '../metrics/sort-order.ts';
import { checkFoldCount, toRowIds, type Fold, type FoldPlan } from './folds.ts';

export interface TimeSplitOptions {
  /** Row ids for the positions of `times`; the result then holds row ids. */
  rows?: Int32Array;
  /** Share of rows, just before the test rows, held out for validation (default 0: none). */
  validationFraction?: number;
}

export interface TimeSplit {
  train: Int32Array;
  test: Int32Array;
  /** Present when a validation share was asked for: between train and test in time. */
  validation?: Int32Array;
}

/**
 * The latest `testFraction` of rows (by time) become the test set. Rows with the same time stay on one side,
 * so every training time is strictly earlier than every test time: the cut moves to the nearest change of
 * time (the earlier one when two are equally near). `times` are numbers (epoch ms), none missing.
 */
export function timeSplit(times: ArrayLike<number>, testFraction: number, options: TimeSplitOptions = {}): TimeSplit {
  const validationFraction = options.validationFraction ?? 0;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new UserError(`The test share must be between 0% and 100% (got ${testFraction * 100}%)`);
  }
  if (!(validationFraction >= 0 && testFraction + validationFraction < 1)) {
    throw new UserError(
      `The validation and test shares must leave rows for training (got ${validationFraction * 100}% + ${testFraction * 100}%)`,
    );
  }
  const { order, starts } = timeOrder(times);
  const n = order.length;
  if (starts.length < 2) throw everyTimeEqual(n);
  const interior = starts.slice(1);
  const testStart = nearest(interior, n - Math.round(n * testFraction));
  let validationStart = testStart;
  if (validationFraction > 0) {
    const before = interior.filter((b) => b < testStart);
    if (before.length === 0) {
      throw new UserError(
        'Not enough distinct times for training, validation and test sets: the test rows start at the second time seen',
        'Lower the test share, or drop the validation set.',
      );
    }
    validationStart = nearest(before, n - Math.round(n * (testFraction + validationFraction)));
  }
  const out: TimeSplit = {
    train: toRowIds(order.slice(0, validationStart), options.rows),
    test: toRowIds(order.slice(testStart), options.rows),
  };
  if (validationFraction > 0) out.validation = toRowIds(order.slice(validationStart, testStart), options.rows);
  return out;
}

export interface TimeSeriesFoldsOptions {
  rows?: Int32Array;
}

/**
 * Expanding-window folds as scikit-learn's TimeSeriesSplit(n_splits=k) on the rows ordered by time: each test
 * block holds ⌊n/(k+1)⌋ rows, the last ends at the latest row, and fold i trains on everything before its
 * test block. Block edges that fall inside a run of equal times move to the nearest change of time (the
 * earlier when equally near), so train times are strictly before test times; edges that meet merge two
 * folds, and a warning says how many folds are left. With distinct times the folds equal sklearn's.
 */
export function timeSeriesFolds(times: ArrayLike<number>, k: number, options: TimeSeriesFoldsOptions = {}): FoldPlan {
  const n = times.length;
  if (!Number.isInteger(k) || k < 2) checkFoldCount(k, n, 'rows');
  // sklearn needs k + 1 blocks: the first one only ever trains.
  if (k + 1 > n) {
    throw new UserError(
      `Cannot make ${k} time-ordered folds from ${n} rows: that needs at least ${k + 1}`,
      `Use at most ${Math.max(1, n - 1)} folds.`,
    );
  }
  const { order, starts } = timeOrder(times);
  if (starts.length < 2) throw everyTimeEqual(n);
  const testSize = Math.floor(n / (k + 1));
  const edges: number[] = [];
  for (let i = 0; i < k; i++) edges.push(nearest(starts, n - (k - i) * testSize));
  edges.push(n);
  const folds: Fold[] = [];
  for (let i = 0; i < k; i++) {
    const from = edges[i];
    const to = edges[i + 1];
    // An edge snapped to 0 leaves nothing to train on; equal edges leave nothing to test.
    if (from === 0 || to <= from) continue;
    folds.push({ train: toRowIds(order.slice(0, from), options.rows), test: toRowIds(order.slice(from, to), options.rows) });
  }
  if (folds.length === 0) throw everyTimeEqual(n);
  const warnings: string[] = [];
  if (folds.length < k) {
    warnings.push(`Rows sharing a time are kept together, which left ${folds.length} folds instead of ${k}`);
  }
  return { folds, warnings };
}

/** Positions sorted by time (ties in no particular order: they stay together), and where each run of equal times starts. */
function timeOrder(times: ArrayLike<number>): { order: Int32Array; starts: number[] } {
  const n = times.length;
  let missing = 0;
  for (let i = 0; i < n; i++) if (Number.isNaN(times[i])) missing++;
  if (missing > 0) throw new Error(`${missing} positions have no time; drop them before splitting`);
  const order = ascendingOrder(times);
  const starts: number[] = [];
  for (let p = 0; p < n; p++) if (p === 0 || times[order[p]] !== times[order[p - 1]]) starts.push(p);
  return { order, starts };
}

/** The candidate closest to target; the earlier one on a tie. Candidates ascend. */
function nearest(candidates: number[], target: number): number {
  let best = candidates[0];
  for (const c of candidates) if (Math.abs(c - target) < Math.abs(best - target)) best = c;
  return best;
}

function everyTimeEqual(n: number): UserError {
  return new UserError(
    `All ${n} rows share one time, so no row comes before another`,
    'Pick a date column whose values vary, or split at random.',
  );
}
