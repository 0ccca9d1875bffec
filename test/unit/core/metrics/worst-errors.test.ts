import { describe, expect, it } from 'vitest';
import { errorOrder, predictionErrors, worstErrors } from '../../../../src/core/metrics/worst-errors.ts';
import { toScoringInput } from '../../../../src/core/metrics/scoring-input.ts';

describe('worst errors', () => {
  it('ranks regression rows by absolute error, ties by position, with row ids', () => {
    const input = toScoringInput('regression', [1, 2, 3, 4, 5], [1.5, 0, 3, 6, 5.5]);
    expect(Array.from(predictionErrors(input))).toEqual([0.5, 2, 0, 2, 0.5]);
    const rows = worstErrors(input, { rows: Int32Array.of(10, 11, 12, 13, 14), limit: 3 });
    expect(rows.map((r) => [r.position, r.row, r.actual, r.predicted, r.error])).toEqual([
      [1, 11, 2, 0, 2],
      [3, 13, 4, 6, 2],
      [0, 10, 1, 1.5, 0.5],
    ]);
  });

  it('ranks confident classification mistakes first', () => {
    const probs = [0.9, 0.1, /* */ 0.4, 0.6, /* */ 0.05, 0.95, /* */ 0.7, 0.3];
    const input = toScoringInput('classification', [0, 0, 0, 1], probs, 2);
    const rows = worstErrors(input);
    expect(rows.map((r) => r.position)).toEqual([2, 3, 1, 0]);
    expect(rows[0].trueClassProbability).toBeCloseTo(0.05, 12);
    expect(rows[0].predicted).toBe(1);
    const labelsOnly = toScoringInput('classification', [0, 1, 1], [0, 0, 1], 2);
    expect(worstErrors(labelsOnly).map((r) => [r.position, r.error])).toEqual([[1, 1], [0, 0], [2, 0]]);
  });

  it('puts NaN errors last', () => {
    expect(Array.from(errorOrder([1, NaN, 3]))).toEqual([2, 0, 1]);
  });
});
