// Scores a model's test-set output and puts it beside a baseline learned from the training rows.

import type { FrameSummary, Task } from '../frame/frame.ts';
import { accuracy, argmaxRows, confusionMatrix } from './classification.ts';
import { mae, r2, rmse } from './regression.ts';

export type Evaluation =
  | {
      task: 'classification';
      n: number;
      metrics: { accuracy: number };
      /** Rows are true classes, columns predicted, in the order of `classes`. */
      confusion: number[][];
      classes: string[];
      /** Always predicting the training majority class, scored on the test rows. */
      baseline: { metric: 'accuracy'; value: number; label: string };
    }
  | {
      task: 'regression';
      n: number;
      metrics: { rmse: number; mae: number; r2: number };
      /** Always predicting the training mean, scored on the test rows. */
      baseline: { metric: 'rmse'; value: number; mean: number };
    };

/**
 * @param yTrue encoded test targets (class indices or values), as from encodeTarget
 * @param output class probabilities (n × k, row-major) or class indices / values (n)
 * @param yTrain encoded training targets: the baseline is fitted on these, never on the test rows
 */
export function evaluatePredictions(
  frame: FrameSummary,
  yTrue: ArrayLike<number>,
  output: ArrayLike<number>,
  yTrain: ArrayLike<number>,
): Evaluation {
  const n = yTrue.length;
  const task: Task = frame.task;
  if (task === 'classification') {
    const classes = frame.classes ?? [];
    const k = classes.length;
    let yPred: ArrayLike<number>;
    if (output.length === n * k && k > 1) yPred = argmaxRows(output, n, k);
    else if (output.length === n) yPred = output;
    else throw new Error(`Expected ${n * k} probabilities or ${n} predictions, got ${output.length}`);
    const trainCounts = new Array<number>(k).fill(0);
    for (let i = 0; i < yTrain.length; i++) trainCounts[yTrain[i]]++;
    let majority = 0;
    for (let c = 1; c < k; c++) if (trainCounts[c] > trainCounts[majority]) majority = c;
    let hits = 0;
    for (let i = 0; i < n; i++) if (yTrue[i] === majority) hits++;
    return {
      task,
      n,
      metrics: { accuracy: accuracy(yTrue, yPred) },
      confusion: confusionMatrix(yTrue, yPred, k),
      classes,
      baseline: { metric: 'accuracy', value: n ? hits / n : NaN, label: classes[majority] },
    };
  }
  if (output.length !== n) throw new Error(`Expected ${n} predictions, got ${output.length}`);
  let mean = 0;
  for (let i = 0; i < yTrain.length; i++) mean += yTrain[i];
  mean = yTrain.length ? mean / yTrain.length : NaN;
  return {
    task,
    n,
    metrics: { rmse: rmse(yTrue, output), mae: mae(yTrue, output), r2: r2(yTrue, output) },
    baseline: { metric: 'rmse', value: rmse(yTrue, new Float64Array(n).fill(mean)), mean },
  };
}
