import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { float32AtMost, toTreeEnsembleAttributes, type TreeEnsembleAttributes } from '../../../../src/core/gbdt/onnx-attributes.ts';
import { predict, predictClass, predictProba } from '../../../../src/core/gbdt/predict.ts';
import { trainGbdt } from '../../../../src/core/gbdt/train.ts';
import { attr, GraphBuilder, ML_DOMAIN, type AttrValue } from '../../../../src/ml/onnx/graph.ts';
import { syntheticProblem } from './fixtures.ts';

/** One TreeEnsemble node as a whole ONNX model, built with Lathe's graph builder (test-only use). */
function ensembleModel(a: TreeEnsembleAttributes, d: number, classes: number): Uint8Array {
  const g = new GraphBuilder('gbdt');
  g.addInput('X', 'FLOAT', ['N', d]);
  const attrs: Record<string, AttrValue> = {};
  for (const [key, value] of Object.entries(a)) {
    if (key === 'opType') continue;
    if (typeof value === 'string') attrs[key] = attr.string(value);
    else if (typeof value === 'number') attrs[key] = attr.int(value);
    else if (typeof (value as unknown[])[0] === 'string') attrs[key] = attr.strings(value as string[]);
    else if (/values$|weights$/.test(key)) attrs[key] = attr.floats(value as number[]);
    else attrs[key] = attr.ints(value as number[]);
  }
  if (a.opType === 'TreeEnsembleRegressor') {
    g.reserve('prediction');
    g.node(a.opType, ['X'], { outputs: ['prediction'], domain: ML_DOMAIN, attrs });
    g.addOutput('prediction', 'FLOAT', ['N', 1]);
  } else {
    g.reserve('label', 'probabilities');
    g.node(a.opType, ['X'], { outputs: ['label', 'probabilities'], domain: ML_DOMAIN, attrs });
    g.addOutput('label', 'INT64', ['N']);
    g.addOutput('probabilities', 'FLOAT', ['N', classes]);
  }
  return g.toModelBytes({ producerName: 'Lathe test', producerVersion: '0' });
}

async function run(bytes: Uint8Array, X: Float32Array, n: number, d: number) {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return await session.run({ X: new ort.Tensor('float32', X, [n, d]) });
  } finally {
    await session.release();
  }
}

/** float32 inputs with missing values, so that both sides read exactly the same numbers. */
function float32Problem(task: 'regression' | 'binary' | 'multiclass') {
  const p = syntheticProblem(700, 4, 13, task);
  const X = Float32Array.from(p.X, (v, i) => (i % 23 === 0 ? NaN : v));
  return { ...p, X };
}

describe('toTreeEnsembleAttributes, run by onnxruntime-node', () => {
  it('regressor: the same predictions as Lathe (float32 precision)', async () => {
    const p = float32Problem('regression');
    const { model } = await trainGbdt(p.X, p.n, p.d, p.y, { task: 'regression', maxIter: 40 });
    const a = toTreeEnsembleAttributes(model);
    expect(a.opType).toBe('TreeEnsembleRegressor');
    const out = await run(ensembleModel(a, p.d, 1), p.X, p.n, p.d);
    const want = predict(model, p.X, p.n);
    const got = out.prediction.data as Float32Array;
    // Weights and sums in float32: 1e-5 of the target's scale (about 10).
    for (let i = 0; i < p.n; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-4);
  });

  it('binary classifier: probabilities [1 − p, p] and labels as Lathe gives them', async () => {
    const p = float32Problem('binary');
    const { model } = await trainGbdt(p.X, p.n, p.d, p.y, { task: 'classification', maxIter: 40 });
    const a = toTreeEnsembleAttributes(model);
    expect(a.opType === 'TreeEnsembleClassifier' && a.post_transform).toBe('LOGISTIC');
    const out = await run(ensembleModel(a, p.d, 2), p.X, p.n, p.d);
    const proba = predictProba(model, p.X, p.n);
    const got = out.probabilities.data as Float32Array;
    for (let i = 0; i < 2 * p.n; i++) expect(Math.abs(got[i] - proba[i])).toBeLessThan(1e-5);
    expect(Array.from(out.label.data as BigInt64Array, Number)).toEqual(Array.from(predictClass(model, p.X, p.n)));
  });

  it('multiclass classifier: softmax probabilities and labels as Lathe gives them', async () => {
    const p = float32Problem('multiclass');
    const { model } = await trainGbdt(p.X, p.n, p.d, p.y, { task: 'classification', maxIter: 30 });
    const a = toTreeEnsembleAttributes(model);
    expect(a.opType === 'TreeEnsembleClassifier' && a.post_transform).toBe('SOFTMAX');
    const out = await run(ensembleModel(a, p.d, 3), p.X, p.n, p.d);
    const proba = predictProba(model, p.X, p.n);
    const got = out.probabilities.data as Float32Array;
    for (let i = 0; i < 3 * p.n; i++) expect(Math.abs(got[i] - proba[i])).toBeLessThan(1e-5);
    expect(Array.from(out.label.data as BigInt64Array, Number)).toEqual(Array.from(predictClass(model, p.X, p.n)));
  });

  it('lays out one entry per node, leaves as LEAF, missing values following Lathe', async () => {
    const p = float32Problem('multiclass');
    const { model } = await trainGbdt(p.X, p.n, p.d, p.y, { task: 'classification', maxIter: 2 });
    const a = toTreeEnsembleAttributes(model);
    if (a.opType !== 'TreeEnsembleClassifier') throw new Error('classifier expected');
    const nodes = model.trees.reduce((s, t) => s + t.feature.length, 0);
    const leaves = model.trees.reduce((s, t) => s + t.feature.filter((f) => f < 0).length, 0);
    for (const key of ['nodes_treeids', 'nodes_nodeids', 'nodes_featureids', 'nodes_values', 'nodes_modes', 'nodes_truenodeids', 'nodes_falsenodeids', 'nodes_missing_value_tracks_true'] as const) {
      expect(a[key].length, key).toBe(nodes);
    }
    expect(a.nodes_modes.filter((m) => m === 'LEAF').length).toBe(leaves);
    expect(a.class_weights.length).toBe(leaves);
    expect(a.classlabels_int64s).toEqual([0, 1, 2]);
    expect(a.base_values).toEqual(model.baseline);
    const tree = model.trees[4];
    const at = model.trees.slice(0, 4).reduce((s, t) => s + t.feature.length, 0);
    expect(a.nodes_treeids[at]).toBe(4);
    expect(a.nodes_truenodeids[at]).toBe(tree.left[0]);
    expect(a.nodes_missing_value_tracks_true[at]).toBe(tree.missingLeft[0] ? 1 : 0);
  });
});

/** The next float32 above a float32 f (finite, not −0). */
function nextUp32(f: number): number {
  const a = new Float32Array([f]);
  const bits = new Int32Array(a.buffer);
  if (f > 0) bits[0] += 1;
  else if (f < 0) bits[0] -= 1;
  else bits[0] = 1; // the smallest positive subnormal
  return a[0];
}

describe('float32AtMost', () => {
  it('rounds a threshold down to float32, so x ≤ t holds for exactly the same float32 x', () => {
    for (const t of [0.1, -0.1, 1 / 3, 2.5, -1e-30, 1e-46, -1e-46, 123456.789, 3.4e38]) {
      const f = float32AtMost(t);
      expect(Math.fround(f)).toBe(f);
      expect(f).toBeLessThanOrEqual(t);
      expect(nextUp32(f)).toBeGreaterThan(t);
    }
    expect(float32AtMost(2.5)).toBe(2.5);
    // Number.MAX_VALUE (the present-vs-missing threshold) becomes the largest float32.
    expect(float32AtMost(Number.MAX_VALUE)).toBe(3.4028234663852886e38);
  });
});
