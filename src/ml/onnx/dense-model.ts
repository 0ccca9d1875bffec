// A stack of dense layers as plain arrays, read from saved TF.js artifacts without loading TF.js.

import { UserError } from '../../core/errors/user-error.ts';
import type { ModelArtifactsPlain } from '../artifacts.ts';

/** Activations as TF.js names them (its Keras-style JSON writes hardSigmoid as hard_sigmoid). */
export type DenseActivation =
  | 'linear'
  | 'relu'
  | 'relu6'
  | 'elu'
  | 'selu'
  | 'sigmoid'
  | 'hardSigmoid'
  | 'tanh'
  | 'softmax'
  | 'softplus'
  | 'softsign'
  | 'swish'
  | 'mish'
  | 'gelu';

export interface DenseLayer {
  inputSize: number;
  units: number;
  /** inputSize × units, row-major: TF.js's own [in, out] layout, so y = x·kernel + bias. */
  kernel: Float32Array;
  /** Length units; absent when the layer has no bias. */
  bias?: Float32Array;
  activation: DenseActivation;
}

export interface DenseModel {
  kind: 'dense';
  layers: DenseLayer[];
}

const ACTIVATIONS: Record<string, DenseActivation> = {
  linear: 'linear',
  relu: 'relu',
  relu6: 'relu6',
  elu: 'elu',
  selu: 'selu',
  sigmoid: 'sigmoid',
  hard_sigmoid: 'hardSigmoid',
  hardSigmoid: 'hardSigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
  softplus: 'softplus',
  softsign: 'softsign',
  swish: 'swish',
  mish: 'mish',
  gelu: 'gelu',
  // Not gelu_new: TF.js 4.22 saves it but cannot load it back, so no Lathe model can hold it.
};

interface KerasLayer {
  class_name: string;
  config: { name?: string; units?: number; activation?: string | null; use_bias?: boolean };
}

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

/**
 * Reads a TF.js Sequential model of Dense layers (with Activation and Dropout layers between them,
 * which inference folds in or skips) into a DenseModel.
 */
export function denseModelFromArtifacts(artifacts: ModelArtifactsPlain): DenseModel {
  const topology = artifacts.modelTopology as { class_name?: string; config?: { layers?: KerasLayer[] } };
  const keras = topology.class_name === undefined && 'model_config' in topology ? (topology.model_config as typeof topology) : topology;
  if (keras.class_name !== 'Sequential' || !Array.isArray(keras.config?.layers)) {
    throw new UserError(
      `The ONNX export reads sequential models only, and this one is a ${keras.class_name ?? 'model of unknown shape'}`,
      'Export the TF.js files instead, or retrain with a supported model type.',
    );
  }
  const weights = readWeights(artifacts);
  const layers: DenseLayer[] = [];
  for (const layer of keras.config.layers) {
    const cls = layer.class_name;
    if (cls === 'Dropout') continue;
    if (cls === 'Activation') {
      const last = layers[layers.length - 1];
      const activation = activationOf(layer.config.activation);
      if (activation === 'linear') continue;
      if (!last || last.activation !== 'linear') throw unsupported(`two activations in a row (${layer.config.name})`);
      last.activation = activation;
      continue;
    }
    if (cls !== 'Dense') throw unsupported(`a ${cls} layer`);
    const name = layer.config.name ?? '';
    const kernel = weights.get(`${name}/kernel`);
    if (!kernel || kernel.shape.length !== 2) throw new Error(`Dense layer "${name}" has no 2-D kernel in the weights`);
    const [inputSize, units] = kernel.shape;
    const dense: DenseLayer = { inputSize, units, kernel: kernel.values, activation: activationOf(layer.config.activation) };
    if (layer.config.use_bias !== false) {
      const bias = weights.get(`${name}/bias`);
      if (!bias || bias.values.length !== units) throw new Error(`Dense layer "${name}" has no bias of length ${units}`);
      dense.bias = bias.values;
    }
    const previous = layers[layers.length - 1];
    if (previous && previous.units !== inputSize) {
      throw new Error(`Dense layer "${name}" takes ${inputSize} inputs but the layer before gives ${previous.units}`);
    }
    layers.push(dense);
  }
  if (layers.length === 0) throw unsupported('no Dense layer');
  return { kind: 'dense', layers };
}

function activationOf(name: string | null | undefined): DenseActivation {
  if (name === null || name === undefined) return 'linear';
  const activation = ACTIVATIONS[name];
  if (!activation) throw unsupported(`the activation "${name}"`);
  return activation;
}

function unsupported(what: string): UserError {
  return new UserError(
    `The ONNX export does not support ${what} yet`,
    'Export the TF.js files instead, or retrain with a supported model type.',
  );
}

/** Weight tensors by name; weightData holds them back to back, in weightSpecs order, little-endian. */
function readWeights(artifacts: ModelArtifactsPlain): Map<string, { shape: number[]; values: Float32Array }> {
  const specs = artifacts.weightSpecs as WeightSpec[];
  const view = new DataView(artifacts.weightData);
  const out = new Map<string, { shape: number[]; values: Float32Array }>();
  let offset = 0;
  for (const spec of specs) {
    if (spec.dtype !== 'float32') throw unsupported(`weights of type ${spec.dtype} (${spec.name})`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (offset + size * 4 > view.byteLength) throw new Error(`The weights end before "${spec.name}"`);
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = view.getFloat32(offset + i * 4, true);
    out.set(spec.name, { shape: spec.shape, values });
    offset += size * 4;
  }
  return out;
}
