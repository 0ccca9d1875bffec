import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import { checkModel } from '../../../../src/core/gbdt/model.ts';
import { predict, predictClass, predictProba } from '../../../../src/core/gbdt/predict.ts';
import { trainGbdt } from '../../../../src/core/gbdt/train.ts';
import { leafOf } from '../../../../src/core/gbdt/tree.ts';
import { syntheticProblem } from './fixtures.ts';

describe('predictions of a trained model', () => {
  it('adds up the baseline and one leaf per tree', async () => {
    const p = syntheticProblem(400, 3, 1, 'regression');
    const { model } = await trainGbdt(p.X, p.n, p.d, p.y, { task: 'regression', maxIter: 8 });
    const raw = predict(model, p.X, p.n);
    for (const i of [0, 17, 399]) {
      const x = (f: number) => p.X[i * p.d + f];
      const byHand = model.trees.reduce((s, tree) => s + tree.value[leafOf(tree, x)], model.baseline[0]);
      expect(raw[i]).toBeCloseTo(byHand, 12);
    }
  });

  it('gives probabilities that sum to 1, the class with the highest score, sigmoid for two classes', async () => {
    const multi = syntheticProblem(600, 3, 2, 'multiclass');
    const m = (await trainGbdt(multi.X, multi.n, multi.d, multi.y, { task: 'classification', maxIter: 10 })).model;
    const raw = predict(m, multi.X, multi.n);
    const proba = predictProba(m, multi.X, multi.n);
    const cls = predictClass(m, multi.X, multi.n);
    for (let i = 0; i < multi.n; i++) {
      const row = Array.from(proba.subarray(i * 3, i * 3 + 3));
      expect(row.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
      const scores = Array.from(raw.subarray(i * 3, i * 3 + 3));
      expect(cls[i]).toBe(scores.indexOf(Math.max(...scores)));
      // Softmax: the ratio of two probabilities is e^(score difference).
      expect(row[1] / row[0]).toBeCloseTo(Math.exp(scores[1] - scores[0]), 9);
    }

    const bin = syntheticProblem(600, 3, 2, 'binary');
    const b = (await trainGbdt(bin.X, bin.n, bin.d, bin.y, { task: 'classification', maxIter: 10 })).model;
    const s = predict(b, bin.X, bin.n);
    const pb = predictProba(b, bin.X, bin.n);
    const cb = predictClass(b, bin.X, bin.n);
    for (let i = 0; i < bin.n; i++) {
      expect(pb[2 * i + 1]).toBeCloseTo(1 / (1 + Math.exp(-s[i])), 12);
      expect(pb[2 * i] + pb[2 * i + 1]).toBeCloseTo(1, 12);
      expect(cb[i]).toBe(s[i] > 0 ? 1 : 0);
    }
  });

  it('survives JSON: the parsed model predicts the same, and checkModel accepts it', async () => {
    const p = syntheticProblem(500, 4, 3, 'multiclass');
    const X = p.X.slice();
    X[0] = NaN;
    const { model } = await trainGbdt(X, p.n, p.d, p.y, { task: 'classification', maxIter: 6 });
    const copy = checkModel(JSON.parse(JSON.stringify(model)));
    expect(Array.from(predict(copy, X, p.n))).toEqual(Array.from(predict(model, X, p.n)));
  });

  it('refuses what a model cannot give, and broken models', async () => {
    const p = syntheticProblem(100, 2, 3, 'regression');
    const { model } = await trainGbdt(p.X, p.n, p.d, p.y, { task: 'regression', maxIter: 2 });
    expect(() => predictProba(model, p.X, p.n)).toThrow(UserError);
    expect(() => predict(model, p.X, p.n + 1)).toThrow(/values, not 101 rows/);
    expect(() => checkModel({ format: 'other' })).toThrow(/not a gradient-boosted trees model/);
    const broken = JSON.parse(JSON.stringify(model));
    broken.trees[1].left[0] = 0;
    broken.trees[1].feature[0] = 0;
    expect(() => checkModel(broken)).toThrow(/tree 2 has a broken node 0/);
    expect(() => checkModel({ ...model, nIter: 5 })).toThrow(/tree count/);
  });
});
