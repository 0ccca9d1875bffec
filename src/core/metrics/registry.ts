// The metrics a user can choose as "the metric that matters": names, labels, direction, and how each is computed.

import { UserError } from '../errors/user-error.ts';
import type { Task } from '../frame/frame.ts';
import { accuracy, balancedAccuracy } from './classification.ts';
import { logLoss } from './log-loss.ts';
import { f1Score } from './precision-recall-f1.ts';
import { mae, mape, r2, rmse } from './regression.ts';
import { rocAucOvr } from './roc.ts';
import type { ScoringInput } from './scoring-input.ts';

export type MetricName = 'accuracy' | 'balanced_accuracy' | 'f1' | 'roc_auc' | 'log_loss' | 'rmse' | 'mae' | 'r2' | 'mape';

export type Scores = Partial<Record<MetricName, number>>;

export interface MetricInfo {
  name: MetricName;
  /** As shown to the user. */
  label: string;
  task: Task;
  higherIsBetter: boolean;
  /** Needs class probabilities, not just predicted labels. */
  needsProbabilities: boolean;
  /** 'percent': a share in [0, 1] shown as a percentage; 'number': shown as is (in the target's units, or a loss). */
  format: 'percent' | 'number';
  /** One line for a tooltip. */
  description: string;
}

export const METRICS: readonly MetricInfo[] = [
  {
    name: 'accuracy',
    label: 'Accuracy',
    task: 'classification',
    higherIsBetter: true,
    needsProbabilities: false,
    format: 'percent',
    description: 'Share of rows whose class is predicted correctly.',
  },
  {
    name: 'balanced_accuracy',
    label: 'Balanced accuracy',
    task: 'classification',
    higherIsBetter: true,
    needsProbabilities: false,
    format: 'percent',
    description: 'Mean of the recall of each class: every class counts alike, however rare.',
  },
  {
    name: 'f1',
    label: 'F1',
    task: 'classification',
    higherIsBetter: true,
    needsProbabilities: false,
    format: 'percent',
    description: 'Harmonic mean of precision and recall: for the positive class with two classes, the macro average with more.',
  },
  {
    name: 'roc_auc',
    label: 'ROC AUC',
    task: 'classification',
    higherIsBetter: true,
    needsProbabilities: true,
    format: 'number',
    description:
      'Chance that a random positive is scored above a random negative (one class against the rest, averaged, with more than two).',
  },
  {
    name: 'log_loss',
    label: 'Log loss',
    task: 'classification',
    higherIsBetter: false,
    needsProbabilities: true,
    format: 'number',
    description: 'Mean −log of the probability given to the true class: punishes confident mistakes.',
  },
  {
    name: 'rmse',
    label: 'RMSE',
    task: 'regression',
    higherIsBetter: false,
    needsProbabilities: false,
    format: 'number',
    description: 'Root mean squared error, in the target’s units: large errors weigh more.',
  },
  {
    name: 'mae',
    label: 'MAE',
    task: 'regression',
    higherIsBetter: false,
    needsProbabilities: false,
    format: 'number',
    description: 'Mean absolute error, in the target’s units.',
  },
  {
    name: 'r2',
    label: 'R²',
    task: 'regression',
    higherIsBetter: true,
    needsProbabilities: false,
    format: 'number',
    description: 'Share of the target’s variance explained: 1 is perfect, 0 is no better than the mean.',
  },
  {
    name: 'mape',
    label: 'MAPE',
    task: 'regression',
    higherIsBetter: false,
    needsProbabilities: false,
    format: 'percent',
    description: 'Mean absolute error as a share of the true value: unsuitable when true values are near zero.',
  },
];

const BY_NAME = new Map(METRICS.map((m) => [m.name, m]));

export function metricInfo(name: MetricName): MetricInfo {
  const info = BY_NAME.get(name);
  if (!info) throw new UserError(`There is no metric called "${name}"`, `Pick one of ${METRICS.map((m) => m.label).join(', ')}.`);
  return info;
}

export function isMetricName(name: string): name is MetricName {
  return BY_NAME.has(name as MetricName);
}

export function metricsForTask(task: Task): MetricInfo[] {
  return METRICS.filter((m) => m.task === task);
}

/** The metric a new frame starts with: accuracy (it reads most plainly beside the majority baseline) or RMSE. */
export function defaultMetric(task: Task): MetricName {
  return task === 'classification' ? 'accuracy' : 'rmse';
}

export function computeMetric(name: MetricName, input: ScoringInput): number {
  const info = metricInfo(name);
  if (info.task !== input.task) {
    throw new UserError(`${info.label} is a ${info.task} metric, but this is a ${input.task} task`, 'Pick a metric for this task.');
  }
  if (info.needsProbabilities && !input.probs) {
    throw new UserError(
      `${info.label} needs class probabilities, and this model gives only predicted classes`,
      'Pick accuracy, balanced accuracy or F1.',
    );
  }
  const { yTrue, predicted, probs, k } = input;
  switch (name) {
    case 'accuracy':
      return accuracy(yTrue, predicted);
    case 'balanced_accuracy':
      return balancedAccuracy(yTrue, predicted);
    case 'f1':
      return f1Score(yTrue, predicted, k);
    case 'roc_auc':
      return rocAucOvr(yTrue, probs as ArrayLike<number>, k);
    case 'log_loss':
      return logLoss(yTrue, probs as ArrayLike<number>, k);
    case 'rmse':
      return rmse(yTrue, predicted);
    case 'mae':
      return mae(yTrue, predicted);
    case 'r2':
      return r2(yTrue, predicted);
    case 'mape':
      return mape(yTrue, predicted);
  }
}

/** Every metric of the input's task (or those named); metrics needing probabilities are skipped without them. */
export function scoreMetrics(input: ScoringInput, names?: readonly MetricName[]): Scores {
  const out: Scores = {};
  for (const info of names ? names.map(metricInfo) : metricsForTask(input.task)) {
    if (info.task !== input.task || (info.needsProbabilities && !input.probs)) continue;
    out[info.name] = computeMetric(info.name, input);
  }
  return out;
}

/** Orders scores best first under a metric; NaN (undefined scores, failed trials) last. */
export function compareScores(name: MetricName): (a: number, b: number) => number {
  const sign = metricInfo(name).higherIsBetter ? -1 : 1;
  return (a, b) => {
    const an = Number.isNaN(a);
    const bn = Number.isNaN(b);
    if (an || bn) return an === bn ? 0 : an ? 1 : -1;
    return sign * (a - b);
  };
}

/** How much better `score` is than `reference` under the metric: positive when better, in the metric's units. */
export function improvement(name: MetricName, score: number, reference: number): number {
  return metricInfo(name).higherIsBetter ? score - reference : reference - score;
}
