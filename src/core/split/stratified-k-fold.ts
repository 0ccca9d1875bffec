// Stratified k-fold: every class spread as evenly as possible over the test folds (scikit-learn's StratifiedKFold).

import { UserError } from '../errors/user-error.ts';
import { createRng } from '../random.ts';
import { checkFoldCount, foldsFromAssignment, type FoldPlan } from './folds.ts';

export interface StratifiedKFoldOptions {
  /** Shuffle which rows of a class go to which fold (default false: blocks in row order, as sklearn). */
  shuffle?: boolean;
  seed?: number;
  /** Row ids for the positions of `classes`; the folds then hold row ids. */
  rows?: Int32Array;
  /** Names of the class labels, for messages (label value → name). */
  classNames?: readonly string[];
}

/**
 * Allocates rows to folds exactly as StratifiedKFold (scikit-learn 1.2): classes are numbered by first
 * appearance, the rows sorted by that number are dealt round-robin to the k folds to fix how many of each
 * class every fold tests (so per class the fold counts differ by at most 1), and each class's rows then
 * take their folds in blocks, in row order (or shuffled with the seed).
 *
 * A class with fewer rows than folds is allowed, as in sklearn, with a warning: some test folds will not
 * contain it. When every class is smaller than k, sklearn refuses, and so does this (a UserError).
 */
export function stratifiedKFold(classes: ArrayLike<number>, k: number, options: StratifiedKFoldOptions = {}): FoldPlan {
  const n = classes.length;
  checkFoldCount(k, n, 'rows');
  // Classes by order of first appearance, as sklearn encodes them before allocating.
  const encode = new Map<number, number>();
  const labels: number[] = [];
  const encoded = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = classes[i];
    let c = encode.get(label);
    if (c === undefined) {
      c = labels.length;
      encode.set(label, c);
      labels.push(label);
    }
    encoded[i] = c;
  }
  const nClasses = labels.length;
  const counts = new Int32Array(nClasses);
  for (let i = 0; i < n; i++) counts[encoded[i]]++;
  const name = (c: number): string => {
    const label = labels[c];
    return options.classNames?.[label] ?? String(label);
  };
  let smallest = 0;
  let largest = 0;
  for (let c = 1; c < nClasses; c++) {
    if (counts[c] < counts[smallest]) smallest = c;
    if (counts[c] > counts[largest]) largest = c;
  }
  if (counts[largest] < k) {
    throw new UserError(
      `Stratified ${k}-fold cross-validation needs at least one class with ${k} rows; ` +
        `the largest, "${name(largest)}", has ${counts[largest]}`,
      'Use fewer folds, or plain k-fold.',
    );
  }
  const warnings: string[] = [];
  if (counts[smallest] < k) {
    warnings.push(
      `Class "${name(smallest)}" has only ${counts[smallest]} rows, fewer than the ${k} folds: some test folds will not contain it`,
    );
  }

  // allocation[f * nClasses + c]: rows of class c tested in fold f. Dealing the class-sorted rows round-robin
  // is sklearn's construction; from the counts it is: position p of the sorted list goes to fold p % k.
  const allocation = new Int32Array(k * nClasses);
  let start = 0;
  for (let c = 0; c < nClasses; c++) {
    for (let p = start; p < start + counts[c]; p++) allocation[(p % k) * nClasses + c]++;
    start += counts[c];
  }

  const rng = options.shuffle ? createRng(options.seed ?? 0) : null;
  const foldsForClass: Int32Array[] = [];
  for (let c = 0; c < nClasses; c++) {
    const blocks = new Int32Array(counts[c]);
    let at = 0;
    for (let f = 0; f < k; f++) for (let j = 0; j < allocation[f * nClasses + c]; j++) blocks[at++] = f;
    if (rng) {
      for (let i = blocks.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        const t = blocks[i];
        blocks[i] = blocks[j];
        blocks[j] = t;
      }
    }
    foldsForClass.push(blocks);
  }
  const next = new Int32Array(nClasses);
  const assignment = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = encoded[i];
    assignment[i] = foldsForClass[c][next[c]++];
  }
  return { folds: foldsFromAssignment(assignment, k, options.rows), warnings };
}
