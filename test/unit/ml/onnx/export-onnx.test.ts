import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { analyzeTarget } from '../../../../src/core/frame/frame.ts';
import { fitPreprocessing } from '../../../../src/core/prep/preprocess.ts';
import { saveArtifacts } from '../../../../src/ml/artifacts.ts';
import { exportOnnx, pipelineTarget } from '../../../../src/ml/onnx/export-onnx.ts';
import { decodeModel } from '../../../../src/ml/onnx/proto.ts';
import { mixedData } from './fixtures.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('exportOnnx', () => {
  it.each([
    ['segment', undefined, ['label', 'probabilities']],
    ['spend', 'regression' as const, ['prediction']],
  ])('turns a %s training result into a graph whose outputs fit the task', async (target, task, outputs) => {
    const data = mixedData(100, 2);
    const frame = { ...analyzeTarget(data.table, target, task), features: data.features };
    const spec = fitPreprocessing(data.table, frame.features, data.train);
    const units = frame.classes?.length ?? 1;
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [spec.outputWidth], units, activation: units > 1 ? 'softmax' : 'linear' })] });
    const artifacts = await saveArtifacts(model, { task: frame.task, nClasses: units });
    model.dispose();

    const { onnx, signature } = exportOnnx({ artifacts, spec, frame, name: 'my-model', producerVersion: '1.2.3' });
    expect(signature.outputs.map((o) => o.name)).toEqual(outputs);
    const decoded = decodeModel(onnx);
    expect([decoded.graph.name, decoded.producerVersion]).toEqual(['my-model', '1.2.3']);
    const session = await ort.InferenceSession.create(onnx);
    expect(session.outputNames).toEqual(outputs);
    expect(session.inputNames).toEqual(signature.inputs.map((i) => i.name));
    await session.release();
  });

  it('needs the class list of a classification frame', () => {
    const data = mixedData(60, 2);
    const frame = analyzeTarget(data.table, 'segment');
    expect(pipelineTarget(frame)).toEqual({ task: 'classification', classes: ['high', 'low', 'mid'] });
    expect(() => pipelineTarget({ ...frame, classes: undefined })).toThrow(/class list/);
  });
});
