// The Evaluate cell's output without its per-row and per-point detail: what the bundle writes into
// preprocessing.json and the model card (plain numbers, so it serialises as JSON and stays small).
import type { Evaluation } from '../../core/metrics/evaluate';
import type { MetricName, Scores } from '../../core/metrics/registry';

export type EvaluationSummary = Evaluation & { metric?: MetricName; scores?: Scores; baselineScores?: Scores };

export function evaluationSummary(ev: EvaluationSummary): EvaluationSummary {
  const out: EvaluationSummary =
    ev.task === 'classification'
      ? { task: ev.task, n: ev.n, metrics: ev.metrics, confusion: ev.confusion, classes: ev.classes, baseline: ev.baseline }
      : { task: ev.task, n: ev.n, metrics: ev.metrics, baseline: ev.baseline };
  if (ev.metric) out.metric = ev.metric;
  if (ev.scores) out.scores = ev.scores;
  if (ev.baselineScores) out.baselineScores = ev.baselineScores;
  return out;
}
