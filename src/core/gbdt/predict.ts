// Predictions of a trained model on raw feature values: raw scores, class probabilities, classes.

import { UserError } from '../errors/user-error.ts';
import { checkMatrix, isRowMajor, type FeatureMatrix } from './feature-matrix.ts';
import { sigmoid, softmaxInto } from './loss.ts';
import type { GbdtModel } from './model.ts';

/** All trees' nodes in typed arrays, child indices absolute: built once per model. */
interface PackedTrees {
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

const packed = new WeakMap<GbdtModel, PackedTrees>();

function pack(model: GbdtModel): PackedTrees {
  const cached = packed.get(model);
  if (cached) return cached;
  const size = model.trees.reduce((s, t) => s + t.feature.length, 0);
  const p: PackedTrees = {
    roots: new Int32Array(model.trees.length),
    feature: new Int32Array(size),
    threshold: new Float64Array(size),
    missingLeft: new Uint8Array(size),
    left: new Int32Array(size),
    right: new Int32Array(size),
    value: new Float64Array(size),
  };
  let at = 0;
  model.trees.forEach((tree, t) => {
    p.roots[t] = at;
    for (let i = 0; i < tree.feature.length; i++) {
      p.feature[at + i] = tree.feature[i];
      p.threshold[at + i] = tree.threshold[i];
      p.missingLeft[at + i] = tree.missingLeft[i] ? 1 : 0;
      p.left[at + i] = tree.left[i] + at;
      p.right[at + i] = tree.right[i] + at;
      p.value[at + i] = tree.value[i];
    }
    at += tree.feature.length;
  });
  packed.set(model, p);
  return p;
}

/** Raw scores, row-major n × model.outputs: the baseline plus every tree's leaf. */
export function predict(model: GbdtModel, X: FeatureMatrix, n: number): Float64Array {
  const d = model.nFeatures;
  checkMatrix(X, n, d);
  const { roots, feature, threshold, missingLeft, left, right, value } = pack(model);
  const K = model.outputs;
  const out = new Float64Array(n * K);
  const rowMajor = isRowMajor(X) ? X : null;
  const columns = isRowMajor(X) ? null : X;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) out[i * K + k] = model.baseline[k];
    const base = i * d;
    for (let t = 0; t < roots.length; t++) {
      let node = roots[t];
      let f = feature[node];
      while (f >= 0) {
        const x = rowMajor ? rowMajor[base + f] : columns![f][i];
        node = (x !== x ? missingLeft[node] === 1 : x <= threshold[node]) ? left[node] : right[node];
        f = feature[node];
      }
      out[i * K + (t % K)] += value[node];
    }
  }
  return out;
}

/** Class probabilities, row-major n × nClasses. */
export function predictProba(model: GbdtModel, X: FeatureMatrix, n: number): Float64Array {
  if (model.task !== 'classification') throw new UserError('A regression model gives values, not class probabilities');
  const raw = predict(model, X, n);
  const K = model.nClasses;
  const out = new Float64Array(n * K);
  if (model.outputs === 1) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(raw[i]);
      out[2 * i] = 1 - p;
      out[2 * i + 1] = p;
    }
    return out;
  }
  const p = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    softmaxInto(raw, i * K, K, p);
    out.set(p, i * K);
  }
  return out;
}

/** The most likely class of each row (the first on ties). */
export function predictClass(model: GbdtModel, X: FeatureMatrix, n: number): Int32Array {
  if (model.task !== 'classification') throw new UserError('A regression model gives values, not classes');
  const raw = predict(model, X, n);
  const out = new Int32Array(n);
  const K = model.outputs;
  for (let i = 0; i < n; i++) {
    if (K === 1) out[i] = raw[i] > 0 ? 1 : 0;
    else {
      let best = 0;
      for (let k = 1; k < K; k++) if (raw[i * K + k] > raw[i * K + best]) best = k;
      out[i] = best;
    }
  }
  return out;
}
