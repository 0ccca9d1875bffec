// Writes a KServe InferenceService that serves the exported ONNX graph over the Open Inference Protocol.

import { toYaml } from './yaml.ts';

/**
 * modelFormat onnx with protocolVersion v2 selects KServe's Triton runtime, which reads storageUri
 * as a Triton model repository: the folder that holds <name>/config.pbtxt and <name>/1/model.onnx.
 */
export function kserveInferenceServiceYaml(name: string, storageUri: string): string {
  return toYaml(
    {
      apiVersion: 'serving.kserve.io/v1beta1',
      kind: 'InferenceService',
      metadata: { name },
      spec: {
        predictor: {
          model: {
            modelFormat: { name: 'onnx' },
            protocolVersion: 'v2',
            storageUri,
          },
        },
      },
    },
    `KServe InferenceService for "${name}", written by Lathe.\n` +
      'storageUri: where you uploaded the folder triton/ of this bundle (a Triton model repository).\n' +
      `Apply with: kubectl apply -f kserve/inferenceservice.yaml -n <namespace>; infer at /v2/models/${name}/infer.`,
  );
}
