// A trained model as plain data: structured-cloneable for workers and IndexedDB, and as standard TF.js files.

import * as tf from '@tensorflow/tfjs';
import type { Task } from '../core/frame/frame.ts';

export interface ModelMeta {
  task: Task;
  nClasses: number;
  /**
   * Target mean and standard deviation used while training a regression. They are already folded
   * into the output layer, so the model predicts in the target's units: never apply them again.
   */
  yMean?: number;
  yStd?: number;
}

export interface ModelArtifactsPlain {
  /** Keras-style layers topology (JSON). */
  modelTopology: object;
  /** tf.io.WeightsManifestEntry[]: name, shape, dtype of each weight in weightData, in order. */
  weightSpecs: object[];
  weightData: ArrayBuffer;
  meta: ModelMeta;
}

export async function saveArtifacts(model: tf.LayersModel, meta: ModelMeta): Promise<ModelArtifactsPlain> {
  let saved: ModelArtifactsPlain | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      if (!artifacts.modelTopology || !artifacts.weightSpecs || !artifacts.weightData) {
        throw new Error('The model saved without topology or weights');
      }
      saved = {
        modelTopology: artifacts.modelTopology as object,
        weightSpecs: artifacts.weightSpecs,
        // tfjs may hand weights over as several buffers; one buffer is simpler to clone and store.
        weightData: tf.io.CompositeArrayBuffer.join(artifacts.weightData),
        meta: { ...meta },
      };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (!saved) throw new Error('The model did not save');
  return saved;
}

export async function loadArtifacts(artifacts: ModelArtifactsPlain): Promise<tf.LayersModel> {
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: artifacts.modelTopology,
      weightSpecs: artifacts.weightSpecs as tf.io.WeightsManifestEntry[],
      // A copy, so the caller's buffer stays usable (and transferable) after loading.
      weightData: artifacts.weightData.slice(0),
    }),
  );
}

/** The standard TF.js layers-model files, loadable with tf.loadLayersModel('…/model.json'). */
export function artifactFiles(artifacts: ModelArtifactsPlain): Record<string, Uint8Array> {
  const modelJson = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
    userDefinedMetadata: { lathe: artifacts.meta },
  };
  return {
    'model.json': new TextEncoder().encode(JSON.stringify(modelJson)),
    'weights.bin': new Uint8Array(artifacts.weightData.slice(0)),
  };
}
