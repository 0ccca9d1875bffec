import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { predictLinear, trainLinearModel } from '../../../src/ml/linear-model.ts';
import { UserError } from '../../../src/core/errors/user-error.ts';
import { createRng } from '../../../src/core/random.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function gaussian(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Three well separated blobs in 2-D. */
function blobs(n: number, seed: number): { X: Float32Array; y: Float32Array } {
  const rng = createRng(seed);
  const centres = [
    [-3, 0],
    [3, 0],
    [0, 4],
  ];
  const X = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    y[i] = c;
    X[i * 2] = centres[c][0] + 0.5 * gaussian(rng);
    X[i * 2 + 1] = centres[c][1] + 0.5 * gaussian(rng);
  }
  return { X, y };
}

describe('trainLinearModel', () => {
  it('separates separable classes with > 95% accuracy, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const { X, y } = blobs(300, 1);
    const epochs: number[] = [];
    const result = await trainLinearModel({
      X, y, n: 300, d: 2, task: 'classification', nClasses: 3,
      epochs: 40, learningRate: 0.05, l2: 0.001, batchSize: 32, seed: 1, validationFraction: 0.2,
      onEpoch: (e) => {
        epochs.push(e.epoch);
      },
    });
    expect(result.epochsRun).toBe(40);
    expect(epochs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(result.history[39].valLoss).toBeTypeOf('number');
    expect(result.history[39].loss).toBeLessThan(result.history[0].loss);
    const probs = await predictLinear(result.artifacts, X, 300, 2);
    expect(probs.length).toBe(900);
    let hits = 0;
    for (let i = 0; i < 300; i++) {
      const row = Array.from(probs.subarray(i * 3, i * 3 + 3));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      if (row.indexOf(Math.max(...row)) === y[i]) hits++;
    }
    expect(hits / 300).toBeGreaterThan(0.95);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('recovers the coefficients of a linear regression, in the target units', async () => {
    const rng = createRng(5);
    const n = 400;
    const X = new Float32Array(n * 2);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      X[i * 2] = gaussian(rng);
      X[i * 2 + 1] = gaussian(rng);
      y[i] = 1000 + 30 * X[i * 2] - 12 * X[i * 2 + 1] + 0.5 * gaussian(rng);
    }
    const before = tf.memory().numTensors;
    const result = await trainLinearModel({
      X, y, n, d: 2, task: 'regression', nClasses: 1,
      epochs: 60, learningRate: 0.05, l2: 0, batchSize: 32, seed: 2,
    });
    expect(result.artifacts.meta.task).toBe('regression');
    // Probe the fitted function at the origin and unit vectors to read off bias and weights.
    const preds = await predictLinear(result.artifacts, Float32Array.of(0, 0, 1, 0, 0, 1), 3, 2);
    expect(preds[0]).toBeCloseTo(1000, 0);
    expect(preds[1] - preds[0]).toBeCloseTo(30, 0);
    expect(preds[2] - preds[0]).toBeCloseTo(-12, 0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is repeatable for a seed', async () => {
    const { X, y } = blobs(90, 3);
    const opts = {
      X, y, n: 90, d: 2, task: 'classification' as const, nClasses: 3,
      epochs: 3, learningRate: 0.01, l2: 0, batchSize: 16, seed: 11,
    };
    const a = await trainLinearModel(opts);
    const b = await trainLinearModel(opts);
    expect(a.history).toEqual(b.history);
    expect(new Float32Array(a.artifacts.weightData)).toEqual(new Float32Array(b.artifacts.weightData));
  });

  it('stops early when asked, keeping the model so far', async () => {
    const { X, y } = blobs(90, 4);
    let calls = 0;
    const result = await trainLinearModel({
      X, y, n: 90, d: 2, task: 'classification', nClasses: 3,
      epochs: 50, learningRate: 0.01, l2: 0, batchSize: 30, seed: 1,
      onEpoch: () => {
        calls++;
      },
      shouldStop: () => calls >= 2,
    });
    expect(result.epochsRun).toBeLessThanOrEqual(3);
    expect(result.artifacts.weightData.byteLength).toBeGreaterThan(0);
  });

  it('reports divergence as a user error and frees its tensors', async () => {
    const n = 50;
    const X = Float32Array.from({ length: n }, (_, i) => (i % 2 ? 1e30 : -1e30));
    const y = Float32Array.from({ length: n }, (_, i) => i);
    const before = tf.memory().numTensors;
    const run = trainLinearModel({
      X, y, n, d: 1, task: 'regression', nClasses: 1,
      epochs: 5, learningRate: 1e6, l2: 0, batchSize: 10, seed: 1,
    });
    await expect(run).rejects.toBeInstanceOf(UserError);
    await expect(run).rejects.toThrow(/training diverged \(loss is NaN\)/i);
    expect(tf.memory().numTensors).toBe(before);
  });
});
