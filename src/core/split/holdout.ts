// Splits the rows that have a target into a training and a test set, stratified by class when asked.

import { UserError } from '../errors/user-error.ts';
import { classIndexByRow, rowsWithTarget, type FrameSummary } from '../frame/frame.ts';
import { createRng, shuffleInPlace } from '../random.ts';
import type { Table } from '../table/table.ts';

export interface HoldoutOptions {
  /** Share of rows held out for testing, strictly between 0 and 1. */
  testFraction: number;
  /** Keep class proportions in both sides (classification only; ignored for regression). */
  stratify: boolean;
  seed: number;
}

export interface HoldoutSplit {
  train: Int32Array;
  test: Int32Array;
}

export function holdoutSplit(table: Table, frame: FrameSummary, opts: HoldoutOptions): HoldoutSplit {
  const { testFraction } = opts;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new UserError(`The test share must be between 0% and 100% (got ${testFraction * 100}%)`);
  }
  const rows = rowsWithTarget(table, frame.target);
  const rng = createRng(opts.seed);
  const isTest = new Uint8Array(table.rowCount);

  if (opts.stratify && frame.task === 'classification') {
    const classOf = classIndexByRow(table, frame);
    const k = frame.classes?.length ?? 0;
    const groups: number[][] = Array.from({ length: k }, () => []);
    for (const r of rows) {
      // A label outside frame.classes means the frame came from another table.
      if (classOf[r] < 0) throw new UserError(`Row ${r + 1} has a "${frame.target}" value the frame does not know; analyse the target again`);
      groups[classOf[r]].push(r);
    }
    for (const group of groups) {
      const shuffled = shuffleInPlace(Int32Array.from(group), rng);
      let nTest = Math.round(shuffled.length * testFraction);
      // A class with two or more rows must be seen in training and checked in testing.
      if (shuffled.length >= 2) nTest = Math.min(Math.max(nTest, 1), shuffled.length - 1);
      else nTest = 0;
      for (let i = 0; i < nTest; i++) isTest[shuffled[i]] = 1;
    }
  } else {
    const shuffled = shuffleInPlace(rows.slice(), rng);
    const nTest = Math.round(shuffled.length * testFraction);
    for (let i = 0; i < nTest; i++) isTest[shuffled[i]] = 1;
  }

  // Walking the ascending row list keeps both sides sorted without a sort.
  let nTest = 0;
  for (const r of rows) nTest += isTest[r];
  const train = new Int32Array(rows.length - nTest);
  const test = new Int32Array(nTest);
  let a = 0;
  let b = 0;
  for (const r of rows) {
    if (isTest[r]) test[b++] = r;
    else train[a++] = r;
  }
  if (test.length === 0) {
    throw new UserError(
      `The test set would be empty: ${rows.length} rows with a target and a ${Math.round(testFraction * 100)}% test share`,
      'Raise the test share or add rows.',
    );
  }
  if (train.length === 0) {
    throw new UserError(
      `The training set would be empty: ${rows.length} rows with a target and a ${Math.round(testFraction * 100)}% test share`,
      'Lower the test share or add rows.',
    );
  }
  return { train, test };
}
