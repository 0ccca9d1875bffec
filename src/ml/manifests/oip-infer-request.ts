// Builds an Open Inference Protocol inference request (POST /v2/models/<name>/infer) from example rows.

import type { ModelSignature } from '../onnx/signature.ts';
import { oipDatatype, type OipDatatype } from './datatypes.ts';

/** One row of raw values by input name: numbers for FLOAT inputs, text for STRING inputs. */
export type ExampleRow = Record<string, number | string>;

export interface OipInferRequest {
  inputs: { name: string; shape: number[]; datatype: OipDatatype; data: (number | string)[] }[];
  outputs: { name: string }[];
}

/** Each input gets shape [rows, 1] and its values in row order (the row-major layout OIP expects). */
export function oipInferRequest(signature: ModelSignature, rows: ExampleRow[]): OipInferRequest {
  const inputs = signature.inputs.map((input) => {
    if (input.shape.length !== 2 || input.shape[1] !== 1) {
      throw new Error(`Input "${input.name}" has shape [${input.shape}], but example rows fill [rows, 1] inputs only`);
    }
    const data = rows.map((row, i) => {
      const v = row[input.name];
      if (input.type === 'STRING') {
        if (typeof v !== 'string') throw new Error(`Example row ${i + 1} needs text for "${input.name}"`);
        return v;
      }
      // JSON has no NaN or Infinity: a row with a missing number must carry a stand-in value.
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`Example row ${i + 1} needs a finite number for "${input.name}"`);
      return v;
    });
    return { name: input.name, shape: [rows.length, 1], datatype: oipDatatype(input.type), data };
  });
  return { inputs, outputs: signature.outputs.map((o) => ({ name: o.name })) };
}
