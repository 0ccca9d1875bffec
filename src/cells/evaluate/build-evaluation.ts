// Builds the Evaluate cell's output from a model's test-set predictions: the legacy Evaluation fields the
// Export cell, model card and report read, every metric, the curves (thinned for drawing), the predictions
// ordered worst first, and permutation importance under the metric that matters. Pure: the caller passes predict.
import type { FrameSummary } from '../../core/frame/frame';
import { evaluatePredictions, type Evaluation } from '../../core/metrics/evaluate';
import { featureGroupsFromSpec, permutationImportance, type Predict } from '../../core/metrics/permutation-importance';
import type { ClassScores } from '../../core/metrics/precision-recall-f1';
import { defaultMetric, type MetricName, type Scores } from '../../core/metrics/registry';
import { evaluationReport } from '../../core/metrics/report';
import { toScoringInput } from '../../core/metrics/scoring-input';
import { errorOrder, predictionErrors } from '../../core/metrics/worst-errors';
import type { PreprocessSpec } from '../../core/prep/preprocess';

/** Points kept per drawn curve: more than a chart can show apart, few enough to store and draw quickly. */
export const MAX_CURVE_POINTS = 400;
/** Rows permutation importance scores (drawn with the seed from the test rows). */
export const IMPORTANCE_MAX_ROWS = 5000;
export const IMPORTANCE_REPEATS = 5;

export interface ClassCurve {
  /** Class index in the frame's class order. */
  cls: number;
  rocAuc: number;
  averagePrecision: number;
  prevalence: number;
  fpr: Float64Array;
  tpr: Float64Array;
  recall: Float64Array;
  precision: Float64Array;
}

export interface Calibration {
  /** 'positive': the positive class's probability (two classes); 'confidence': the predicted class's (more). */
  kind: 'positive' | 'confidence';
  probPred: Float64Array;
  probTrue: Float64Array;
  counts: Int32Array;
}

export interface Predictions {
  /** Table row of each test row. */
  rows: Int32Array;
  /** True class index or value. */
  actual: Float64Array;
  /** Predicted class index or value. */
  predicted: Float64Array;
  /** Class probabilities, rows × width (classification); absent for regression. */
  probs?: Float32Array;
  width: number;
  /** |error| (regression) or 1 − p(true class). */
  error: Float64Array;
  /** Positions, worst error first. */
  order: Int32Array;
}

export interface Importance {
  metric: MetricName;
  /** The metric on the rows scored, unshuffled. */
  score: number;
  rows: number;
  repeats: number;
  /** One per source column, in the recipe's order. */
  features: { name: string; mean: number; std: number }[];
}

export interface EvaluationDetail {
  metric: MetricName;
  scores: Scores;
  /** The training majority / class prior or training mean, scored on the test rows. */
  baselineScores: Scores;
  perClass?: ClassScores[];
  curves?: ClassCurve[];
  calibration?: Calibration | null;
  /** Positions (into predictions) drawn in the regression plots. */
  plotIndices?: Int32Array;
  predictions: Predictions;
  importance?: Importance;
}

/** What the Evaluate cell stores: the Evaluation it always had, and the detail (absent in outputs before version 2). */
export type EvaluateOutput = Evaluation & Partial<EvaluationDetail>;

export interface EvaluateInputs {
  frame: FrameSummary;
  spec: PreprocessSpec;
  /** Table rows of the test set. */
  rows: Int32Array;
  /** Preprocessed test rows, row-major rows.length × spec.outputWidth. */
  X: Float32Array;
  /** Encoded test and training targets (class indices or values). */
  yTrue: ArrayLike<number>;
  yTrain: ArrayLike<number>;
  predict: Predict;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function buildEvaluation(input: EvaluateInputs): Promise<EvaluateOutput> {
  const { frame, rows, X, yTrue, yTrain, predict } = input;
  const n = rows.length;
  const d = input.spec.outputWidth;
  const k = frame.classes?.length ?? 0;
  const metric = frame.metric ?? defaultMetric(frame.task);
  const output = await predict(X, n);
  const legacy = evaluatePredictions(frame, yTrue, output, yTrain);
  const report = evaluationReport(frame.task, yTrue, output, { k, yTrain, rows, worst: 0 });
  const scoring = toScoringInput(frame.task, yTrue, output, k);
  const error = predictionErrors(scoring);
  const predictions: Predictions = {
    rows,
    actual: Float64Array.from(yTrue),
    predicted: Float64Array.from(scoring.predicted),
    width: scoring.probs ? k : 1,
    error,
    order: errorOrder(error),
  };
  if (scoring.probs) predictions.probs = Float32Array.from(scoring.probs);

  const groups = featureGroupsFromSpec(input.spec);
  const pi = await permutationImportance(predict, X, n, d, yTrue, metric, {
    groups,
    k,
    repeats: IMPORTANCE_REPEATS,
    seed: input.seed ?? 0,
    maxRows: IMPORTANCE_MAX_ROWS,
    onProgress: input.onProgress,
  });
  const importance: Importance = {
    metric,
    score: pi.baseline,
    rows: pi.rows,
    repeats: IMPORTANCE_REPEATS,
    features: pi.features.map((f) => ({ name: f.name, mean: f.mean, std: f.std })),
  };

  const common = { metric, scores: report.scores, baselineScores: report.baseline, predictions, importance };
  if (report.task === 'regression') return { ...legacy, ...common, plotIndices: report.plotIndices };
  const curves: ClassCurve[] = report.curves.map((c) => {
    const roc = thinCurve(c.roc.fpr, c.roc.tpr);
    const pr = thinCurve(c.pr.recall, c.pr.precision);
    return { cls: c.cls, rocAuc: c.rocAuc, averagePrecision: c.averagePrecision, prevalence: c.prevalence, fpr: roc.x, tpr: roc.y, recall: pr.x, precision: pr.y };
  });
  const calibration: Calibration | null = report.calibration ? { kind: k === 2 ? 'positive' : 'confidence', ...report.calibration } : null;
  return { ...legacy, ...common, perClass: report.perClass, curves, calibration };
}

/**
 * At most `max` points of a curve for drawing, always its two ends, otherwise evenly spaced by index.
 * The areas are computed on the full curve before this.
 */
export function thinCurve(x: Float64Array, y: Float64Array, max = MAX_CURVE_POINTS): { x: Float64Array; y: Float64Array } {
  const n = x.length;
  if (n <= max) return { x, y };
  const pick = Array.from({ length: max }, (_, i) => Math.round((i * (n - 1)) / (max - 1)));
  return { x: Float64Array.from(pick, (i) => x[i]), y: Float64Array.from(pick, (i) => y[i]) };
}
