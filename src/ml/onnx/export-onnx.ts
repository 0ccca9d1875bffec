// One call from a training result (TF.js artifacts, recipe, frame) to model.onnx and its signature.

import type { FrameSummary } from '../../core/frame/frame.ts';
import type { PreprocessSpec } from '../../core/prep/preprocess.ts';
import type { ModelArtifactsPlain } from '../artifacts.ts';
import { denseModelFromArtifacts } from './dense-model.ts';
import { pipelineSignature, pipelineToOnnx, recipeFor, type PipelineTarget } from './pipeline.ts';
import type { RecipeGraph } from './recipe-graph.ts';
import type { ModelSignature } from './signature.ts';
import type { FittedRecipe } from '../../core/recipe/types.ts';

export interface ExportOnnxOptions {
  artifacts: ModelArtifactsPlain;
  spec: PreprocessSpec;
  frame: FrameSummary;
  /** The graph's name: use servingName(projectName) so it matches the serving manifests. */
  name: string;
  /** Lathe's version, written as producer_version. */
  producerVersion: string;
  /** The cleaning recipe from the raw columns to the training table: its value steps go inside the graph. */
  recipe?: FittedRecipe;
}

/** model.onnx, its signature, and where each recipe step went (when the features came through a recipe). */
export function exportOnnx(opts: ExportOnnxOptions): { onnx: Uint8Array; signature: ModelSignature; recipe?: RecipeGraph } {
  const target = pipelineTarget(opts.frame);
  const options = opts.recipe ? { recipe: opts.recipe } : {};
  const onnx = pipelineToOnnx(opts.spec, denseModelFromArtifacts(opts.artifacts), target, {
    name: opts.name,
    producerVersion: opts.producerVersion,
  }, options);
  const recipe = recipeFor(opts.spec, options);
  return { onnx, signature: pipelineSignature(opts.spec, target, options), ...(recipe ? { recipe } : {}) };
}

export function pipelineTarget(frame: FrameSummary): PipelineTarget {
  if (frame.task === 'regression') return { task: 'regression' };
  if (!frame.classes || frame.classes.length < 2) throw new Error('A classification frame needs its class list');
  return { task: 'classification', classes: frame.classes };
}
