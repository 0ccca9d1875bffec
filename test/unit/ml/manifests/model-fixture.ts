// A trained classifier and regressor exported as ONNX, shared by the manifest tests.

import * as tf from '@tensorflow/tfjs';
import { analyzeTarget, type FrameSummary } from '../../../../src/core/frame/frame.ts';
import { fitPreprocessing, transformRows, type PreprocessSpec } from '../../../../src/core/prep/preprocess.ts';
import { encodeTarget } from '../../../../src/core/prep/target.ts';
import type { ModelArtifactsPlain } from '../../../../src/ml/artifacts.ts';
import { trainLinearModel } from '../../../../src/ml/linear-model.ts';
import { denseModelFromArtifacts } from '../../../../src/ml/onnx/dense-model.ts';
import { pipelineSignature, pipelineToOnnx, type PipelineTarget } from '../../../../src/ml/onnx/pipeline.ts';
import type { ModelSignature } from '../../../../src/ml/onnx/signature.ts';
import { mixedData, type MixedData } from '../onnx/fixtures.ts';

export interface Exported {
  data: MixedData;
  frame: FrameSummary;
  spec: PreprocessSpec;
  artifacts: ModelArtifactsPlain;
  onnx: Uint8Array;
  signature: ModelSignature;
}

export async function exportedModel(target: 'segment' | 'spend'): Promise<Exported> {
  await tf.setBackend('cpu');
  const data = mixedData(300, 21);
  const frame = { ...analyzeTarget(data.table, target, target === 'spend' ? 'regression' : undefined), features: data.features };
  const spec = fitPreprocessing(data.table, frame.features, data.train);
  const { artifacts } = await trainLinearModel({
    X: transformRows(spec, data.table, data.train),
    y: encodeTarget(data.table, frame, data.train),
    n: data.train.length, d: spec.outputWidth, task: frame.task, nClasses: frame.classes?.length ?? 1,
    epochs: 10, learningRate: 0.05, l2: 0, batchSize: 32, seed: 1,
  });
  const pipelineTarget: PipelineTarget =
    frame.task === 'classification' ? { task: 'classification', classes: frame.classes ?? [] } : { task: 'regression' };
  const onnx = pipelineToOnnx(spec, denseModelFromArtifacts(artifacts), pipelineTarget, { name: `lathe-${target}`, producerVersion: 'test' });
  return { data, frame, spec, artifacts, onnx, signature: pipelineSignature(spec, pipelineTarget) };
}
