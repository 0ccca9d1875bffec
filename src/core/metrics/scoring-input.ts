// What every metric reads: true values, predicted labels or values, and class probabilities when the model gives them.

import type { Task } from '../frame/frame.ts';
import { argmaxRows } from './classification.ts';

export interface ScoringInput {
  task: Task;
  /** Class indices (classification) or true values (regression). */
  yTrue: ArrayLike<number>;
  /** Predicted class indices or predicted values, one per row. */
  predicted: ArrayLike<number>;
  /** Row-major n × k class probabilities; absent when the model gives labels only. */
  probs?: ArrayLike<number>;
  /** Number of classes (classification). */
  k: number;
}

/**
 * Reads a model's output the way evaluatePredictions does: for classification either n × k probabilities
 * (labels are their argmax) or n class indices; for regression n values.
 */
export function toScoringInput(task: Task, yTrue: ArrayLike<number>, output: ArrayLike<number>, k = 0): ScoringInput {
  const n = yTrue.length;
  if (task === 'regression') {
    if (output.length !== n) throw new Error(`Expected ${n} predictions, got ${output.length}`);
    return { task, yTrue, predicted: output, k: 0 };
  }
  if (k > 1 && n > 0 && output.length === n * k) return { task, yTrue, predicted: argmaxRows(output, n, k), probs: output, k };
  if (output.length === n) return { task, yTrue, predicted: output, k };
  throw new Error(`Expected ${n * k} probabilities or ${n} predicted classes, got ${output.length}`);
}
