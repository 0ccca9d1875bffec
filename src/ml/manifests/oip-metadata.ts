// The Open Inference Protocol model-metadata response (GET /v2/models/<name>) that the served model gives.

import type { ModelSignature, TensorSignature } from '../onnx/signature.ts';
import { oipDatatype, type OipDatatype } from './datatypes.ts';

export interface OipTensorMetadata {
  name: string;
  datatype: OipDatatype;
  shape: number[];
}

export interface OipModelMetadata {
  name: string;
  versions: string[];
  platform: string;
  inputs: OipTensorMetadata[];
  outputs: OipTensorMetadata[];
}

export function oipModelMetadata(name: string, signature: ModelSignature, version = '1'): OipModelMetadata {
  const tensor = (t: TensorSignature): OipTensorMetadata => ({ name: t.name, datatype: oipDatatype(t.type), shape: [...t.shape] });
  return {
    name,
    versions: [version],
    platform: 'onnxruntime_onnx',
    inputs: signature.inputs.map(tensor),
    outputs: signature.outputs.map(tensor),
  };
}
