// Writes Triton's config.pbtxt for the exported ONNX graph (onnxruntime backend).

import type { ModelSignature, TensorSignature } from '../onnx/signature.ts';
import { tritonDataType } from './datatypes.ts';

/**
 * max_batch_size 0 with the graph's own dims ([-1, 1], [-1, K]): the config then states exactly the
 * shapes the ONNX graph declares and OIP clients send, so Triton's check of config against model
 * cannot disagree, and a request of any number of rows runs as one ONNX call. Dynamic batching
 * (max_batch_size > 0, dims without the row dimension) would merge small concurrent requests; it
 * matters little for a model this cheap, and can be switched on later without changing clients.
 * The instance runs on CPU: ORT's string ops are CPU-only and a dense model this size gains nothing
 * from a GPU.
 */
export function tritonConfig(name: string, signature: ModelSignature): string {
  const block = (t: TensorSignature) =>
    [
      '  {',
      `    name: ${quote(t.name)}`,
      `    data_type: ${tritonDataType(t.type)}`,
      `    dims: [ ${t.shape.join(', ')} ]`,
      '  }',
    ].join('\n');
  return [
    `# Triton model configuration for "${name}", written by Lathe.`,
    `# Place this file in <model-repository>/${name}/ and the model as <model-repository>/${name}/1/model.onnx.`,
    `name: ${quote(name)}`,
    'platform: "onnxruntime_onnx"',
    '# 0: Triton does not batch; the first dimension (-1) of every tensor is the number of rows sent.',
    'max_batch_size: 0',
    'input [',
    signature.inputs.map(block).join(',\n'),
    ']',
    'output [',
    signature.outputs.map(block).join(',\n'),
    ']',
    'instance_group [',
    '  {',
    '    count: 1',
    '    kind: KIND_CPU',
    '  }',
    ']',
    '',
  ].join('\n');
}

/** A protobuf text-format string: backslash escapes for quotes, backslashes and control characters; UTF-8 as is. */
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\' + c.toString(8).padStart(3, '0');
    else out += ch;
  }
  return out + '"';
}
