import { describe, expect, it } from 'vitest';
import { accuracy, argmaxRows, confusionMatrix } from '../../../../src/core/metrics/classification.ts';

// Reference values are the worked examples in scikit-learn's documentation.
describe('classification metrics', () => {
  it('accuracy matches sklearn.metrics.accuracy_score', () => {
    expect(accuracy([0, 2, 1, 3], [0, 1, 2, 3])).toBe(0.5);
    expect(accuracy([], [])).toBeNaN();
  });

  it('confusion matrix matches sklearn.metrics.confusion_matrix (rows true, columns predicted)', () => {
    expect(confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2], 3)).toEqual([
      [2, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
    ]);
  });

  it('argmax picks the most probable class per row', () => {
    expect(Array.from(argmaxRows([0.1, 0.7, 0.2, 0.5, 0.2, 0.3], 2, 3))).toEqual([1, 0]);
  });

  it('rejects mismatched lengths', () => {
    expect(() => accuracy([1, 2], [1])).toThrow(/mismatch/);
  });
});
