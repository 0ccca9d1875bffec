// The baseline to beat, under every metric: the training majority class (with the class prior as probabilities) or the training mean.

import type { Task } from '../frame/frame.ts';
import { scoreMetrics, type Scores } from './registry.ts';

export interface BaselinePredictor {
  task: Task;
  /** Classification: the most frequent training class (the lowest index on a tie). */
  majority?: number;
  /** Classification: training class shares, the probabilities the baseline gives every row. */
  prior?: Float64Array;
  /** Regression: the training mean. */
  mean?: number;
}

/** Fits the baseline on training targets (class indices 0..k-1, or values). */
export function fitBaseline(task: Task, yTrain: ArrayLike<number>, k = 0): BaselinePredictor {
  if (task === 'regression') {
    let sum = 0;
    for (let i = 0; i < yTrain.length; i++) sum += yTrain[i];
    return { task, mean: yTrain.length ? sum / yTrain.length : NaN };
  }
  const counts = new Float64Array(k);
  for (let i = 0; i < yTrain.length; i++) counts[yTrain[i]]++;
  let majority = 0;
  for (let c = 1; c < k; c++) if (counts[c] > counts[majority]) majority = c;
  const prior = counts.map((c) => (yTrain.length ? c / yTrain.length : 1 / k));
  return { task, majority, prior };
}

/** The baseline's output for n rows, in the shape a model gives: n × k probabilities, or n values. */
export function baselineOutput(baseline: BaselinePredictor, n: number): Float64Array {
  if (baseline.task === 'regression') return new Float64Array(n).fill(baseline.mean as number);
  const prior = baseline.prior as Float64Array;
  const k = prior.length;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) out.set(prior, i * k);
  return out;
}

/**
 * Every metric of the task for the baseline fitted on yTrain and scored on yTrue. Its labels are always the
 * majority class (the argmax of the prior, ties to the lower index), so accuracy equals the majority share.
 */
export function baselineScores(task: Task, yTrain: ArrayLike<number>, yTrue: ArrayLike<number>, k = 0): Scores {
  const baseline = fitBaseline(task, yTrain, k);
  const n = yTrue.length;
  if (task === 'regression') return scoreMetrics({ task, yTrue, predicted: baselineOutput(baseline, n), k: 0 });
  return scoreMetrics({
    task,
    yTrue,
    predicted: new Int32Array(n).fill(baseline.majority as number),
    probs: baselineOutput(baseline, n),
    k,
  });
}
