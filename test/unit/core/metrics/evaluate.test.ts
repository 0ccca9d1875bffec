import { describe, expect, it } from 'vitest';
import { evaluatePredictions } from '../../../../src/core/metrics/evaluate.ts';
import type { FrameSummary } from '../../../../src/core/frame/frame.ts';

const classFrame: FrameSummary = {
  target: 'y',
  task: 'classification',
  detectedTask: 'classification',
  classes: ['a', 'b', 'c'],
  classCounts: [5, 3, 2],
  rowsWithTarget: 10,
  baseline: { metric: 'accuracy', value: 0.5, label: 'a' },
  features: ['x'],
  excluded: [],
};

describe('evaluatePredictions', () => {
  it('scores probabilities and uses the training majority for the baseline', () => {
    const yTrue = [0, 1, 2, 1];
    const probs = Float32Array.of(0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.3, 0.6, 0.1, 0.1, 0.8, 0.1);
    // Training majority is class 1 ("b"), although class 0 is the majority overall.
    const yTrain = [1, 1, 1, 0, 2];
    const e = evaluatePredictions(classFrame, yTrue, probs, yTrain);
    if (e.task !== 'classification') throw new Error('classification expected');
    expect(e.n).toBe(4);
    expect(e.metrics.accuracy).toBe(0.75);
    expect(e.confusion).toEqual([
      [1, 0, 0],
      [0, 2, 0],
      [0, 1, 0],
    ]);
    expect(e.baseline).toEqual({ metric: 'accuracy', value: 0.5, label: 'b' });
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it('accepts class indices instead of probabilities', () => {
    const e = evaluatePredictions(classFrame, [0, 1], Float32Array.of(0, 0), [0]);
    expect(e.metrics).toEqual({ accuracy: 0.5 });
  });

  it('scores regression against the training mean', () => {
    const frame: FrameSummary = {
      ...classFrame,
      task: 'regression',
      detectedTask: 'regression',
      classes: undefined,
      classCounts: undefined,
      baseline: { metric: 'rmse', value: 1, mean: 0 },
    };
    const e = evaluatePredictions(frame, [3, -0.5, 2, 7], Float32Array.of(2.5, 0, 2, 8), [0, 2]);
    if (e.task !== 'regression') throw new Error('regression expected');
    expect(e.metrics.rmse).toBeCloseTo(Math.sqrt(0.375), 6);
    expect(e.metrics.mae).toBeCloseTo(0.5, 6);
    expect(e.metrics.r2).toBeCloseTo(0.9486081370449679, 6);
    // Train mean 1: errors 2, -1.5, 1, 6 → sqrt((4 + 2.25 + 1 + 36) / 4).
    expect(e.baseline.mean).toBe(1);
    expect(e.baseline.value).toBeCloseTo(Math.sqrt(43.25 / 4), 12);
  });
});
