import { describe, expect, it } from 'vitest';
import { binRows, fitBinMapper } from '../../../../src/core/gbdt/binning.ts';
import { histogramLayout } from '../../../../src/core/gbdt/histogram.ts';
import { predict } from '../../../../src/core/gbdt/predict.ts';
import { addLeafValues, createGrowContext, growTree } from '../../../../src/core/gbdt/tree-grower.ts';
import { trainGbdt } from '../../../../src/core/gbdt/train.ts';
import type { GbdtTree } from '../../../../src/core/gbdt/tree.ts';
import { syntheticProblem } from './fixtures.ts';

/** Gradients of squared error at a zero prediction: −y. */
function contextFor(X: Float64Array, n: number, d: number, limits: { maxLeafNodes: number | null; maxDepth: number | null }, minSamplesLeaf = 20) {
  const mapper = fitBinMapper(X, n, d, null, { maxBins: 255, subsample: 200_000, seed: 0 });
  const binned = binRows(mapper, X, n, d, null);
  const layout = histogramLayout(mapper.nBins);
  const rules = { minSamplesLeaf, l2Regularization: 0, minHessianToSplit: 1e-3, constantHessian: true };
  return createGrowContext(binned.bins, n, layout, binned.hasMissing, mapper, rules, { ...limits, learningRate: 1 });
}

function depthOf(tree: GbdtTree, node = 0): number {
  return tree.feature[node] < 0 ? 0 : 1 + Math.max(depthOf(tree, tree.left[node]), depthOf(tree, tree.right[node]));
}

describe('growTree', () => {
  const p = syntheticProblem(3000, 4, 21, 'regression');
  const grad = Float32Array.from(p.y, (v) => -v);

  it('keeps to maxLeafNodes, maxDepth and minSamplesLeaf', () => {
    for (const [limits, msl] of [
      [{ maxLeafNodes: 31, maxDepth: null }, 20],
      [{ maxLeafNodes: 7, maxDepth: null }, 20],
      [{ maxLeafNodes: null, maxDepth: 3 }, 20],
      [{ maxLeafNodes: null, maxDepth: null }, 400],
    ] as const) {
      const ctx = contextFor(p.X, p.n, p.d, limits, msl);
      const { tree } = growTree(ctx, grad, null);
      const leaves = tree.feature.filter((f) => f < 0).length;
      if (limits.maxLeafNodes !== null) expect(leaves).toBe(limits.maxLeafNodes); // a strong signal fills every leaf
      if (limits.maxDepth !== null) expect(depthOf(tree)).toBe(limits.maxDepth);
      tree.feature.forEach((f, i) => {
        if (f < 0) expect(tree.count[i]).toBeGreaterThanOrEqual(msl);
        else expect(tree.count[tree.left[i]] + tree.count[tree.right[i]]).toBe(tree.count[i]);
      });
      expect(tree.count[0]).toBe(p.n);
    }
  });

  it('gives each leaf the Newton step −G/H of its rows, and its rows the leaf value', () => {
    const ctx = contextFor(p.X, p.n, p.d, { maxLeafNodes: 31, maxDepth: null });
    const grown = growTree(ctx, grad, null);
    const raw = new Float64Array(p.n);
    addLeafValues(ctx, grown, raw, 1, 0);
    // Group rows by the leaf they reach through the tree's raw thresholds: each leaf's value is the mean of y.
    const sums = new Map<number, [number, number]>();
    for (let i = 0; i < p.n; i++) {
      let node = 0;
      const t = grown.tree;
      while (t.feature[node] >= 0) node = p.X[i * p.d + t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node];
      const s = sums.get(node) ?? [0, 0];
      sums.set(node, [s[0] + p.y[i], s[1] + 1]);
      expect(raw[i]).toBe(t.value[node]);
    }
    for (const [leaf, [sum, count]] of sums) {
      expect(grown.tree.count[leaf]).toBe(count);
      expect(grown.tree.value[leaf]).toBeCloseTo(sum / count, 4); // gradients are float32
    }
  });

  it('routes missing values the way training learned: a missing x that means "high y" goes with high x', async () => {
    // y = x on [0, 1], but rows with x missing have y = 3: the missing rows must join the right side.
    const n = 1000;
    const X = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? NaN : (i % 97) / 97));
    const y = Float64Array.from(X, (x) => (Number.isNaN(x) ? 3 : x));
    const fit = await trainGbdt(X, n, 1, y, { task: 'regression', maxIter: 1, maxLeafNodes: 2, learningRate: 1 });
    const [stump] = fit.model.trees;
    expect(stump.feature[0]).toBe(0);
    const missingChild = stump.missingLeft[0] ? stump.left[0] : stump.right[0];
    // The missing rows sit with the high-x side, whose mean is far above the low side's.
    expect(stump.value[missingChild]).toBe(Math.max(stump.value[stump.left[0]], stump.value[stump.right[0]]));
    const [low, missing] = predict(fit.model, Float64Array.of(0.01, NaN), 2);
    expect(missing).toBeGreaterThan(low + 1);
  });

  it('sends missing values of a feature that had none in training to the child with more rows', async () => {
    // y jumps at x = 0.8: the left child holds 80% of the rows, so an unseen NaN goes left.
    const n = 1000;
    const X = Float64Array.from({ length: n }, (_, i) => i / n);
    const y = Float64Array.from(X, (x) => (x > 0.8 ? 1 : 0));
    const fit = await trainGbdt(X, n, 1, y, { task: 'regression', maxIter: 1, maxLeafNodes: 2 });
    const [stump] = fit.model.trees;
    expect(stump.threshold[0]).toBeCloseTo(0.8, 2);
    expect(stump.missingLeft[0]).toBe(true);
    const [left, missing] = predict(fit.model, Float64Array.of(0.1, NaN), 2);
    expect(missing).toBe(left);
    // Flip it: the jump at 0.2 makes the right child the larger one.
    const y2 = Float64Array.from(X, (x) => (x > 0.2 ? 1 : 0));
    const fit2 = await trainGbdt(X, n, 1, y2, { task: 'regression', maxIter: 1, maxLeafNodes: 2 });
    expect(fit2.model.trees[0].missingLeft[0]).toBe(false);
  });

  it('builds the same tree whether below-root histograms go row- or feature-wise', () => {
    const big = syntheticProblem(5000, 6, 33, 'regression');
    const g = Float32Array.from(big.y, (v) => 10 - v);
    const byRows = contextFor(big.X, big.n, big.d, { maxLeafNodes: 31, maxDepth: null });
    const byColumns = contextFor(big.X, big.n, big.d, { maxLeafNodes: 31, maxDepth: null });
    byRows.byColumns = false;
    byColumns.byColumns = true;
    expect(growTree(byColumns, g, null).tree).toEqual(growTree(byRows, g, null).tree);
  });
});
