// How ONNX element types are named by the Open Inference Protocol and by Triton's model configuration.

import type { ElemType } from '../onnx/graph.ts';

export type OipDatatype = 'FP32' | 'FP64' | 'INT64' | 'BYTES' | 'BOOL';

const OIP: Record<ElemType, OipDatatype> = {
  FLOAT: 'FP32',
  DOUBLE: 'FP64',
  INT64: 'INT64',
  STRING: 'BYTES',
  BOOL: 'BOOL',
};

const TRITON: Record<ElemType, string> = {
  FLOAT: 'TYPE_FP32',
  DOUBLE: 'TYPE_FP64',
  INT64: 'TYPE_INT64',
  STRING: 'TYPE_STRING',
  BOOL: 'TYPE_BOOL',
};

export function oipDatatype(type: ElemType): OipDatatype {
  return OIP[type];
}

export function tritonDataType(type: ElemType): string {
  return TRITON[type];
}
