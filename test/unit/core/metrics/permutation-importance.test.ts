import { describe, expect, it } from 'vitest';
import { featureGroupsFromSpec, permutationImportance } from '../../../../src/core/metrics/permutation-importance.ts';
import { createRng } from '../../../../src/core/random.ts';
import type { PreprocessSpec } from '../../../../src/core/prep/preprocess.ts';

/** 400 rows: x0 drives y strongly, x1 weakly, x2 not at all; columns 3-5 one-hot a category that adds 0 / 1 / 2. */
function data() {
  const n = 400;
  const d = 6;
  const rng = createRng(1);
  const X = new Float32Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x0 = rng() * 2 - 1;
    const x1 = rng() * 2 - 1;
    const x2 = rng() * 2 - 1;
    const cat = Math.floor(rng() * 3);
    X.set([x0, x1, x2, cat === 0 ? 1 : 0, cat === 1 ? 1 : 0, cat === 2 ? 1 : 0], i * d);
    y[i] = 3 * x0 + 0.5 * x1 + cat;
  }
  return { X, y, n, d };
}

/** The true function; it refuses an impossible one-hot row, so a feature group split apart would be caught. */
function model(X: Float32Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const hot = X[i * 6 + 3] + X[i * 6 + 4] + X[i * 6 + 5];
    if (hot !== 1) throw new Error(`row ${i} has ${hot} one-hot slots set`);
    out[i] = 3 * X[i * 6] + 0.5 * X[i * 6 + 1] + X[i * 6 + 4] + 2 * X[i * 6 + 5];
  }
  return out;
}

const groups = [
  { name: 'x0', columns: [0] },
  { name: 'x1', columns: [1] },
  { name: 'x2', columns: [2] },
  { name: 'cat', columns: [3, 4, 5] },
];

describe('permutationImportance', () => {
  it('ranks features by how much shuffling them hurts, and gives exactly 0 to an unused one', async () => {
    const { X, y, n, d } = data();
    const r = await permutationImportance(model, X, n, d, y, 'rmse', { repeats: 4, seed: 3, groups });
    expect(r.baseline).toBeLessThan(1e-6);
    const by = Object.fromEntries(r.features.map((f) => [f.name, f]));
    expect(by.x0.mean).toBeGreaterThan(by.cat.mean);
    expect(by.cat.mean).toBeGreaterThan(by.x1.mean);
    expect(by.x1.mean).toBeGreaterThan(0);
    expect(by.x2.mean).toBe(0);
    expect(by.x2.std).toBe(0);
    for (const f of r.features) {
      expect(f.drops.length).toBe(4);
      const mean = f.drops.reduce((a, b) => a + b, 0) / 4;
      expect(f.mean).toBeCloseTo(mean, 12);
      expect(f.std).toBeCloseTo(Math.sqrt(f.drops.reduce((a, b) => a + (b - mean) ** 2, 0) / 4), 12);
    }
  });

  it('is positive for a higher-is-better metric too, and reproducible with a seed', async () => {
    const { X, y, n, d } = data();
    const a = await permutationImportance(model, X, n, d, y, 'r2', { repeats: 3, seed: 9, groups });
    const b = await permutationImportance(model, X, n, d, y, 'r2', { repeats: 3, seed: 9, groups });
    const c = await permutationImportance(model, X, n, d, y, 'r2', { repeats: 3, seed: 10, groups });
    expect(a.features[0].mean).toBeGreaterThan(0.5);
    expect(a).toEqual(b);
    expect(a.features[0].drops).not.toEqual(c.features[0].drops);
  });

  it('accepts a custom score, subsamples rows, reports progress and leaves X untouched', async () => {
    const { X, y, n, d } = data();
    const before = X.slice();
    let calls = 0;
    const seen: number[] = [];
    const r = await permutationImportance(
      async (x, m) => {
        calls++;
        expect(m).toBe(100);
        return model(x, m);
      },
      X, n, d, y,
      { higherIsBetter: false, score: (t, o) => Math.max(...Array.from(t, (v, i) => Math.abs(v - o[i]))) },
      { repeats: 2, seed: 1, groups, maxRows: 100, onProgress: (done) => seen.push(done) },
    );
    expect(r.rows).toBe(100);
    expect(calls).toBe(1 + 4 * 2);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(X).toEqual(before);
  });

  it('groups one-hot columns by source column from a preprocessing recipe', () => {
    const spec: PreprocessSpec = {
      version: 1,
      outputWidth: 5,
      features: [
        { name: 'age', kind: 'numeric', impute: 0, mean: 0, std: 1 },
        { name: 'colour', kind: 'onehot', categories: ['red', 'green', 'blue'], impute: 'red' },
        { name: 'empty', kind: 'onehot', categories: [], impute: '' },
        { name: 'height', kind: 'numeric', impute: 0, mean: 0, std: 1 },
      ],
    };
    expect(featureGroupsFromSpec(spec)).toEqual([
      { name: 'age', columns: [0] },
      { name: 'colour', columns: [1, 2, 3] },
      { name: 'height', columns: [4] },
    ]);
  });
});
