// A hold-out split by group: whole groups go to the test set, chosen at random with a seed.

import { UserError } from '../errors/user-error.ts';
import { createRng } from '../random.ts';
import { toRowIds } from './folds.ts';

export interface GroupHoldoutOptions {
  seed: number;
  /** Row ids for the positions of `groups`; the result then holds row ids. */
  rows?: Int32Array;
}

/**
 * Shuffles the distinct groups with the seed and moves them, in that order, into the test set until it holds
 * at least round(n × testFraction) rows; at least one group lands on each side. The test share is therefore
 * approximate (whole groups) and never below the asked share unless that would leave no training group.
 */
export function groupHoldout(
  groups: ArrayLike<number>,
  testFraction: number,
  options: GroupHoldoutOptions,
): { train: Int32Array; test: Int32Array } {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new UserError(`The test share must be between 0% and 100% (got ${testFraction * 100}%)`);
  }
  const n = groups.length;
  const sizes = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const g = groups[i];
    if (Number.isNaN(g)) throw new Error(`Group of position ${i} is missing`);
    sizes.set(g, (sizes.get(g) ?? 0) + 1);
  }
  if (sizes.size < 2) {
    throw new UserError(
      `A group split needs at least two groups; there ${sizes.size === 1 ? 'is one' : 'are none'}`,
      'Pick a column with several groups, or split at random.',
    );
  }
  // Sorted first so the seed alone fixes the order, whatever order the groups appear in.
  const order = [...sizes.keys()].sort((a, b) => a - b);
  const rng = createRng(options.seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const target = Math.max(1, Math.round(n * testFraction));
  const inTest = new Set<number>();
  let testRows = 0;
  for (const g of order) {
    if (testRows >= target || inTest.size === order.length - 1) break;
    inTest.add(g);
    testRows += sizes.get(g) as number;
  }
  const train = new Int32Array(n - testRows);
  const test = new Int32Array(testRows);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (inTest.has(groups[i])) test[b++] = i;
    else train[a++] = i;
  }
  return { train: toRowIds(train, options.rows), test: toRowIds(test, options.rows) };
}
