import { describe, expect, it } from 'vitest';
import * as ortWeb from 'onnxruntime-web';
import { fitPreprocessing } from '../../../../src/core/prep/preprocess.ts';
import type { DenseModel } from '../../../../src/ml/onnx/dense-model.ts';
import { pipelineToOnnx } from '../../../../src/ml/onnx/pipeline.ts';
import { feedsFor, maxAbsDiff, mixedData, runOnnx } from './fixtures.ts';

// The browser's runtime (WebAssembly) must run the same graph: a parity check in the page depends on it.
describe('the exported graph in onnxruntime-web (wasm)', () => {
  it('runs it like onnxruntime-node, string inputs and ai.onnx.ml ops included', async () => {
    const data = mixedData(120, 13);
    const spec = fitPreprocessing(data.table, data.features, data.train);
    const model: DenseModel = {
      kind: 'dense',
      layers: [
        {
          inputSize: spec.outputWidth,
          units: 3,
          kernel: Float32Array.from({ length: spec.outputWidth * 3 }, (_, i) => Math.cos(i)),
          bias: Float32Array.of(0.1, 0, -0.1),
          activation: 'softmax',
        },
      ],
    };
    const bytes = pipelineToOnnx(spec, model, { task: 'classification', classes: ['a', 'b', 'c'] }, { name: 'web', producerVersion: 'test' }, { exposeFeatures: true });
    const rows = Int32Array.from({ length: 120 }, (_, i) => i);
    const fromNode = await runOnnx(bytes, feedsFor(spec, data, rows));

    ortWeb.env.wasm.numThreads = 1;
    const session = await ortWeb.InferenceSession.create(bytes);
    const feeds = Object.fromEntries(
      Object.entries(feedsFor(spec, data, rows)).map(([name, t]) => [name, new ortWeb.Tensor(t.type as 'float32', t.data as Float32Array, t.dims)]),
    );
    const fromWeb = await session.run(feeds);
    await session.release();
    // Preprocessing and labels agree exactly; the matrix product runs on different kernels (wasm SIMD vs MLAS).
    for (const name of ['label', 'features']) {
      expect(Array.from(fromWeb[name].data as ArrayLike<unknown>), name).toEqual(Array.from(fromNode[name].data as ArrayLike<unknown>));
    }
    expect(maxAbsDiff(fromWeb.probabilities.data as Float32Array, fromNode.probabilities.data as Float32Array)).toBeLessThanOrEqual(1e-6);
  });
});
