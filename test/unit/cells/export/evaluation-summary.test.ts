import { describe, expect, it } from 'vitest';
import type { FrameSummary } from '../../../../src/core/frame/frame.ts';
import type { PreprocessSpec } from '../../../../src/core/prep/preprocess.ts';
import { modelCard, type ModelCardFacts } from '../../../../src/ml/model-card.ts';
import { evaluationSummary, type EvaluationSummary } from '../../../../src/cells/export/evaluation-summary.ts';

const spec = { version: 1, features: [{ name: 'x', kind: 'numeric', impute: 0, mean: 0, std: 1 }], outputWidth: 1 } as PreprocessSpec;
const frame: FrameSummary = {
  target: 'y',
  task: 'classification',
  detectedTask: 'classification',
  classes: ['a', 'b'],
  classCounts: [60, 40],
  rowsWithTarget: 100,
  baseline: { metric: 'accuracy', value: 0.6, label: 'a' },
  features: ['x'],
  excluded: [],
  metric: 'balanced_accuracy',
};

function card(evaluation: EvaluationSummary): string {
  const facts: ModelCardFacts = {
    projectName: 'P',
    frame,
    spec,
    data: { rows: 100, columns: 2 },
    training: { model: 'Logistic regression (softmax)', trainRows: 80, epochsRun: 10, backend: 'cpu' },
    evaluation,
    latheVersion: '0',
    date: '2026-01-01T00:00:00.000Z',
  };
  return modelCard(facts);
}

const ev: EvaluationSummary = {
  task: 'classification',
  n: 20,
  metrics: { accuracy: 0.7 },
  confusion: [[10, 2], [4, 4]],
  classes: ['a', 'b'],
  baseline: { metric: 'accuracy', value: 0.6, label: 'a' },
  metric: 'balanced_accuracy',
  scores: { accuracy: 0.7, balanced_accuracy: 0.6667, f1: 0.5714, roc_auc: 0.8, log_loss: 0.55 },
  baselineScores: { accuracy: 0.6, balanced_accuracy: 0.5, f1: 0, roc_auc: 0.5, log_loss: 0.673 },
};

describe('the evaluation the export bundle carries', () => {
  it('drops per-row detail and keeps the figures', () => {
    const full = { ...ev, predictions: { rows: new Int32Array(20) }, curves: [] } as unknown as EvaluationSummary;
    expect(evaluationSummary(full)).toEqual(ev);
  });

  it('lists every metric in the model card, the one that matters marked, with the baseline beside it', () => {
    const md = card(ev);
    expect(md).toContain('| **Balanced accuracy** (the metric that matters) | 0.6667 | 0.5 |');
    expect(md).toContain('| ROC AUC | 0.8 | 0.5 |');
    expect(md).toContain('| Log loss | 0.55 | 0.673 |');
    expect(md).not.toMatch(/does not beat the baseline/);
  });

  it('judges beating the baseline on the metric that matters, lower being better for a loss', () => {
    const worse = { ...ev, metric: 'log_loss' as const, scores: { ...ev.scores, log_loss: 0.9 } };
    expect(card(worse)).toMatch(/does not beat the baseline on Log loss/);
  });

  it('still writes the accuracy-only table for an evaluation stored before the metrics', () => {
    const { metric, scores, baselineScores, ...legacy } = ev;
    void metric, void scores, void baselineScores;
    expect(card(legacy)).toContain('| Accuracy | 0.7 | 0.6 |');
  });
});
