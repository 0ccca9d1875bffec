import { describe, expect, it } from 'vitest';
import { baselineHeadline, baselineScore, formatMetric, inSentence } from '../../../../src/cells/frame/baseline-text.ts';
import type { FrameSummary } from '../../../../src/core/frame/frame.ts';

const legacy: FrameSummary = {
  target: 'Species',
  task: 'classification',
  detectedTask: 'classification',
  classes: ['a', 'b'],
  classCounts: [3, 1],
  rowsWithTarget: 4,
  baseline: { metric: 'accuracy', value: 0.75, label: 'a' },
  features: ['x'],
  excluded: [],
};

describe('baseline wording', () => {
  it('reads outputs stored before the metric and baseline scores existed', () => {
    expect(baselineScore(legacy, 'accuracy')).toBe(0.75);
    expect(baselineScore(legacy, 'f1')).toBeUndefined();
    expect(baselineHeadline(legacy)).toBe('baseline accuracy 75.0%');
  });

  it('uses the chosen metric and its stored score', () => {
    const f = { ...legacy, metric: 'balanced_accuracy' as const, baselineScores: { accuracy: 0.75, balanced_accuracy: 0.5, roc_auc: 0.5 } };
    expect(baselineHeadline(f)).toBe('baseline balanced accuracy 50.0%');
    expect(formatMetric('roc_auc', 0.5)).toBe('0.500');
    expect(formatMetric('log_loss', 0.123456)).toBe('0.1235');
    expect(formatMetric('r2', -1e-9)).toBe('0.000');
    expect(formatMetric('r2', -0.25)).toBe('−0.250');
    expect(formatMetric('rmse', undefined)).toBe('—');
    expect(inSentence('ROC AUC')).toBe('ROC AUC');
    expect(inSentence('R²')).toBe('R²');
    expect(inSentence('Log loss')).toBe('log loss');
  });
});
