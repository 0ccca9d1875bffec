import { describe, expect, it } from 'vitest';
import { mae, r2, rmse } from '../../../../src/core/metrics/regression.ts';

// Reference values are the worked examples in scikit-learn's documentation.
const yTrue = [3, -0.5, 2, 7];
const yPred = [2.5, 0.0, 2, 8];

describe('regression metrics', () => {
  it('rmse = sqrt(sklearn mean_squared_error) = sqrt(0.375)', () => {
    expect(rmse(yTrue, yPred)).toBeCloseTo(Math.sqrt(0.375), 14);
  });
  it('mae matches sklearn mean_absolute_error', () => {
    expect(mae(yTrue, yPred)).toBeCloseTo(0.5, 14);
  });
  it('r2 matches sklearn r2_score', () => {
    expect(r2(yTrue, yPred)).toBeCloseTo(0.9486081370449679, 14);
    expect(r2([1, 2, 3], [3, 2, 1])).toBeCloseTo(-3, 14);
  });
  it('r2 of a constant target follows sklearn force_finite', () => {
    expect(r2([2, 2, 2], [2, 2, 2])).toBe(1);
    expect(r2([2, 2, 2], [1, 2, 3])).toBe(0);
  });
});
