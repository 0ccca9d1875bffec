// Group k-fold: rows of one group (a patient, a store, a user) are never split between training and testing.

import { checkFoldCount, foldsFromAssignment, type FoldPlan } from './folds.ts';

export interface GroupKFoldOptions {
  /** Row ids for the positions of `groups`; the folds then hold row ids. */
  rows?: Int32Array;
}

/**
 * scikit-learn's GroupKFold (1.2): groups are numbered in ascending order of their value, taken largest
 * first, and each goes to the fold with the fewest rows so far (the first such fold on a tie). Among groups
 * of equal size the higher-numbered one goes first, which is what numpy's argsort followed by a reversal
 * does whenever that sort is stable (always for up to 16 groups); beyond that numpy leaves the order of
 * ties unspecified and this fixes it. `groups` holds any numbers (dictionary codes, values); NaN is not
 * allowed: the caller decides what a missing group means.
 */
export function groupKFold(groups: ArrayLike<number>, k: number, options: GroupKFoldOptions = {}): FoldPlan {
  const n = groups.length;
  const values: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    const g = groups[i];
    if (Number.isNaN(g)) throw new Error(`Group of position ${i} is missing`);
    if (!seen.has(g)) {
      seen.add(g);
      values.push(g);
    }
  }
  checkFoldCount(k, values.length, 'groups');
  values.sort((a, b) => a - b);
  const index = new Map<number, number>();
  values.forEach((v, i) => index.set(v, i));
  const groupOf = new Int32Array(n);
  const sizes = new Float64Array(values.length);
  for (let i = 0; i < n; i++) {
    groupOf[i] = index.get(groups[i]) as number;
    sizes[groupOf[i]]++;
  }
  // Stable ascending by size, then reversed: largest first, ties by descending group number.
  const bySize = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => sizes[a] - sizes[b] || a - b);
  bySize.reverse();
  const foldRows = new Float64Array(k);
  const foldOf = new Int32Array(values.length);
  for (const g of bySize) {
    let lightest = 0;
    for (let f = 1; f < k; f++) if (foldRows[f] < foldRows[lightest]) lightest = f;
    foldRows[lightest] += sizes[g];
    foldOf[g] = lightest;
  }
  const assignment = Int32Array.from(groupOf, (g) => foldOf[g]);
  return { folds: foldsFromAssignment(assignment, k, options.rows), warnings: [] };
}
