// Counts of true and false positives at every distinct score threshold: the basis of ROC and precision-recall curves.

import { UserError } from '../errors/user-error.ts';
import { ascendingOrder } from './sort-order.ts';

export interface ThresholdCounts {
  /** Negatives scored ≥ thresholds[i]. */
  fps: Float64Array;
  /** Positives scored ≥ thresholds[i]; tps[last] is the number of positives. */
  tps: Float64Array;
  /** Distinct scores, decreasing. */
  thresholds: Float64Array;
}

/**
 * scikit-learn's _binary_clf_curve: rows sorted by decreasing score, one point at the last row of each run
 * of equal scores. `positive[i]` is truthy for the positive class.
 */
export function binaryClfCurve(positive: ArrayLike<number | boolean>, scores: ArrayLike<number>): ThresholdCounts {
  const n = scores.length;
  if (positive.length !== n) throw new Error(`Length mismatch: ${positive.length} labels, ${n} scores`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(scores[i])) {
      throw new UserError(
        `The model gave a non-finite score (${scores[i]}) for test row ${i + 1}`,
        'Training probably diverged: lower the learning rate, or scale the features.',
      );
    }
  }
  // Walk from the highest score down; the order within a run of equal scores does not change the counts.
  const order = ascendingOrder(scores);
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  for (let j = n - 1; j >= 0; j--) {
    const i = order[j];
    if (positive[i]) tp++;
    if (j === 0 || scores[order[j - 1]] !== scores[i]) {
      const seen = n - j;
      tps.push(tp);
      fps.push(seen - tp);
      thresholds.push(scores[i]);
    }
  }
  return { fps: Float64Array.from(fps), tps: Float64Array.from(tps), thresholds: Float64Array.from(thresholds) };
}
