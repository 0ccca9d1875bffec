// Orders predictions by how wrong they are, for the table of predictions that shows the worst errors first.

import type { ScoringInput } from './scoring-input.ts';

export interface PredictionRow {
  /** Position in the scored rows. */
  position: number;
  /** Row id in the table (the position when no row ids were given). */
  row: number;
  /** True class index or value. */
  actual: number;
  /** Predicted class index or value. */
  predicted: number;
  /** Regression: |actual − predicted|. Classification: 1 − p(true class), or 0/1 without probabilities. */
  error: number;
  /** Classification with probabilities: the probability given to the true class. */
  trueClassProbability?: number;
}

/**
 * One error per row: the absolute error for regression; for classification 1 − the probability given to the
 * true class, so confident mistakes rank above hesitant ones (or 1 for a wrong label, 0 for a right one).
 */
export function predictionErrors(input: ScoringInput): Float64Array {
  const { yTrue, predicted, probs, k } = input;
  const n = yTrue.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (input.task === 'regression') out[i] = Math.abs(yTrue[i] - predicted[i]);
    else if (probs) out[i] = 1 - probs[i * k + yTrue[i]];
    else out[i] = yTrue[i] === predicted[i] ? 0 : 1;
  }
  return out;
}

/** Positions sorted by decreasing error; ties (and NaN errors, last) by position. */
export function errorOrder(errors: ArrayLike<number>): Int32Array {
  const key = (i: number): number => (Number.isNaN(errors[i]) ? -Infinity : errors[i]);
  return Int32Array.from({ length: errors.length }, (_, i) => i).sort((a, b) => key(b) - key(a) || a - b);
}

/** The `limit` worst predictions (default 100), worst first. */
export function worstErrors(input: ScoringInput, options: { rows?: Int32Array; limit?: number } = {}): PredictionRow[] {
  const errors = predictionErrors(input);
  const order = errorOrder(errors);
  const limit = Math.min(options.limit ?? 100, order.length);
  const out: PredictionRow[] = [];
  for (let j = 0; j < limit; j++) {
    const i = order[j];
    const row: PredictionRow = {
      position: i,
      row: options.rows ? options.rows[i] : i,
      actual: input.yTrue[i],
      predicted: input.predicted[i],
      error: errors[i],
    };
    if (input.task === 'classification' && input.probs) row.trueClassProbability = input.probs[i * input.k + input.yTrue[i]];
    out.push(row);
  }
  return out;
}
