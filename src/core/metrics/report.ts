// Everything the Evaluate view shows for one set of scored rows (the test split or a fold): metrics, baseline, curves, worst errors.

import type { Task } from '../frame/frame.ts';
import { baselineScores } from './baseline.ts';
import { calibrationCurve, confidenceCalibration, type CalibrationCurve } from './calibration.ts';
import { confusionMatrix } from './classification.ts';
import { oneVsRest } from './one-vs-rest.ts';
import { averagePrecisionOf, precisionRecallCurve, type PrecisionRecallCurve } from './precision-recall-curve.ts';
import { classScores, type ClassScores } from './precision-recall-f1.ts';
import { scoreMetrics, type Scores } from './registry.ts';
import { residualPlotIndices, residuals } from './residuals.ts';
import { auc, rocCurve, type RocCurve } from './roc.ts';
import { toScoringInput } from './scoring-input.ts';
import { worstErrors, type PredictionRow } from './worst-errors.ts';

export interface ClassCurves {
  /** Class index; for two classes only the positive class (1) is given. */
  cls: number;
  roc: RocCurve;
  rocAuc: number;
  pr: PrecisionRecallCurve;
  averagePrecision: number;
  /** Share of rows of this class: the precision a random guess would get. */
  prevalence: number;
}

export interface ClassificationReport {
  task: 'classification';
  n: number;
  k: number;
  scores: Scores;
  /** The training majority / class prior, scored on the same rows. */
  baseline: Scores;
  /** Rows true class, columns predicted (scikit-learn's layout). */
  confusion: number[][];
  /** One entry per class 0..k-1 (support 0 for a class absent here). */
  perClass: ClassScores[];
  /** Without probabilities: empty. With: the positive class for two classes, each present class for more. */
  curves: ClassCurves[];
  /** Two classes: the positive class's probability; more: the predicted class's confidence. Null without probabilities. */
  calibration: CalibrationCurve | null;
  worst: PredictionRow[];
}

export interface RegressionReport {
  task: 'regression';
  n: number;
  scores: Scores;
  baseline: Scores;
  /** yTrue − yPred, per row. */
  residuals: Float64Array;
  /** Rows to draw in the residual and predicted-vs-actual plots (all up to maxPlotPoints). */
  plotIndices: Int32Array;
  worst: PredictionRow[];
}

export type EvaluationReport = ClassificationReport | RegressionReport;

export interface ReportOptions {
  /** Classes (classification). */
  k?: number;
  /** Training targets: the baseline is fitted on these, never on the scored rows. */
  yTrain: ArrayLike<number>;
  /** Row ids of the scored rows, for the worst-errors table. */
  rows?: Int32Array;
  /** Rows in the worst-errors table (default 100). */
  worst?: number;
  /** Calibration bins (default 10). */
  nBins?: number;
  maxPlotPoints?: number;
}

/**
 * @param yTrue class indices or true values of the scored rows
 * @param output the model's output on them: n × k probabilities or n labels; n values for regression
 */
export function evaluationReport(
  task: Task,
  yTrue: ArrayLike<number>,
  output: ArrayLike<number>,
  options: ReportOptions,
): EvaluationReport {
  const k = options.k ?? 0;
  const input = toScoringInput(task, yTrue, output, k);
  const n = yTrue.length;
  const scores = scoreMetrics(input);
  const baseline = baselineScores(task, options.yTrain, yTrue, k);
  const worst = worstErrors(input, { rows: options.rows, limit: options.worst ?? 100 });
  if (task === 'regression') {
    const res = residuals(yTrue, input.predicted);
    return { task, n, scores, baseline, residuals: res, plotIndices: residualPlotIndices(res, options.maxPlotPoints), worst };
  }
  const found = new Map(classScores(yTrue, input.predicted).map((s) => [s.cls, s]));
  const perClass = Array.from({ length: k }, (_, c) => found.get(c) ?? { cls: c, support: 0, precision: 0, recall: 0, f1: 0 });
  const curves: ClassCurves[] = [];
  let calibration: CalibrationCurve | null = null;
  if (input.probs) {
    for (const c of k === 2 ? [1] : Array.from({ length: k }, (_, i) => i)) {
      const { positive, scores: s } = oneVsRest(yTrue, input.probs, k, c);
      let count = 0;
      for (const p of positive) count += p;
      // A class with no rows (or only its rows) has no ROC curve.
      if (count === 0 || count === n) continue;
      const roc = rocCurve(positive, s);
      const pr = precisionRecallCurve(positive, s);
      curves.push({ cls: c, roc, rocAuc: auc(roc.fpr, roc.tpr), pr, averagePrecision: averagePrecisionOf(pr), prevalence: count / n });
    }
    const nBins = options.nBins ?? 10;
    if (k === 2) {
      const { positive, scores: s } = oneVsRest(yTrue, input.probs, 2, 1);
      calibration = calibrationCurve(positive, s.map((p) => Math.min(Math.max(p, 0), 1)), { nBins });
    } else {
      calibration = confidenceCalibration(yTrue, input.probs, k, { nBins });
    }
  }
  return { task, n, k, scores, baseline, confusion: confusionMatrix(yTrue, input.predicted, k), perClass, curves, calibration, worst };
}
