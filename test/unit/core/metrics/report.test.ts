import { describe, expect, it } from 'vitest';
import { evaluationReport } from '../../../../src/core/metrics/report.ts';
import { classificationCases, expectClose, expectCurve, regressionCases } from './reference.ts';

// Curve and metric references: scikit-learn 1.2.1 via scripts/fixtures/metrics_reference.py, tolerance 1e-9.
describe('evaluationReport', () => {
  it('binary: every metric, the positive class curves and calibration, per-class scores', () => {
    const c = classificationCases().find((x) => x.name === 'binary_ties')!;
    const yTrain = [0, 0, 0, 1];
    const r = evaluationReport('classification', c.y_true, c.probs, { k: 2, yTrain, rows: Int32Array.from(c.y_true, (_, i) => 1000 + i), worst: 5 });
    if (r.task !== 'classification') throw new Error('classification expected');
    expectClose(r.scores.accuracy!, c.accuracy, 'accuracy');
    expectClose(r.scores.roc_auc!, c.roc_auc, 'auc');
    expectClose(r.scores.log_loss!, c.log_loss, 'log loss');
    expect(r.confusion).toEqual(c.confusion);
    expect(r.curves.map((x) => x.cls)).toEqual([1]);
    expectCurve(r.curves[0].roc.fpr, c.roc_curve!.fpr, 'fpr');
    expectCurve(r.curves[0].pr.precision, c.pr_curve!.precision, 'precision');
    expectClose(r.curves[0].averagePrecision, c.average_precision, 'AP');
    expectCurve(r.calibration!.probTrue, c.calibration!.prob_true, 'calibration');
    expectClose(r.perClass[1].f1, c.f1_binary, 'f1 of class 1');
    // Baseline: training majority is class 0, so its accuracy is the share of class 0 in the scored rows.
    expect(r.baseline.accuracy).toBe(c.y_true.filter((v) => v === 0).length / c.y_true.length);
    expect(r.baseline.roc_auc).toBe(0.5);
    expect(r.worst.length).toBe(5);
    expect(r.worst[0].row).toBeGreaterThanOrEqual(1000);
    for (let i = 1; i < 5; i++) expect(r.worst[i].error).toBeLessThanOrEqual(r.worst[i - 1].error);
  });

  it('multiclass: one curve per class present, per-class entries for absent classes, top-label calibration', () => {
    const c = classificationCases().find((x) => x.name === 'multiclass_absent')!;
    const r = evaluationReport('classification', c.y_true, c.probs, { k: 5, yTrain: [0, 1, 2, 4] });
    if (r.task !== 'classification') throw new Error('classification expected');
    expect(r.curves.map((x) => x.cls)).toEqual([0, 1, 2, 4]);
    expect(r.perClass.map((x) => x.support)).toEqual([0, 1, 2, 3, 4].map((k) => c.y_true.filter((v) => v === k).length));
    expect(r.perClass[3]).toEqual({ cls: 3, support: 0, precision: 0, recall: 0, f1: 0 });
    expectClose(r.scores.roc_auc!, c.roc_auc_ovr_present, 'auc over present classes');
    for (const curve of r.curves) expectClose(curve.rocAuc, c.per_class!.find((e) => e.class === curve.cls)!.roc_auc, `class ${curve.cls}`);
    expect(r.calibration!.counts.reduce((a, b) => a + b, 0)).toBe(c.y_true.length);
  });

  it('labels only: no curves, no calibration, metrics without probabilities', () => {
    const r = evaluationReport('classification', [0, 1, 1], [0, 0, 1], { k: 2, yTrain: [1] });
    if (r.task !== 'classification') throw new Error('classification expected');
    expect(r.curves).toEqual([]);
    expect(r.calibration).toBeNull();
    expect(Object.keys(r.scores).sort()).toEqual(['accuracy', 'balanced_accuracy', 'f1']);
  });

  it('regression: metrics, residuals and the worst rows', () => {
    const c = regressionCases()[0];
    const r = evaluationReport('regression', c.y_true, c.y_pred, { yTrain: [0, 20] });
    if (r.task !== 'regression') throw new Error('regression expected');
    expectClose(r.scores.rmse!, c.rmse, 'rmse');
    expectClose(r.scores.mape!, c.mape, 'mape');
    expect(r.residuals[3]).toBe(c.y_true[3] - c.y_pred[3]);
    expect(r.plotIndices.length).toBe(c.y_true.length);
    const errors = c.y_true.map((v, i) => Math.abs(v - c.y_pred[i]));
    expect(r.worst[0].error).toBe(Math.max(...errors));
    // Train mean 10.
    expect(r.baseline.mae).toBeCloseTo(c.y_true.reduce((s, v) => s + Math.abs(v - 10), 0) / c.y_true.length, 10);
  });
});
