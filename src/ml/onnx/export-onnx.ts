// One call from a training result (TF.js artifacts, recipe, frame) to model.onnx and its signature.

import type { FrameSummary } from '../../core/frame/frame.ts';
import type { PreprocessSpec } from '../../core/prep/preprocess.ts';
import type { ModelArtifactsPlain } from '../artifacts.ts';
import { denseModelFromArtifacts } from './dense-model.ts';
import { pipelineSignature, pipelineToOnnx, type PipelineTarget } from './pipeline.ts';
import type { ModelSignature } from './signature.ts';

export interface ExportOnnxOptions {
  artifacts: ModelArtifactsPlain;
  spec: PreprocessSpec;
  frame: FrameSummary;
  /** The graph's name: use servingName(projectName) so it matches the serving manifests. */
  name: string;
  /** Lathe's version, written as producer_version. */
  producerVersion: string;
}

export function exportOnnx(opts: ExportOnnxOptions): { onnx: Uint8Array; signature: ModelSignature } {
  const target = pipelineTarget(opts.frame);
  const onnx = pipelineToOnnx(opts.spec, denseModelFromArtifacts(opts.artifacts), target, {
    name: opts.name,
    producerVersion: opts.producerVersion,
  });
  return { onnx, signature: pipelineSignature(opts.spec, target) };
}

export function pipelineTarget(frame: FrameSummary): PipelineTarget {
  if (frame.task === 'regression') return { task: 'regression' };
  if (!frame.classes || frame.classes.length < 2) throw new Error('A classification frame needs its class list');
  return { task: 'classification', classes: frame.classes };
}
