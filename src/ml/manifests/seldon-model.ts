// Writes a Seldon Core v2 Model resource that serves the exported ONNX graph on its Triton server.

import { toYaml } from './yaml.ts';

export function seldonModelYaml(name: string, storageUri: string): string {
  return toYaml(
    {
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Model',
      metadata: { name },
      spec: { storageUri, requirements: ['onnx'] },
    },
    `Seldon Core v2 Model for "${name}", written by Lathe.\n` +
      `storageUri: where you uploaded the folder triton/${name}/ of this bundle (config.pbtxt and 1/model.onnx).\n` +
      `Apply with: kubectl apply -f seldon/model.yaml -n <namespace>; infer at /v2/models/${name}/infer.`,
  );
}
