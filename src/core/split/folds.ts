// The shape every cross-validation scheme returns: train/test row lists per fold, plus warnings for the user.

import { UserError } from '../errors/user-error.ts';

export interface Fold {
  /** Ascending row ids (or positions when no row ids were given). */
  train: Int32Array;
  /** Ascending row ids, disjoint from train. */
  test: Int32Array;
}

export interface FoldPlan {
  folds: Fold[];
  /** Things the user should know but that do not stop the split (a rare class, folds merged by ties). */
  warnings: string[];
}

/**
 * Turns a fold number per position into folds: fold f tests the positions assigned f and trains on every
 * other assigned position. Positions assigned -1 take part in no fold. `rows` maps positions to row ids
 * (ascending, as rowsWithTarget gives them), so the folds come out sorted either way.
 */
export function foldsFromAssignment(assignment: Int32Array, k: number, rows?: Int32Array): Fold[] {
  const n = assignment.length;
  if (rows && rows.length !== n) throw new Error(`Expected ${n} row ids, got ${rows.length}`);
  const sizes = new Int32Array(k);
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    const f = assignment[i];
    if (f >= 0) {
      sizes[f]++;
      assigned++;
    }
  }
  const resort = rows !== undefined && !isAscending(rows);
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const test = new Int32Array(sizes[f]);
    const train = new Int32Array(assigned - sizes[f]);
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      const g = assignment[i];
      if (g < 0) continue;
      const id = rows ? rows[i] : i;
      if (g === f) test[b++] = id;
      else train[a++] = id;
    }
    // Row ids may arrive in any order; the contract is ascending.
    if (resort) {
      test.sort();
      train.sort();
    }
    folds.push({ train, test });
  }
  return folds;
}

/** Rejects a fold count that is not a whole number of at least 2, or more folds than there are units to spread. */
export function checkFoldCount(k: number, units: number, unitName: string): void {
  if (!Number.isInteger(k) || k < 2) {
    throw new UserError(`Cross-validation needs a whole number of folds, at least 2 (got ${k})`, 'Use 5 or 10 folds.');
  }
  if (k > units) {
    throw new UserError(
      `Cannot make ${k} folds from ${units} ${unitName}: each fold needs at least one`,
      `Use at most ${units} folds${units >= 2 ? '' : ', or add data'}.`,
    );
  }
}

/** Maps positions (in any order) to row ids, sorted ascending as the Fold contract promises. */
export function toRowIds(positions: Int32Array, rows?: Int32Array): Int32Array {
  const out = rows ? Int32Array.from(positions, (p) => rows[p]) : positions.slice();
  return isAscending(out) ? out : out.sort();
}

function isAscending(a: Int32Array): boolean {
  for (let i = 1; i < a.length; i++) if (a[i] < a[i - 1]) return false;
  return true;
}
