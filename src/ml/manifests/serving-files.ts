// Lays out the exported graph with its serving manifests: one folder tree that Triton, KServe and Seldon all read.

import type { ModelSignature } from '../onnx/signature.ts';
import { kserveInferenceServiceYaml } from './kserve-inference-service.ts';
import { oipInferRequest, type ExampleRow } from './oip-infer-request.ts';
import { oipModelMetadata } from './oip-metadata.ts';
import { seldonModelYaml } from './seldon-model.ts';
import { tritonConfig } from './triton-config.ts';

export interface ServingFilesOptions {
  /** A servingName(): the Triton model folder, the Kubernetes resource names and the OIP model name. */
  name: string;
  /** pipelineToOnnx's bytes. */
  onnx: Uint8Array;
  /** pipelineSignature() of the same graph. */
  signature: ModelSignature;
  /** Rows for example-request.json (two are plenty). */
  exampleRows: ExampleRow[];
  /** Where the user will upload the folders; placeholders that say so otherwise. */
  storageUri?: { seldon?: string; kserve?: string };
}

/** Placeholder bucket the user replaces; kept obviously fake so a forgotten edit fails loudly. */
export const STORAGE_PLACEHOLDER = 's3://REPLACE-WITH-YOUR-BUCKET';

/**
 * Paths (relative to the bundle's root) to file bytes:
 *   triton/<name>/config.pbtxt, triton/<name>/1/model.onnx   a Triton model repository
 *   seldon/model.yaml, kserve/inferenceservice.yaml          Kubernetes resources pointing at it
 *   metadata.json, example-request.json                      what /v2/models/<name> answers, and a request
 */
export function servingFiles(opts: ServingFilesOptions): Record<string, Uint8Array> {
  const { name, signature } = opts;
  const text = new TextEncoder();
  const json = (v: unknown) => text.encode(JSON.stringify(v, null, 2) + '\n');
  return {
    [`triton/${name}/config.pbtxt`]: text.encode(tritonConfig(name, signature)),
    [`triton/${name}/1/model.onnx`]: opts.onnx,
    'seldon/model.yaml': text.encode(
      seldonModelYaml(name, opts.storageUri?.seldon ?? `${STORAGE_PLACEHOLDER}/${name}/triton/${name}`),
    ),
    'kserve/inferenceservice.yaml': text.encode(
      kserveInferenceServiceYaml(name, opts.storageUri?.kserve ?? `${STORAGE_PLACEHOLDER}/${name}/triton`),
    ),
    'metadata.json': json(oipModelMetadata(name, signature)),
    'example-request.json': json(oipInferRequest(signature, opts.exampleRows)),
  };
}
