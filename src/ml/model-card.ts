// Writes model-card.md for an exported bundle: what the model does, what it learnt from, how well, and where not to trust it.

import type { FrameSummary } from '../core/frame/frame.ts';
import type { Evaluation } from '../core/metrics/evaluate.ts';
import { improvement, metricInfo, metricsForTask, type MetricName, type Scores } from '../core/metrics/registry.ts';
import { MAX_CATEGORIES, type PreprocessSpec } from '../core/prep/preprocess.ts';
import type { Profile } from '../core/profile/types.ts';
import type { ParityResult } from './onnx-parity.ts';

/** The few profile figures a card repeats; small enough to send to a worker instead of the whole profile. */
export interface ProfileFacts {
  missingCellsShare: number;
  duplicates: number;
  duplicateShare: number;
  alertCount: number;
  /** The first alerts' messages, as the profile lists them. */
  topAlerts: string[];
}

export interface QualityRuleFacts {
  rule: string;
  passed: boolean;
  detail?: string;
}

/** A hyperparameter search, when one chose the settings. */
export interface SearchFacts {
  /** Each parameter and the values or range it was searched over, as text. */
  space: Record<string, string>;
  best: Record<string, number | string>;
  /** Cross-validation scores of the best settings, one per fold. */
  cvScores: { metric: string; folds: number[] };
}

export interface TrainingFacts {
  /** E.g. "Logistic regression (softmax)". */
  model: string;
  trainRows: number;
  epochsRun: number;
  finalLoss?: number;
  backend: string;
  /** The settings it trained with, when known. */
  settings?: Record<string, number | string>;
  search?: SearchFacts;
}

export interface ModelCardFacts {
  projectName: string;
  frame: FrameSummary;
  spec: PreprocessSpec;
  data: { name?: string; rows: number; columns: number };
  profile?: ProfileFacts;
  quality?: QualityRuleFacts[];
  training: TrainingFacts;
  /** The test figures; every metric of the task and the one that matters when the Evaluate cell gave them. */
  evaluation: Evaluation & { metric?: MetricName; scores?: Scores; baselineScores?: Scores };
  parity?: ParityResult;
  latheVersion: string;
  /** When the bundle was made (ISO 8601); the card prints its date. */
  date: string;
}

export function profileFacts(profile: Profile, topN = 5): ProfileFacts {
  const alerts = Array.isArray(profile.alerts) ? profile.alerts : [];
  return {
    missingCellsShare: profile.missingCellsShare,
    duplicates: profile.duplicates,
    duplicateShare: profile.duplicateShare,
    alertCount: alerts.length,
    topAlerts: alerts.slice(0, topN).map((a) => a.message),
  };
}

/**
 * Text safe to put in Markdown prose and table cells: no HTML (`<`, `>`, `&` become entities), no
 * code spans, emphasis, links, headings or table breaks from user-provided names.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|#~!]/g, (c) => '\\' + c)
    .replace(/\r?\n|\r/g, ' ');
}

export function modelCard(f: ModelCardFacts): string {
  const md = escapeMarkdown;
  const { frame, evaluation: ev } = f;
  const classes = frame.classes ?? [];
  const used = f.spec.features.map((s) => s.name);
  const sections: string[] = [];

  sections.push(`# Model card: ${md(f.projectName)}`);
  sections.push(
    `Made with Lathe ${md(f.latheVersion)} on ${f.date.slice(0, 10)}.\n\n` +
      (frame.task === 'classification'
        ? `**Task:** classification: predicts **${md(frame.target)}**, one of ${classes.length} classes (${classes.map(md).join(', ')}).`
        : `**Task:** regression: predicts **${md(frame.target)}** as a number, in its own units.`),
  );

  const data = [
    `- Rows: ${int(f.data.rows)}; columns: ${int(f.data.columns)}${f.data.name ? ` (${md(f.data.name)})` : ''}.`,
    `- Rows with a ${md(frame.target)} value: ${int(frame.rowsWithTarget)}.`,
    `- Features used (${used.length}): ${used.length ? used.map(md).join(', ') : 'none'}.`,
    `- Left out (${frame.excluded.length}): ${frame.excluded.length ? frame.excluded.map((e) => `${md(e.name)} (${md(e.reason)})`).join('; ') : 'none'}.`,
  ];
  if (frame.classCounts && classes.length) {
    data.push(`- Rows per class: ${classes.map((c, i) => `${md(c)} ${int(frame.classCounts?.[i] ?? 0)}`).join(', ')}.`);
  }
  if (f.profile) {
    const p = f.profile;
    data.push(`- Missing cells: ${pct(p.missingCellsShare)}; duplicate rows: ${int(p.duplicates)} (${pct(p.duplicateShare)}).`);
    data.push(`- Profile alerts: ${int(p.alertCount)}${p.topAlerts.length ? ', the first:' : '.'}`);
    for (const a of p.topAlerts) data.push(`  - ${md(a)}`);
  }
  if (f.quality?.length) {
    const failed = f.quality.filter((q) => !q.passed).length;
    data.push(`- Quality rules: ${f.quality.length - failed} of ${f.quality.length} passed.`);
    for (const q of f.quality) data.push(`  - ${q.passed ? 'Passed' : '**Failed**'}: ${md(q.rule)}${q.detail ? ` (${md(q.detail)})` : ''}`);
  }
  sections.push('## Data\n\n' + data.join('\n'));

  const t = f.training;
  const training = [
    `- Model: ${md(t.model)}, trained on ${int(t.trainRows)} rows for ${int(t.epochsRun)} epochs` +
      (t.finalLoss !== undefined && Number.isFinite(t.finalLoss) ? ` (final loss ${t.finalLoss.toFixed(4)})` : '') +
      `, on the ${md(t.backend)} backend.`,
  ];
  if (t.settings && Object.keys(t.settings).length) {
    training.push(`- Settings: ${Object.entries(t.settings).map(([k, v]) => `${md(k)} ${md(String(v))}`).join(', ')}.`);
  }
  if (t.search) {
    const s = t.search;
    training.push('- Search space:');
    for (const [k, v] of Object.entries(s.space)) training.push(`  - ${md(k)}: ${md(v)}`);
    training.push(`- Best settings: ${Object.entries(s.best).map(([k, v]) => `${md(k)} ${md(String(v))}`).join(', ')}.`);
    const folds = s.cvScores.folds;
    const mean = folds.reduce((a, b) => a + b, 0) / (folds.length || 1);
    training.push(
      `- Cross-validation ${md(s.cvScores.metric)} over ${folds.length} folds: mean ${fig(mean)} (${folds.map(fig).join(', ')}).`,
    );
  } else {
    training.push('- No hyperparameter search: one run with fixed settings, no cross-validation.');
  }
  sections.push('## Training\n\n' + training.join('\n'));

  sections.push(`## Test metrics\n\nOn ${int(ev.n)} held-out rows that training never saw.\n\n` + metricsTable(ev));
  sections.push('## Intended use\n\n' + intendedUse(f));
  sections.push('## Limitations\n\n' + limitations(f).map((l) => `- ${l}`).join('\n'));
  sections.push('## Parity: ONNX against Lathe\n\n' + paritySection(f.parity));
  return sections.join('\n\n') + '\n';
}

function metricsTable(ev: ModelCardFacts['evaluation']): string {
  const legacy =
    ev.task === 'classification'
      ? [['Accuracy', fig(ev.metrics.accuracy), fig(ev.baseline.value)]]
      : [
          ['RMSE', fig(ev.metrics.rmse), fig(ev.baseline.value)],
          ['MAE', fig(ev.metrics.mae), '–'],
          ['R²', fig(ev.metrics.r2), '–'],
        ];
  const scores = ev.scores;
  const rows = scores
    ? metricsForTask(ev.task)
        .filter((m) => scores[m.name] !== undefined)
        .map((m) => [
          m.name === ev.metric ? `**${m.label}** (the metric that matters)` : m.label,
          fig(scores[m.name] as number),
          ev.baselineScores?.[m.name] !== undefined ? fig(ev.baselineScores[m.name] as number) : '–',
        ])
    : legacy;
  const shares = scores && ev.task === 'classification' ? ' (for ROC AUC and log loss: the training class shares as probabilities)' : '';
  const baseline =
    ev.task === 'classification'
      ? `Baseline: always answer the training majority class, ${escapeMarkdown(ev.baseline.label)}${shares}.`
      : `Baseline: always answer the training mean, ${fig(ev.baseline.mean)}.`;
  return ['| Metric | Model | Baseline |', '| --- | ---: | ---: |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n') + '\n\n' + baseline;
}

function intendedUse(f: ModelCardFacts): string {
  const md = escapeMarkdown;
  const what = f.frame.task === 'classification' ? `tell which ${md(f.frame.target)} a row belongs to` : `estimate ${md(f.frame.target)}`;
  return (
    `To ${what} for new rows like the ${int(f.data.rows)} it learnt from${f.data.name ? ` (${md(f.data.name)})` : ''}, ` +
    `given the same ${f.spec.features.length} columns measured the same way. ` +
    'Its answers are estimates to be checked, not decisions: test it on your own data before relying on it.'
  );
}

function limitations(f: ModelCardFacts): string[] {
  const md = escapeMarkdown;
  const { frame, evaluation: ev, spec } = f;
  const out: string[] = [];
  out.push(
    `Trained on ${int(f.training.trainRows)} rows and tested on ${int(ev.n)}: figures on data from elsewhere or from a later time may differ.`,
  );
  out.push(
    'A linear model: each feature moves the answer in one direction by a fixed amount, so it misses interactions and curved effects.',
  );
  const chosen = ev.metric && ev.scores?.[ev.metric] !== undefined && ev.baselineScores?.[ev.metric] !== undefined ? ev.metric : undefined;
  const beat = chosen
    ? improvement(chosen, ev.scores?.[chosen] as number, ev.baselineScores?.[chosen] as number) > 0
    : ev.task === 'classification'
      ? ev.metrics.accuracy > ev.baseline.value
      : ev.metrics.rmse < ev.baseline.value;
  if (!beat) {
    const on = chosen ? ` on ${metricInfo(chosen).label}` : '';
    out.push(`**It does not beat the baseline${on} on the test rows**: use the baseline rather than this model.`);
  }
  if (frame.excluded.length) {
    out.push(`It cannot use ${frame.excluded.map((e) => md(e.name)).join(', ')}: they were left out.`);
  }
  const numeric = spec.features.filter((s) => s.kind === 'numeric');
  if (numeric.length) {
    out.push(`A missing number is replaced by its training mean (${numeric.map((s) => md(s.name)).join(', ')}); a row with many missing values gets an average answer.`);
  }
  const onehot = spec.features.filter((s) => s.kind === 'onehot');
  if (onehot.length) {
    out.push(
      `A category not seen in training (or beyond the ${MAX_CATEGORIES} most frequent) adds nothing to the answer (${onehot.map((s) => md(s.name)).join(', ')}).`,
    );
  }
  if (frame.task === 'classification' && frame.classCounts?.length) {
    const counts = frame.classCounts;
    const least = counts.indexOf(Math.min(...counts));
    const share = counts[least] / counts.reduce((a, b) => a + b, 0);
    if (share < 0.1) out.push(`Few rows of ${md(frame.classes?.[least] ?? '')} (${pct(share)}): answers for that class are the least reliable.`);
    out.push('Probabilities are not calibrated: read them as a ranking, not as frequencies.');
  }
  if (f.profile && f.profile.alertCount > 0) out.push(`The data profile raised ${int(f.profile.alertCount)} ${f.profile.alertCount === 1 ? 'alert' : 'alerts'} (see Data).`);
  if (f.quality?.some((q) => !q.passed)) out.push('Some data-quality rules failed (see Data).');
  if (f.parity && !f.parity.passed) out.push('**model.onnx did not match Lathe in the parity check**: see below before serving it.');
  out.push('Not evaluated for: fairness across groups of people, shifts in the data over time, or adversarial inputs.');
  return out;
}

function paritySection(p: ParityResult | undefined): string {
  if (!p) return 'Not checked.';
  if (p.error) return `**Not checked**: ${escapeMarkdown(p.error)}`;
  const verdict = p.passed ? '**Passed**' : '**Failed**';
  return (
    `${verdict}: onnxruntime-web ran model.onnx on ${int(p.rows)} held-out rows; the largest difference from Lathe's own ` +
    `predictions was ${p.maxAbsDiff.toExponential(1)} (allowed: ${p.tolerance.toExponential(0)}), with ${int(p.labelMismatches)} label mismatches.`
  );
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const pct = (share: number) => (Number.isFinite(share) ? `${(share * 100).toFixed(1)}%` : '–');
/** Four significant digits: enough to compare with the baseline, not so many that noise looks meaningful. */
const fig = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(4))) : '–');
