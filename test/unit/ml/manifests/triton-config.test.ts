import { beforeAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { tritonConfig } from '../../../../src/ml/manifests/triton-config.ts';
import { exportedModel, type Exported } from './model-fixture.ts';
import { hasProtobuf, pyParse } from './python.ts';

/** Triton's data type for each ORT tensor type the graph uses. */
const TRITON_TYPE: Record<string, string> = { float32: 'TYPE_FP32', string: 'TYPE_STRING', int64: 'TYPE_INT64', float64: 'TYPE_FP64' };

let clf: Exported;
let session: ort.InferenceSession;
beforeAll(async () => {
  clf = await exportedModel('segment');
  session = await ort.InferenceSession.create(clf.onnx);
});

/** What config.pbtxt must say about each tensor, read from the ONNX graph by ORT (symbolic dims become -1). */
function fromOrt(metadata: readonly ort.InferenceSession.ValueMetadata[]) {
  return metadata.map((m) => {
    if (!m.isTensor) throw new Error(`${m.name} is not a tensor`);
    return { name: m.name, data_type: TRITON_TYPE[m.type], dims: m.shape.map((d) => (typeof d === 'number' ? String(d) : '-1')) };
  });
}

describe('tritonConfig', () => {
  it.skipIf(!hasProtobuf)('parses as Triton ModelConfig text and matches the graph ORT loads', () => {
    const config = pyParse('pbtxt', tritonConfig('lathe-segment', clf.signature)) as Record<string, unknown>;
    // protobuf's JSON form writes int64 values as strings.
    expect(config).toEqual({
      name: 'lathe-segment',
      platform: 'onnxruntime_onnx',
      max_batch_size: 0,
      input: fromOrt(session.inputMetadata),
      output: fromOrt(session.outputMetadata),
      instance_group: [{ name: '', count: 1, kind: 'KIND_CPU' }],
    });
  });

  it('states the platform, no Triton batching, and each tensor with its type and [-1, …] dims', () => {
    const text = tritonConfig('lathe-segment', clf.signature);
    const lines = text.split('\n');
    expect(lines).toContain('name: "lathe-segment"');
    expect(lines).toContain('platform: "onnxruntime_onnx"');
    expect(lines).toContain('max_batch_size: 0');
    expect(text).toContain('    name: "age"\n    data_type: TYPE_FP32\n    dims: [ -1, 1 ]');
    expect(text).toContain('    name: "colour"\n    data_type: TYPE_STRING\n    dims: [ -1, 1 ]');
    expect(text).toContain('    name: "label"\n    data_type: TYPE_STRING\n    dims: [ -1, 1 ]');
    expect(text).toContain('    name: "probabilities"\n    data_type: TYPE_FP32\n    dims: [ -1, 3 ]');
    expect(text.match(/^ {4}name: /gm)?.length).toBe(clf.signature.inputs.length + clf.signature.outputs.length);
  });

  it.skipIf(!hasProtobuf)('escapes names that text format must quote', () => {
    const signature = { inputs: [{ name: 'say "hi"\\\n', type: 'FLOAT' as const, shape: [-1, 1], description: '' }], outputs: [] };
    const config = pyParse('pbtxt', tritonConfig('m', signature)) as { input: { name: string }[] };
    expect(config.input[0].name).toBe('say "hi"\\\n');
  });
});
