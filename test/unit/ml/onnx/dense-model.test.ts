import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import { saveArtifacts } from '../../../../src/ml/artifacts.ts';
import { denseModelFromArtifacts } from '../../../../src/ml/onnx/dense-model.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function artifactsOf(model: tf.Sequential) {
  try {
    return await saveArtifacts(model, { task: 'classification', nClasses: 2 });
  } finally {
    model.dispose();
  }
}

describe('denseModelFromArtifacts', () => {
  it('reads kernels in TF.js [in, out] order, biases, activations; folds Activation layers and skips Dropout', async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [3], units: 4, kernelInitializer: tf.initializers.randomNormal({ seed: 1 }), biasInitializer: 'ones' }));
    model.add(tf.layers.activation({ activation: 'tanh' }));
    model.add(tf.layers.dropout({ rate: 0.5 }));
    model.add(tf.layers.dense({ units: 2, activation: 'softmax', useBias: false, kernelInitializer: tf.initializers.randomNormal({ seed: 2 }) }));
    const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
    const shapes = model.getWeights().map((w) => w.shape);
    const dense = denseModelFromArtifacts(await artifactsOf(model));

    expect(shapes).toEqual([[3, 4], [4], [4, 2]]);
    expect(dense.layers).toHaveLength(2);
    const [first, second] = dense.layers;
    expect([first.inputSize, first.units, first.activation]).toEqual([3, 4, 'tanh']);
    expect(Array.from(first.kernel)).toEqual(weights[0]);
    expect(Array.from(first.bias ?? [])).toEqual([1, 1, 1, 1]);
    expect([second.inputSize, second.units, second.activation, second.bias]).toEqual([4, 2, 'softmax', undefined]);
    expect(Array.from(second.kernel)).toEqual(weights[2]);
  });

  it('reads Keras\'s hard_sigmoid spelling', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1, activation: 'hardSigmoid' })] });
    const artifacts = await artifactsOf(model);
    expect(JSON.stringify(artifacts.modelTopology)).toContain('"hard_sigmoid"');
    expect(denseModelFromArtifacts(artifacts).layers[0].activation).toBe('hardSigmoid');
  });

  it('says which layer it cannot export', async () => {
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [2], units: 3 }), tf.layers.batchNormalization(), tf.layers.dense({ units: 1 })],
    });
    const artifacts = await artifactsOf(model);
    expect(() => denseModelFromArtifacts(artifacts)).toThrow(UserError);
    expect(() => denseModelFromArtifacts(artifacts)).toThrow(/does not support a BatchNormalization layer/);
  });

  it('refuses two activations in a row rather than dropping one', async () => {
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [2], units: 3, activation: 'relu' }), tf.layers.activation({ activation: 'tanh' })],
    });
    const artifacts = await artifactsOf(model);
    expect(() => denseModelFromArtifacts(artifacts)).toThrow(/two activations in a row/);
  });

  it('refuses models that are not sequential', async () => {
    const input = tf.input({ shape: [2] });
    const output = tf.layers.dense({ units: 1 }).apply(input) as tf.SymbolicTensor;
    const functional = tf.model({ inputs: input, outputs: output });
    const artifacts = await saveArtifacts(functional, { task: 'regression', nClasses: 1 });
    functional.dispose();
    expect(() => denseModelFromArtifacts(artifacts)).toThrow(UserError);
    expect(() => denseModelFromArtifacts(artifacts)).toThrow(/sequential models only/);
  });
});
