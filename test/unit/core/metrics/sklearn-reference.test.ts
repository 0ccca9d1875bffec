import { describe, expect, it } from 'vitest';
import { accuracy, balancedAccuracy, confusionMatrix } from '../../../../src/core/metrics/classification.ts';
import { classScores, f1Score, precisionRecallF1 } from '../../../../src/core/metrics/precision-recall-f1.ts';
import { auc, rocAuc, rocAucOvr, rocCurve } from '../../../../src/core/metrics/roc.ts';
import { averagePrecision, precisionRecallCurve } from '../../../../src/core/metrics/precision-recall-curve.ts';
import { logLoss } from '../../../../src/core/metrics/log-loss.ts';
import { calibrationCurve } from '../../../../src/core/metrics/calibration.ts';
import { oneVsRest } from '../../../../src/core/metrics/one-vs-rest.ts';
import { mae, mape, r2, rmse } from '../../../../src/core/metrics/regression.ts';
import { classificationCases, expectClose, expectCurve, regressionCases } from './reference.ts';

// Every value here is scikit-learn 1.2.1's, from scripts/fixtures/metrics_reference.py; tolerance 1e-9 absolute
// (1e-12 relative for values above 1000, i.e. MAPE with a true value of 0). Cases: binary, binary with tied
// scores, constant predictor, perfect predictions, imbalanced binary, multiclass, multiclass constant and
// perfect, and a multiclass case where one class is never true nor predicted.
describe('classification metrics against scikit-learn', () => {
  for (const c of classificationCases()) {
    describe(c.name, () => {
      const { k, y_true: y, y_pred: pred, probs } = c;

      it('accuracy, balanced accuracy, confusion matrix', () => {
        expectClose(accuracy(y, pred), c.accuracy, 'accuracy');
        expectClose(balancedAccuracy(y, pred), c.balanced_accuracy, 'balanced accuracy');
        expect(confusionMatrix(y, pred, k)).toEqual(c.confusion);
      });

      it('precision, recall and F1 (binary, macro, weighted)', () => {
        for (const avg of ['macro', 'weighted'] as const) {
          const s = precisionRecallF1(y, pred, avg);
          expectClose(s.precision, c[`precision_${avg}`], `precision ${avg}`);
          expectClose(s.recall, c[`recall_${avg}`], `recall ${avg}`);
          expectClose(s.f1, c[`f1_${avg}`], `f1 ${avg}`);
        }
        if (k === 2) {
          const s = precisionRecallF1(y, pred, 'binary');
          expectClose(s.precision, c.precision_binary, 'precision binary');
          expectClose(s.recall, c.recall_binary, 'recall binary');
          expectClose(s.f1, c.f1_binary, 'f1 binary');
          expectClose(f1Score(y, pred, k), c.f1_binary, 'F1 (binary for two classes)');
        } else {
          expectClose(f1Score(y, pred, k), c.f1_macro, 'F1 (macro for several classes)');
        }
        expect(classScores(y, pred).reduce((s, x) => s + x.support, 0)).toBe(y.length);
      });

      it('log loss, clipped and renormalised', () => {
        expectClose(logLoss(y, probs, k), c.log_loss, 'log loss');
      });

      if (k === 2) {
        it('ROC curve (with and without dropping intermediate points), ROC AUC', () => {
          const { positive, scores } = oneVsRest(y, probs, 2, 1);
          const roc = rocCurve(positive, scores);
          expectCurve(roc.fpr, c.roc_curve!.fpr, 'fpr');
          expectCurve(roc.tpr, c.roc_curve!.tpr, 'tpr');
          expectCurve(roc.thresholds, c.roc_curve!.thresholds, 'thresholds');
          const all = rocCurve(positive, scores, { dropIntermediate: false });
          expectCurve(all.fpr, c.roc_curve_all!.fpr, 'fpr (all)');
          expectCurve(all.tpr, c.roc_curve_all!.tpr, 'tpr (all)');
          expectCurve(all.thresholds, c.roc_curve_all!.thresholds, 'thresholds (all)');
          expectClose(rocAuc(positive, scores), c.roc_auc, 'roc auc');
          expectClose(rocAucOvr(y, probs, 2), c.roc_auc, 'roc auc via ovr entry point');
          // Dropping collinear points leaves the area unchanged.
          expectClose(auc(all.fpr, all.tpr), c.roc_auc, 'area of the full curve');
        });

        it('precision-recall curve, average precision, calibration curve', () => {
          const { positive, scores } = oneVsRest(y, probs, 2, 1);
          const pr = precisionRecallCurve(positive, scores);
          expectCurve(pr.precision, c.pr_curve!.precision, 'precision');
          expectCurve(pr.recall, c.pr_curve!.recall, 'recall');
          expectCurve(pr.thresholds, c.pr_curve!.thresholds, 'thresholds');
          expectClose(averagePrecision(positive, scores), c.average_precision, 'average precision');
          const cal = calibrationCurve(positive, scores, { nBins: 10 });
          expectCurve(cal.probTrue, c.calibration!.prob_true, 'prob_true');
          expectCurve(cal.probPred, c.calibration!.prob_pred, 'prob_pred');
          expect(cal.counts.reduce((a, b) => a + b, 0)).toBe(y.length);
        });
      } else {
        it('one-vs-rest ROC AUC (macro) and per-class curves', () => {
          if (c.roc_auc_ovr !== null) expectClose(rocAucOvr(y, probs, k), c.roc_auc_ovr, 'roc auc ovr');
          expectClose(rocAucOvr(y, probs, k), c.roc_auc_ovr_present, 'roc auc ovr over present classes');
          for (const e of c.per_class!) {
            const { positive, scores } = oneVsRest(y, probs, k, e.class);
            if (e.roc_auc === undefined) {
              expect(rocAuc(positive, scores)).toBeNaN();
              continue;
            }
            expectClose(rocAuc(positive, scores), e.roc_auc, `class ${e.class} auc`);
            const roc = rocCurve(positive, scores);
            expectCurve(roc.fpr, e.roc_curve!.fpr, `class ${e.class} fpr`);
            expectCurve(roc.tpr, e.roc_curve!.tpr, `class ${e.class} tpr`);
            expectCurve(roc.thresholds, e.roc_curve!.thresholds, `class ${e.class} thresholds`);
            const pr = precisionRecallCurve(positive, scores);
            expectCurve(pr.precision, e.pr_curve!.precision, `class ${e.class} precision`);
            expectCurve(pr.recall, e.pr_curve!.recall, `class ${e.class} recall`);
            expectClose(averagePrecision(positive, scores), e.average_precision, `class ${e.class} AP`);
          }
        });
      }
    });
  }
});

describe('regression metrics against scikit-learn', () => {
  for (const c of regressionCases()) {
    it(c.name, () => {
      expectClose(rmse(c.y_true, c.y_pred), c.rmse, 'rmse');
      expectClose(mae(c.y_true, c.y_pred), c.mae, 'mae');
      expectClose(r2(c.y_true, c.y_pred), c.r2, 'r2');
      expectClose(mape(c.y_true, c.y_pred), c.mape, 'mape');
    });
  }
});
