// The names, element types and shapes of a model graph's inputs and outputs: what serving manifests describe.

import type { ElemType } from './graph.ts';

export interface TensorSignature {
  name: string;
  type: ElemType;
  /** -1 for a size the caller chooses (the number of rows). */
  shape: number[];
  /** One line for people reading the manifests. */
  description: string;
}

export interface ModelSignature {
  inputs: TensorSignature[];
  outputs: TensorSignature[];
}
