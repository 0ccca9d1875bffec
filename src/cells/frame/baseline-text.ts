// How the baseline to beat reads in words and figures, for the Frame cell, its summary and the Evaluate cell.
import type { FrameSummary } from '../../core/frame/frame';
import { defaultMetric, metricInfo, type MetricName } from '../../core/metrics/registry';
import { fmt, pct } from '../../app/format';

/** A metric's value as the user reads it: a percentage for shares, else a number with sensible precision. */
export function formatMetric(name: MetricName, value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (metricInfo(name).format === 'percent') return pct(value);
  // Scores on a 0–1 scale read best with a fixed three decimals (0.950, not 0.95).
  // No "−0.000" for a baseline R² a hair below zero.
  if (name === 'roc_auc' || name === 'r2') return (Math.abs(value) < 5e-4 ? 0 : value).toFixed(3).replace('-', '−');
  return fmt(value);
}

/** What the baseline does: "majority class (Adelie)" or "the mean (4,202)". */
export function baselineWho(f: FrameSummary): string {
  return f.baseline.metric === 'accuracy' ? `majority class (${f.baseline.label})` : `the mean (${fmt(f.baseline.mean)})`;
}

/** The baseline's score on a metric: from the stored scores, or the legacy field for outputs that predate them. */
export function baselineScore(f: FrameSummary, metric: MetricName): number | undefined {
  const stored = f.baselineScores?.[metric];
  if (stored !== undefined) return stored;
  return metric === f.baseline.metric ? f.baseline.value : undefined;
}

/** "baseline accuracy 44.2%": one phrase for summaries. */
export function baselineHeadline(f: FrameSummary): string {
  const metric = f.metric ?? defaultMetric(f.task);
  return `baseline ${inSentence(metricInfo(metric).label)} ${formatMetric(metric, baselineScore(f, metric))}`;
}

/** A metric label inside a sentence: "Balanced accuracy" → "balanced accuracy"; acronyms (ROC AUC, RMSE, R², F1) unchanged. */
export function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label[0].toLowerCase() + label.slice(1) : label;
}
