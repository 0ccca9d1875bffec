import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import { shouldStop } from '../../../../src/core/gbdt/early-stopping.ts';
import { predict, predictClass } from '../../../../src/core/gbdt/predict.ts';
import { trainGbdt, type GbdtIteration } from '../../../../src/core/gbdt/train.ts';
import { accuracy, loadFixture, r2, reference, syntheticProblem } from './fixtures.ts';

const SLOW = 180_000; // these fit 100 iterations; the shared test machine can be very busy

describe('against scikit-learn 1.2.1 HistGradientBoosting (same data, same 80/20 split, default parameters)', () => {
  for (const [name, ref] of Object.entries(reference.datasets)) {
    it(
      `${name}: the same test score (within the stated margin) and the same predictions`,
      async () => {
        const { d, train, test } = loadFixture(name);
        const fit = await trainGbdt(train.X, train.n, d, train.y, { task: ref.task });
        expect(fit.model.nIter).toBe(ref.n_iter);
        if (ref.task === 'classification') {
          // The margin: at least sklearn's accuracy minus 2 points.
          expect(accuracy(predictClass(fit.model, test.X, test.n), test.y)).toBeGreaterThanOrEqual(ref.accuracy! - 0.02);
        } else {
          // The margin: R² at least sklearn's minus 0.03.
          expect(r2(predict(fit.model, test.X, test.n), test.y)).toBeGreaterThanOrEqual(ref.r2! - 0.03);
        }
        // Lathe follows sklearn's algorithm step for step (float32 gradients, binning, split order and
        // tie-breaking, leaf values), so raw scores agree to rounding: 1e-9 relative to their scale.
        const raw = predict(fit.model, test.X, test.n);
        const want = (ref.raw_test as (number | number[])[]).flat();
        expect(raw.length).toBe(want.length);
        const scale = Math.max(1, ...want.map(Math.abs));
        want.forEach((v, i) => expect(Math.abs(raw[i] - v), `raw ${i}`).toBeLessThanOrEqual(1e-9 * scale));
        // And the training loss after every iteration (sklearn's staged predictions through its own loss).
        expect(fit.trainLoss.length).toBe(ref.train_loss.length);
        ref.train_loss.forEach((l, i) => expect(Math.abs(fit.trainLoss[i] - l), `iteration ${i}`).toBeLessThanOrEqual(1e-9 * Math.abs(l)));
      },
      SLOW,
    );
  }
});

describe('trainGbdt', () => {
  it('lowers the training loss at every iteration, for all three losses', { timeout: SLOW }, async () => {
    for (const task of ['regression', 'binary', 'multiclass'] as const) {
      const p = syntheticProblem(1500, 4, 11, task);
      const fit = await trainGbdt(p.X, p.n, p.d, p.y, { task: task === 'regression' ? 'regression' : 'classification', maxIter: 60 });
      expect(fit.model.loss).toBe({ regression: 'squared_error', binary: 'log_loss', multiclass: 'softmax_cross_entropy' }[task]);
      expect(fit.trainLoss.length).toBe(61);
      for (let i = 1; i < fit.trainLoss.length; i++) expect(fit.trainLoss[i], `${task} iteration ${i}`).toBeLessThan(fit.trainLoss[i - 1]);
      expect(fit.trainLoss[60]).toBeLessThan(0.5 * fit.trainLoss[0]);
    }
  });

  it('fits one tree per class per iteration for three classes or more, one tree for two', { timeout: SLOW }, async () => {
    const three = syntheticProblem(600, 3, 2, 'multiclass');
    const m3 = (await trainGbdt(three.X, three.n, three.d, three.y, { task: 'classification', maxIter: 5 })).model;
    expect([m3.outputs, m3.nClasses, m3.trees.length, m3.baseline.length]).toEqual([3, 3, 15, 3]);
    const two = syntheticProblem(600, 3, 2, 'binary');
    const m2 = (await trainGbdt(two.X, two.n, two.d, two.y, { task: 'classification', maxIter: 5 })).model;
    expect([m2.outputs, m2.nClasses, m2.trees.length, m2.baseline.length]).toEqual([1, 2, 5, 1]);
  });

  it('starts from scikit-learn baselines: the mean, the log-odds, centred log class shares', async () => {
    const X = Float64Array.of(0, 1, 2, 3, 4, 5, 6, 7);
    const reg = await trainGbdt(X, 8, 1, Float64Array.of(1, 2, 3, 4, 5, 6, 7, 12), { task: 'regression', maxIter: 1 });
    expect(reg.model.baseline[0]).toBeCloseTo(5, 12);
    const bin = await trainGbdt(X, 8, 1, Float64Array.of(0, 0, 0, 0, 0, 0, 1, 1), { task: 'classification', maxIter: 1 });
    expect(bin.model.baseline[0]).toBeCloseTo(Math.log(0.25 / 0.75), 12);
    const multi = await trainGbdt(X, 8, 1, Float64Array.of(0, 0, 0, 0, 1, 1, 2, 2), { task: 'classification', maxIter: 1 });
    const logs = [0.5, 0.25, 0.25].map(Math.log);
    const mean = logs.reduce((a, b) => a + b) / 3;
    logs.forEach((l, k) => expect(multi.model.baseline[k]).toBeCloseTo(l - mean, 12));
    // Eight rows are fewer than 2 × minSamplesLeaf: every tree is a root leaf adding 0, as in sklearn.
    expect(reg.model.trees[0].feature).toEqual([-1]);
    expect(reg.model.trees[0].value).toEqual([0]);
  });

  it('stops early on held-out rows above 10,000 rows (auto), at the first iteration the rule allows', { timeout: SLOW }, async () => {
    // Pure noise: the validation loss stops improving almost at once.
    const n = 12_000;
    const p = syntheticProblem(n, 3, 5, 'regression');
    let s = 1;
    const y = Float64Array.from({ length: n }, () => ((s = (Math.imul(s, 48271) + 11) >>> 0) / 4294967296) * 10);
    const seen: GbdtIteration[] = [];
    const fit = await trainGbdt(p.X, n, p.d, y, { task: 'regression' }, (info) => seen.push(info));
    expect(fit.earlyStopped).toBe(true);
    expect(fit.validationRows).toBe(1200); // ceil(0.1 · 12,000)
    expect(fit.trainRows).toBe(10_800);
    expect(fit.model.nIter).toBeLessThan(100);
    const losses = fit.validationLoss!;
    expect(losses.length).toBe(fit.model.nIter + 1);
    expect(shouldStop(losses, 10, 1e-7)).toBe(true);
    for (let k = 1; k < losses.length; k++) expect(shouldStop(losses.slice(0, k), 10, 1e-7)).toBe(false);
    expect(seen.map((s) => s.validationLoss)).toEqual(losses.slice(1));
    // At 10,000 rows or fewer 'auto' keeps it off; explicitly off, all iterations run.
    const off = await trainGbdt(p.X, n, p.d, y, { task: 'regression', earlyStopping: false, maxIter: 30 });
    expect([off.model.nIter, off.validationLoss, off.earlyStopped]).toEqual([30, null, false]);
  });

  it('can stop early on the training loss when no rows are held out', { timeout: SLOW }, async () => {
    const p = syntheticProblem(400, 2, 9, 'regression');
    // A tolerance no step can beat: stops at iteration nIterNoChange.
    const fit = await trainGbdt(p.X, p.n, p.d, p.y, { task: 'regression', earlyStopping: true, validationFraction: null, tol: 1e9, nIterNoChange: 3 });
    expect([fit.model.nIter, fit.validationLoss, fit.validationRows, fit.earlyStopped]).toEqual([3, null, 0, true]);
  });

  it('is deterministic for a seed; the seed moves the validation split', { timeout: SLOW }, async () => {
    const p = syntheticProblem(11_000, 3, 4, 'binary');
    const opts = { task: 'classification' as const, maxIter: 15 };
    const a = await trainGbdt(p.X, p.n, p.d, p.y, { ...opts, seed: 1 });
    const b = await trainGbdt(p.X, p.n, p.d, p.y, { ...opts, seed: 1 });
    const c = await trainGbdt(p.X, p.n, p.d, p.y, { ...opts, seed: 2 });
    expect(JSON.stringify(b.model)).toBe(JSON.stringify(a.model));
    expect(b.validationLoss).toEqual(a.validationLoss);
    // Stratified splits share the class shares, so the losses part only once trees are fitted.
    expect(c.validationLoss!.at(-1)).not.toBe(a.validationLoss!.at(-1));
  });

  it('reports every iteration and stops when the signal aborts', { timeout: SLOW }, async () => {
    const p = syntheticProblem(800, 3, 3, 'binary');
    const seen: GbdtIteration[] = [];
    const fit = await trainGbdt(p.X, p.n, p.d, p.y, { task: 'classification', maxIter: 12 }, (i) => seen.push(i));
    expect(seen.map((s) => s.iteration)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(seen.map((s) => s.trainLoss)).toEqual(fit.trainLoss.slice(1));
    expect(seen.every((s) => s.validationLoss === null && s.maxIter === 12)).toBe(true);

    const controller = new AbortController();
    const count: number[] = [];
    const run = trainGbdt(p.X, p.n, p.d, p.y, { task: 'classification', maxIter: 50, signal: controller.signal }, (i) => {
      count.push(i.iteration);
      if (i.iteration === 3) controller.abort();
    });
    await expect(run).rejects.toThrow(UserError);
    await expect(run).rejects.toThrow(/cancelled after 3 of 50 iterations/);
    expect(count).toEqual([1, 2, 3]);
  });

  it('lets an abort from outside land while it trains (it hands the event loop a turn)', { timeout: SLOW }, async () => {
    const p = syntheticProblem(20_000, 8, 6, 'binary');
    const controller = new AbortController();
    let iterations = 0;
    const run = trainGbdt(p.X, p.n, p.d, p.y, { task: 'classification', earlyStopping: false, signal: controller.signal }, () => iterations++);
    setTimeout(() => controller.abort(), 0);
    await expect(run).rejects.toThrow(/cancelled/);
    expect(iterations).toBeGreaterThan(0);
    expect(iterations).toBeLessThan(100);
  });

  it('reads row-major Float64Array, Float32Array and columns alike', { timeout: SLOW }, async () => {
    const p = syntheticProblem(500, 3, 8, 'regression');
    // Values on a 1/64 grid are exact in float32, so all three inputs hold the same numbers.
    const X = p.X.map((v) => Math.round(v * 64) / 64);
    X[5] = NaN;
    const columns = [0, 1, 2].map((f) => Float64Array.from({ length: p.n }, (_, i) => X[i * 3 + f]));
    const opts = { task: 'regression' as const, maxIter: 10 };
    const a = await trainGbdt(X, p.n, 3, p.y, opts);
    const b = await trainGbdt(Float32Array.from(X), p.n, 3, p.y, opts);
    const c = await trainGbdt(columns, p.n, 3, p.y, opts);
    expect(b.model).toEqual(a.model);
    expect(c.model).toEqual(a.model);
    expect(Array.from(predict(a.model, columns, p.n))).toEqual(Array.from(predict(a.model, X, p.n)));
  });

  it('rejects what it cannot train on with a UserError that says what is wrong', async () => {
    const X = Float64Array.of(1, 2, 3, 4);
    const bad = (y: number[], opts: object, x: Float64Array = X, n = 4) =>
      trainGbdt(x, n, 1, Float64Array.from(y), { task: 'classification', ...opts });
    await expect(bad([0, 1, 0], {})).rejects.toThrow(/3 target values for 4 rows/);
    await expect(bad([0, 1, 0.5, 1], {})).rejects.toThrow(/class label 0.5/);
    await expect(bad([1, 1, 1, 1], { nClasses: 1 })).rejects.toThrow(/at least two classes/);
    await expect(bad([0, 1, 2, 1], { nClasses: 2 })).rejects.toThrow(/only 2 classes/);
    await expect(bad([0, 1, 0, 1], { maxBins: 300 })).rejects.toThrow(/at most 255/);
    await expect(bad([0, 1, 0, 1], { learningRate: 0 })).rejects.toThrow(/learning rate/);
    await expect(bad([0, 1, 0, 1], { maxLeafNodes: 1 })).rejects.toThrow(/leaves/);
    await expect(bad([0, 1, 0, 1], {}, Float64Array.of(1, 2, 3))).rejects.toThrow(/3 values, not 4 rows/);
    await expect(trainGbdt(X, 4, 1, Float64Array.of(1, NaN, 2, 3), { task: 'regression' })).rejects.toThrow(/Row 2 has no target/);
    await expect(bad([0, 1, 0, 1], {})).resolves.toBeDefined();
  });
});
