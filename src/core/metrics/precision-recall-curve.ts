// Precision-recall curves and average precision (scikit-learn's definitions, without interpolation).

import { binaryClfCurve } from './binary-clf-curve.ts';

export interface PrecisionRecallCurve {
  /** Ends with 1 (no threshold selects nothing), as sklearn. */
  precision: Float64Array;
  /** Decreasing, ends with 0. */
  recall: Float64Array;
  /** Increasing; one fewer than the points. */
  thresholds: Float64Array;
}

/**
 * scikit-learn 1.2's precision_recall_curve: one point per distinct score, reversed so recall decreases,
 * then the (recall 0, precision 1) end point. With no positives recall is 1 throughout, as sklearn sets it.
 */
export function precisionRecallCurve(positive: ArrayLike<number | boolean>, scores: ArrayLike<number>): PrecisionRecallCurve {
  const { fps, tps, thresholds } = binaryClfCurve(positive, scores);
  const m = tps.length;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const th = new Float64Array(m);
  const positives = m > 0 ? tps[m - 1] : 0;
  for (let i = 0; i < m; i++) {
    const j = m - 1 - i;
    const predicted = tps[j] + fps[j];
    precision[i] = predicted !== 0 ? tps[j] / predicted : 0;
    recall[i] = positives === 0 ? 1 : tps[j] / positives;
    th[i] = thresholds[j];
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: th };
}

/** Average precision: Σ (Rₙ − Rₙ₋₁) Pₙ over the curve (scikit-learn's average_precision_score, binary). */
export function averagePrecision(positive: ArrayLike<number | boolean>, scores: ArrayLike<number>): number {
  return averagePrecisionOf(precisionRecallCurve(positive, scores));
}

/** Average precision of a curve already computed. */
export function averagePrecisionOf(curve: PrecisionRecallCurve): number {
  const { precision, recall } = curve;
  let sum = 0;
  for (let i = 0; i + 1 < recall.length; i++) sum += (recall[i + 1] - recall[i]) * precision[i];
  return -sum;
}
