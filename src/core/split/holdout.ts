// Splits the rows that have a target into training, test and (optionally) validation sets, stratified by class when asked.

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
  /**
   * Share of rows held out for validation (early stopping, model choice), 0 or absent for none. The test rows
   * are the same as without it for a given seed: validation rows come out of what would have been training.
   */
  validationFraction?: number;
}

export interface HoldoutSplit {
  train: Int32Array;
  test: Int32Array;
  /** Present when validationFraction > 0. */
  validation?: Int32Array;
}

export function holdoutSplit(table: Table, frame: FrameSummary, opts: HoldoutOptions): HoldoutSplit {
  const { testFraction } = opts;
  const validationFraction = opts.validationFraction ?? 0;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new UserError(`The test share must be between 0% and 100% (got ${testFraction * 100}%)`);
  }
  if (!(validationFraction >= 0 && testFraction + validationFraction < 1)) {
    throw new UserError(
      `The validation and test shares must leave rows for training (got ${pct(validationFraction)} + ${pct(testFraction)})`,
      'Lower the validation or test share.',
    );
  }
  const rows = rowsWithTarget(table, frame.target);
  const rng = createRng(opts.seed);
  // 0 train, 1 test, 2 validation.
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
      if (validationFraction > 0) {
        // Likewise a class with rows to spare gets one validation row, and always keeps one for training.
        const spare = shuffled.length - nTest;
        const nValidation = spare >= 2 ? Math.min(Math.max(Math.round(shuffled.length * validationFraction), 1), spare - 1) : 0;
        for (let i = nTest; i < nTest + nValidation; i++) isTest[shuffled[i]] = 2;
      }
    }
  } else {
    const shuffled = shuffleInPlace(rows.slice(), rng);
    const nTest = Math.round(shuffled.length * testFraction);
    for (let i = 0; i < nTest; i++) isTest[shuffled[i]] = 1;
    const nValidation = Math.min(Math.round(shuffled.length * validationFraction), shuffled.length - nTest);
    for (let i = nTest; i < nTest + nValidation; i++) isTest[shuffled[i]] = 2;
  }

  // Walking the ascending row list keeps every side sorted without a sort.
  const sizes = [0, 0, 0];
  for (const r of rows) sizes[isTest[r]]++;
  const train = new Int32Array(sizes[0]);
  const test = new Int32Array(sizes[1]);
  const validation = new Int32Array(sizes[2]);
  const sides = [train, test, validation];
  const at = [0, 0, 0];
  for (const r of rows) {
    const side = isTest[r];
    sides[side][at[side]++] = r;
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
      validationFraction > 0 ? 'Lower the test or validation share, or add rows.' : 'Lower the test share or add rows.',
    );
  }
  if (validationFraction > 0 && validation.length === 0) {
    throw new UserError(
      `The validation set would be empty: ${rows.length} rows with a target and a ${pct(validationFraction)} validation share`,
      'Raise the validation share or add rows.',
    );
  }
  return validationFraction > 0 ? { train, test, validation } : { train, test };
}

function pct(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}
