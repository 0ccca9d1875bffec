import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import { resolveParams } from '../../../../src/core/gbdt/options.ts';

describe('resolveParams', () => {
  it("fills in scikit-learn 1.2's HistGradientBoosting defaults", () => {
    // From sklearn's documentation: learning_rate=0.1, max_iter=100, max_leaf_nodes=31, max_depth=None,
    // min_samples_leaf=20, l2_regularization=0, max_bins=255, early_stopping='auto',
    // validation_fraction=0.1, n_iter_no_change=10, tol=1e-7 (and 200,000 rows for the bin edges).
    expect(resolveParams({ task: 'regression' })).toEqual({
      task: 'regression',
      learningRate: 0.1,
      maxIter: 100,
      maxLeafNodes: 31,
      maxDepth: null,
      minSamplesLeaf: 20,
      l2Regularization: 0,
      maxBins: 255,
      earlyStopping: 'auto',
      validationFraction: 0.1,
      nIterNoChange: 10,
      tol: 1e-7,
      seed: 0,
      binSubsample: 200_000,
    });
  });

  it('keeps what is given, treats undefined as the default, and leaves the signal out', () => {
    const p = resolveParams({ task: 'classification', maxLeafNodes: null, maxDepth: 4, learningRate: undefined, signal: new AbortController().signal });
    expect([p.maxLeafNodes, p.maxDepth, p.learningRate]).toEqual([null, 4, 0.1]);
    expect('signal' in p).toBe(false);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it('rejects values scikit-learn would reject, as UserErrors', () => {
    const bad = [
      { maxIter: 0 },
      { maxIter: 2.5 },
      { minSamplesLeaf: 0 },
      { maxDepth: 0 },
      { l2Regularization: -1 },
      { maxBins: 1 },
      { validationFraction: 1 },
      { nIterNoChange: 0 },
      { tol: -1 },
      { learningRate: Number.NaN },
    ];
    for (const opts of bad) expect(() => resolveParams({ task: 'regression', ...opts }), JSON.stringify(opts)).toThrow(UserError);
    expect(() => resolveParams({ task: 'ranking' as 'regression' })).toThrow(/regression" or "classification/);
  });
});
