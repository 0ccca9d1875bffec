import { describe, expect, it } from 'vitest';
import { baselineOutput, baselineScores, fitBaseline } from '../../../../src/core/metrics/baseline.ts';

describe('baseline', () => {
  it('predicts the training majority with the training prior as probabilities', () => {
    const b = fitBaseline('classification', [0, 0, 1, 2], 3);
    expect(b.majority).toBe(0);
    expect(Array.from(b.prior!)).toEqual([0.5, 0.25, 0.25]);
    expect(Array.from(baselineOutput(b, 2))).toEqual([0.5, 0.25, 0.25, 0.5, 0.25, 0.25]);
    // A tie goes to the lower class index.
    expect(fitBaseline('classification', [2, 1, 1, 2], 3).majority).toBe(1);
  });

  it('scores every classification metric for that predictor (values worked by hand)', () => {
    const s = baselineScores('classification', [0, 0, 1, 2], [0, 1, 2, 2], 3);
    expect(s.accuracy).toBe(0.25);
    expect(s.balanced_accuracy).toBeCloseTo(1 / 3, 12); // recall 1 for class 0, 0 for 1 and 2
    expect(s.f1).toBeCloseTo((0.4 + 0 + 0) / 3, 12); // class 0: precision 1/4, recall 1
    expect(s.roc_auc).toBe(0.5); // constant scores
    expect(s.log_loss).toBeCloseTo(-(Math.log(0.5) + 3 * Math.log(0.25)) / 4, 12);
  });

  it('scores every regression metric for the training mean', () => {
    const s = baselineScores('regression', [1, 3], [1, 2, 4]);
    // Mean 2: errors 1, 0, 2.
    expect(s.rmse).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(s.mae).toBeCloseTo(1, 12);
    expect(s.mape).toBeCloseTo((1 + 0 + 0.5) / 3, 12);
    // R² of a constant against y with mean 7/3: 1 − SSres / SStot.
    expect(s.r2).toBeCloseTo(1 - 5 / (16 / 9 + 1 / 9 + 25 / 9), 12);
  });
});
