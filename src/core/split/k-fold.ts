// Plain k-fold cross-validation: contiguous blocks of rows, optionally shuffled first (scikit-learn's KFold).

import { createRng, shuffleInPlace } from '../random.ts';
import { checkFoldCount, foldsFromAssignment, type FoldPlan } from './folds.ts';

export interface KFoldOptions {
  /** Shuffle the rows before cutting them into blocks (default false: the data's own order). */
  shuffle?: boolean;
  /** Seed for the shuffle; ignored without it. */
  seed?: number;
}

/**
 * Cuts n rows (or the given row ids) into k test folds as KFold does: the first n % k folds hold
 * ⌊n/k⌋ + 1 rows, the rest ⌊n/k⌋; each fold trains on all the other rows. Without shuffling the folds are
 * exactly scikit-learn's; with it they are a seeded permutation of the same sizes.
 */
export function kFold(nOrRows: number | Int32Array, k: number, options: KFoldOptions = {}): FoldPlan {
  const rows = typeof nOrRows === 'number' ? undefined : nOrRows;
  const n = typeof nOrRows === 'number' ? nOrRows : nOrRows.length;
  checkFoldCount(k, n, 'rows');
  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (options.shuffle) shuffleInPlace(order, createRng(options.seed ?? 0));
  const assignment = new Int32Array(n);
  const base = Math.floor(n / k);
  const extra = n % k;
  let at = 0;
  for (let f = 0; f < k; f++) {
    const size = base + (f < extra ? 1 : 0);
    for (let i = 0; i < size; i++) assignment[order[at++]] = f;
  }
  return { folds: foldsFromAssignment(assignment, k, rows), warnings: [] };
}
