// A trained model as the attributes of ONNX's ai.onnx.ml TreeEnsembleClassifier / TreeEnsembleRegressor node.

import type { GbdtModel } from './model.ts';

/** The node arrays both operators share; names are the ONNX attribute names. */
export interface TreeEnsembleNodes {
  nodes_treeids: number[];
  nodes_nodeids: number[];
  nodes_featureids: number[];
  /** float32: the largest float32 at or below Lathe's threshold, so that x ≤ value routes float32 inputs as Lathe does. */
  nodes_values: number[];
  nodes_modes: ('BRANCH_LEQ' | 'LEAF')[];
  /** "True" is x ≤ value: Lathe's left child. */
  nodes_truenodeids: number[];
  nodes_falsenodeids: number[];
  nodes_missing_value_tracks_true: number[];
}

export interface TreeEnsembleClassifierAttributes extends TreeEnsembleNodes {
  opType: 'TreeEnsembleClassifier';
  class_treeids: number[];
  class_nodeids: number[];
  class_ids: number[];
  class_weights: number[];
  classlabels_int64s: number[];
  /**
   * SOFTMAX over one score per class; for two classes, LOGISTIC over a single score (every leaf weighs on
   * class id 0, one base value), which onnxruntime, like skl2onnx's binary ensembles, reads as
   * probabilities [1 − σ(s), σ(s)]. (Weights on both class ids with two base values are read otherwise.)
   */
  post_transform: 'LOGISTIC' | 'SOFTMAX';
  base_values: number[];
}

export interface TreeEnsembleRegressorAttributes extends TreeEnsembleNodes {
  opType: 'TreeEnsembleRegressor';
  target_treeids: number[];
  target_nodeids: number[];
  target_ids: number[];
  target_weights: number[];
  n_targets: 1;
  aggregate_function: 'SUM';
  post_transform: 'NONE';
  base_values: number[];
}

export type TreeEnsembleAttributes = TreeEnsembleClassifierAttributes | TreeEnsembleRegressorAttributes;

/**
 * The node takes one FLOAT input [N, model.nFeatures] (NaN = missing) and, for the classifier, outputs the
 * label (INT64 [N]) and the probabilities (FLOAT [N, nClasses]); the regressor outputs FLOAT [N, 1].
 */
export function toTreeEnsembleAttributes(model: GbdtModel): TreeEnsembleAttributes {
  const nodes: TreeEnsembleNodes = {
    nodes_treeids: [],
    nodes_nodeids: [],
    nodes_featureids: [],
    nodes_values: [],
    nodes_modes: [],
    nodes_truenodeids: [],
    nodes_falsenodeids: [],
    nodes_missing_value_tracks_true: [],
  };
  const leafTree: number[] = [];
  const leafNode: number[] = [];
  const leafValue: number[] = [];
  const leafOutput: number[] = [];
  model.trees.forEach((tree, t) => {
    for (let i = 0; i < tree.feature.length; i++) {
      const leaf = tree.feature[i] < 0;
      nodes.nodes_treeids.push(t);
      nodes.nodes_nodeids.push(i);
      nodes.nodes_featureids.push(leaf ? 0 : tree.feature[i]);
      nodes.nodes_values.push(leaf ? 0 : float32AtMost(tree.threshold[i]));
      nodes.nodes_modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      nodes.nodes_truenodeids.push(leaf ? 0 : tree.left[i]);
      nodes.nodes_falsenodeids.push(leaf ? 0 : tree.right[i]);
      nodes.nodes_missing_value_tracks_true.push(!leaf && tree.missingLeft[i] ? 1 : 0);
      if (leaf) {
        leafTree.push(t);
        leafNode.push(i);
        leafValue.push(tree.value[i]);
        leafOutput.push(t % model.outputs);
      }
    }
  });

  if (model.task === 'regression') {
    return {
      opType: 'TreeEnsembleRegressor',
      ...nodes,
      target_treeids: leafTree,
      target_nodeids: leafNode,
      target_ids: leafOutput,
      target_weights: leafValue,
      n_targets: 1,
      aggregate_function: 'SUM',
      post_transform: 'NONE',
      base_values: [model.baseline[0]],
    };
  }
  const classes = Array.from({ length: model.nClasses }, (_, k) => k);
  if (model.outputs === 1) {
    return {
      opType: 'TreeEnsembleClassifier',
      ...nodes,
      class_treeids: leafTree,
      class_nodeids: leafNode,
      class_ids: leafOutput,
      class_weights: leafValue,
      classlabels_int64s: classes,
      post_transform: 'LOGISTIC',
      base_values: [model.baseline[0]],
    };
  }
  return {
    opType: 'TreeEnsembleClassifier',
    ...nodes,
    class_treeids: leafTree,
    class_nodeids: leafNode,
    class_ids: leafOutput,
    class_weights: leafValue,
    classlabels_int64s: classes,
    post_transform: 'SOFTMAX',
    base_values: [...model.baseline],
  };
}

const f32 = new Float32Array(1);
const bits = new Int32Array(f32.buffer);

/** The largest float32 ≤ t (for a float32 x, x ≤ t exactly when x ≤ this). */
export function float32AtMost(t: number): number {
  const f = Math.fround(t);
  if (f <= t) return f;
  // f is the next float32 above t: step one unit in the last place down.
  f32[0] = f;
  if (f > 0) bits[0] -= 1;
  else if (f < 0) bits[0] += 1;
  else bits[0] = 0x80000001; // just below zero: the negative smallest subnormal
  return f32[0];
}
