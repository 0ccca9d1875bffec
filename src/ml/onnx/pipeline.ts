// Turns a preprocessing recipe plus a trained model into one self-contained ONNX graph (model.onnx).
//
// Inputs: one per raw feature column (see preprocess-graph.ts for the exact layout); with a cleaning recipe,
// one per raw column the recipe reads for the features, its value steps inside (see recipe-graph.ts).
// Outputs, every one with N rows:
//   classification  label          STRING [N, 1]  the class name with the highest probability (first on ties)
//                   probabilities  FLOAT  [N, K]  in the order of the frame's classes
//   regression      prediction     FLOAT  [N, 1]  in the target's own units
// Class names rather than indices: OIP clients read BYTES outputs as plain strings (Triton's ONNX
// backend serves STRING tensors), so nobody needs a separate class list to read an answer; the
// index, when wanted, is the argmax of probabilities.

import { UserError } from '../../core/errors/user-error.ts';
import type { PreprocessSpec } from '../../core/prep/preprocess.ts';
import { emitDenseLayers } from './dense-graph.ts';
import type { DenseModel } from './dense-model.ts';
import { attr, GraphBuilder } from './graph.ts';
import { BATCH_DIM, emitPreprocessing, inputsFor } from './preprocess-graph.ts';
import { recipeGraph, type RecipeGraph } from './recipe-graph.ts';
import type { FittedRecipe } from '../../core/recipe/types.ts';
import type { ModelSignature, TensorSignature } from './signature.ts';

export { inputsFor } from './preprocess-graph.ts';

/**
 * The models the exporter can write. A tree ensemble joins this union as { kind: 'trees', … } with
 * an emitter beside emitDenseLayers (ai.onnx.ml TreeEnsembleRegressor / TreeEnsembleClassifier,
 * whose opset the graph already imports) that reads the same feature matrix.
 */
export type ScoringModel = DenseModel;

export type PipelineTarget = { task: 'classification'; classes: string[] } | { task: 'regression' };

export interface PipelineMeta {
  /** The graph's name (the model's name in the serving manifests). */
  name: string;
  /** Lathe's version, written as the model's producer_version. */
  producerVersion: string;
  description?: string;
  modelVersion?: number;
}

export interface PipelineOptions {
  /** Also output the preprocessed matrix as `features` FLOAT [N, outputWidth], for parity checks. */
  exposeFeatures?: boolean;
  /**
   * The cleaning recipe the features came out of: its value steps go into the graph ahead of the
   * preprocessing, and the graph takes the recipe's raw columns (recipe-graph.ts).
   */
  recipe?: FittedRecipe;
}

export const OUTPUT_NAMES = {
  label: 'label',
  probabilities: 'probabilities',
  prediction: 'prediction',
  features: 'features',
} as const;

export function outputsFor(spec: PreprocessSpec, target: PipelineTarget, options: PipelineOptions = {}): TensorSignature[] {
  const outputs: TensorSignature[] =
    target.task === 'classification'
      ? [
          { name: OUTPUT_NAMES.label, type: 'STRING', shape: [-1, 1], description: 'the most probable class' },
          {
            name: OUTPUT_NAMES.probabilities,
            type: 'FLOAT',
            shape: [-1, target.classes.length],
            description: `probability of each class, in the order ${target.classes.join(', ')}`,
          },
        ]
      : [{ name: OUTPUT_NAMES.prediction, type: 'FLOAT', shape: [-1, 1], description: 'the predicted value' }];
  if (options.exposeFeatures) {
    outputs.push({
      name: OUTPUT_NAMES.features,
      type: 'FLOAT',
      shape: [-1, spec.outputWidth],
      description: 'the preprocessed model input',
    });
  }
  return outputs;
}

export function pipelineSignature(spec: PreprocessSpec, target: PipelineTarget, options: PipelineOptions = {}): ModelSignature {
  const recipe = recipeFor(spec, options);
  return { inputs: recipe ? recipeInputs(recipe) : inputsFor(spec), outputs: outputsFor(spec, target, options) };
}

/** The recipe's graph plan when the features came through a recipe with steps; undefined otherwise. */
export function recipeFor(spec: PreprocessSpec, options: Pick<PipelineOptions, 'recipe'>): RecipeGraph | undefined {
  const recipe = options.recipe;
  if (!recipe || recipe.steps.length === 0) return undefined;
  return recipeGraph(recipe, spec.features);
}

function recipeInputs(recipe: RecipeGraph): TensorSignature[] {
  return recipe.inputs.map((i) => ({ name: i.name, type: i.type, shape: [-1, 1], description: i.description }));
}

export function pipelineToOnnx(
  spec: PreprocessSpec,
  model: ScoringModel,
  target: PipelineTarget,
  meta: PipelineMeta,
  options: PipelineOptions = {},
): Uint8Array {
  const recipe = recipeFor(spec, options);
  const inputs = recipe ? recipeInputs(recipe) : inputsFor(spec);
  const outputs = outputsFor(spec, target, options);
  checkNames(inputs, outputs);
  const g = new GraphBuilder(meta.name);
  g.reserve(...outputs.map((o) => o.name));
  for (const input of inputs) g.addInput(input.name, input.type, dims(input), input.description);

  const features = emitPreprocessing(g, spec, recipe?.emit(g));
  if (options.exposeFeatures) g.node('Identity', [features], { outputs: [OUTPUT_NAMES.features] });
  const scores = emitScores(g, features, model, spec, target);
  if (target.task === 'classification') {
    g.node('Identity', [scores], { outputs: [OUTPUT_NAMES.probabilities] });
    // ArgMax keeps the first maximum, as Lathe's own argmax does.
    const best = g.op('ArgMax', [scores], { axis: attr.int(1), keepdims: attr.int(1), select_last_index: attr.int(0) });
    const classes = g.stringTensor('classes', [target.classes.length], target.classes);
    g.node('Gather', [classes, best], { outputs: [OUTPUT_NAMES.label], attrs: { axis: attr.int(0) } });
  } else {
    g.node('Identity', [scores], { outputs: [OUTPUT_NAMES.prediction] });
  }
  for (const output of outputs) g.addOutput(output.name, output.type, dims(output), output.description);

  return g.toModelBytes({
    producerName: 'Lathe',
    producerVersion: meta.producerVersion,
    modelVersion: meta.modelVersion,
    docString:
      meta.description ??
      `${meta.name}: raw columns in, Lathe's preprocessing and model inside, ` +
        (target.task === 'classification' ? 'label and probabilities out.' : 'prediction out.'),
    metadata: {
      'lathe.task': target.task,
      ...(target.task === 'classification' ? { 'lathe.classes': JSON.stringify(target.classes) } : {}),
      'lathe.preprocessing': JSON.stringify(spec),
    },
  });
}

function emitScores(g: GraphBuilder, features: string, model: ScoringModel, spec: PreprocessSpec, target: PipelineTarget): string {
  switch (model.kind) {
    case 'dense': {
      const first = model.layers[0];
      const last = model.layers[model.layers.length - 1];
      if (!first || !last) throw new Error('The model has no layers');
      if (first.inputSize !== spec.outputWidth) {
        throw new Error(`The model takes ${first.inputSize} inputs but the preprocessing gives ${spec.outputWidth}`);
      }
      const width = target.task === 'classification' ? target.classes.length : 1;
      if (last.units !== width) throw new Error(`The model gives ${last.units} outputs where the task needs ${width}`);
      if (target.task === 'classification' && last.activation !== 'softmax') {
        throw new Error(`A classifier's last layer must be a softmax to give probabilities, not ${last.activation}`);
      }
      return emitDenseLayers(g, features, model);
    }
  }
}

/** Graph values share one namespace, so a feature column may not be called like an output. */
function checkNames(inputs: TensorSignature[], outputs: TensorSignature[]): void {
  const outputNames = new Set(outputs.map((o) => o.name));
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input.name === '') {
      throw new UserError('A feature column has an empty name, which ONNX cannot use as an input', 'Rename the column.');
    }
    if (seen.has(input.name)) throw new Error(`The graph would take "${input.name}" twice`);
    seen.add(input.name);
    if (outputNames.has(input.name)) {
      throw new UserError(
        `The feature column "${input.name}" has the same name as a model output, so the ONNX graph cannot use it`,
        `Rename the column "${input.name}" before training, or leave it out of the features.`,
      );
    }
  }
}

function dims(t: TensorSignature): (number | string)[] {
  return t.shape.map((d, i) => (d === -1 ? (i === 0 ? BATCH_DIM : `${t.name}_dim${i}`) : d));
}
