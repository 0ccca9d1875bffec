import { describe, expect, it } from 'vitest';
import {
  METRICS,
  compareScores,
  computeMetric,
  defaultMetric,
  improvement,
  isMetricName,
  metricInfo,
  metricsForTask,
  scoreMetrics,
} from '../../../../src/core/metrics/registry.ts';
import { toScoringInput } from '../../../../src/core/metrics/scoring-input.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import { classificationCases, expectClose, regressionCases } from './reference.ts';

describe('metric registry', () => {
  it('lists the issue\'s metrics per task with their direction and needs', () => {
    expect(metricsForTask('classification').map((m) => m.name)).toEqual(['accuracy', 'balanced_accuracy', 'f1', 'roc_auc', 'log_loss']);
    expect(metricsForTask('regression').map((m) => m.name)).toEqual(['rmse', 'mae', 'r2', 'mape']);
    const lower = METRICS.filter((m) => !m.higherIsBetter).map((m) => m.name);
    expect(lower.sort()).toEqual(['log_loss', 'mae', 'mape', 'rmse']);
    expect(METRICS.filter((m) => m.needsProbabilities).map((m) => m.name).sort()).toEqual(['log_loss', 'roc_auc']);
    expect(metricInfo('r2').label).toBe('R²');
    expect(isMetricName('f1')).toBe(true);
    expect(isMetricName('precision')).toBe(false);
    expect(defaultMetric('classification')).toBe('accuracy');
    expect(defaultMetric('regression')).toBe('rmse');
  });

  it('computes each metric as sklearn does, from probabilities or labels (sklearn fixture, 1e-9)', () => {
    const bin = classificationCases().find((c) => c.name === 'binary')!;
    const multi = classificationCases().find((c) => c.name === 'multiclass')!;
    for (const c of [bin, multi]) {
      const input = toScoringInput('classification', c.y_true, c.probs, c.k);
      const s = scoreMetrics(input);
      expectClose(s.accuracy!, c.accuracy, 'accuracy');
      expectClose(s.balanced_accuracy!, c.balanced_accuracy, 'balanced accuracy');
      expectClose(s.f1!, c.k === 2 ? c.f1_binary : c.f1_macro, 'f1');
      expectClose(s.roc_auc!, c.k === 2 ? c.roc_auc : c.roc_auc_ovr, 'roc auc');
      expectClose(s.log_loss!, c.log_loss, 'log loss');
      // Labels only: metrics needing probabilities are left out, not guessed.
      const labels = scoreMetrics(toScoringInput('classification', c.y_true, c.y_pred, c.k));
      expect(Object.keys(labels).sort()).toEqual(['accuracy', 'balanced_accuracy', 'f1']);
    }
    const reg = regressionCases()[0];
    const s = scoreMetrics(toScoringInput('regression', reg.y_true, reg.y_pred));
    expectClose(s.rmse!, reg.rmse, 'rmse');
    expectClose(s.mae!, reg.mae, 'mae');
    expectClose(s.r2!, reg.r2, 'r2');
    expectClose(s.mape!, reg.mape, 'mape');
    expect(scoreMetrics(toScoringInput('regression', reg.y_true, reg.y_pred), ['mae'])).toEqual({ mae: s.mae });
  });

  it('refuses a metric of the other task or one needing probabilities it does not have', () => {
    const labels = toScoringInput('classification', [0, 1], [0, 1], 2);
    expect(() => computeMetric('roc_auc', labels)).toThrow(UserError);
    expect(() => computeMetric('roc_auc', labels)).toThrow(/needs class probabilities/);
    expect(() => computeMetric('rmse', labels)).toThrow(/regression metric/);
  });

  it('orders scores best first for either direction, NaN last', () => {
    expect([0.7, NaN, 0.9, 0.8].sort(compareScores('accuracy'))).toEqual([0.9, 0.8, 0.7, NaN]);
    expect([3, NaN, 1, 2].sort(compareScores('rmse'))).toEqual([1, 2, 3, NaN]);
    expect(improvement('rmse', 2, 3)).toBe(1);
    expect(improvement('accuracy', 0.8, 0.75)).toBeCloseTo(0.05, 12);
  });
});
