// Emits a stack of dense layers as ONNX nodes: one Gemm per layer, then its activation, as TF.js computes it.

import type { DenseActivation, DenseModel } from './dense-model.ts';
import { attr, type GraphBuilder } from './graph.ts';

/** Takes `x` [N, inputSize of the first layer]; returns the name of the last layer's output [N, units]. */
export function emitDenseLayers(g: GraphBuilder, x: string, model: DenseModel): string {
  let h = x;
  model.layers.forEach((layer, i) => {
    if (layer.kernel.length !== layer.inputSize * layer.units) {
      throw new Error(`Layer ${i + 1} has ${layer.kernel.length} kernel values for ${layer.inputSize} × ${layer.units}`);
    }
    if (i > 0 && model.layers[i - 1].units !== layer.inputSize) {
      throw new Error(`Layer ${i + 1} takes ${layer.inputSize} inputs but layer ${i} gives ${model.layers[i - 1].units}`);
    }
    // Gemm's B is [K, N] with transB = 0: exactly TF.js's [in, out] kernel, so no transpose of the weights.
    const kernel = g.floatTensor(`dense${i + 1}_kernel`, [layer.inputSize, layer.units], layer.kernel);
    const inputs = [h, kernel];
    if (layer.bias) inputs.push(g.floatTensor(`dense${i + 1}_bias`, [layer.units], layer.bias));
    h = g.op('Gemm', inputs, { transA: attr.int(0), transB: attr.int(0) });
    h = emitActivation(g, h, layer.activation);
  });
  return h;
}

/** Element-wise activations (softmax over the last axis), with TF.js's constants. */
export function emitActivation(g: GraphBuilder, x: string, activation: DenseActivation): string {
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return g.op('Relu', [x]);
    case 'relu6':
      return g.op('Clip', [x, g.floatTensor('zero', [], [0]), g.floatTensor('six', [], [6])]);
    case 'elu':
      return g.op('Elu', [x], { alpha: attr.float(1) });
    case 'selu':
      // TF.js's selu: scale·alpha = 1.7580993408473768, scale = 1.0507009873554805.
      return g.op('Selu', [x], { alpha: attr.float(1.6732632423543772), gamma: attr.float(1.0507009873554805) });
    case 'sigmoid':
      return g.op('Sigmoid', [x]);
    case 'hardSigmoid':
      // Keras's hard sigmoid: clip(0.2·x + 0.5, 0, 1).
      return g.op('HardSigmoid', [x], { alpha: attr.float(0.2), beta: attr.float(0.5) });
    case 'tanh':
      return g.op('Tanh', [x]);
    case 'softmax':
      return g.op('Softmax', [x], { axis: attr.int(-1) });
    case 'softplus':
      return g.op('Softplus', [x]);
    case 'softsign':
      return g.op('Softsign', [x]);
    case 'swish':
      return g.op('Mul', [x, g.op('Sigmoid', [x])]);
    case 'mish':
      return g.op('Mul', [x, g.op('Tanh', [g.op('Softplus', [x])])]);
    case 'gelu': {
      // x · Φ(x) with Φ(x) = (1 + erf(x / √2)) / 2.
      const erf = g.op('Erf', [g.op('Div', [x, g.floatTensor('sqrt2', [], [Math.SQRT2])])]);
      const phi = g.op('Mul', [g.op('Add', [erf, g.floatTensor('one', [], [1])]), g.floatTensor('half', [], [0.5])]);
      return g.op('Mul', [x, phi]);
    }
  }
}
