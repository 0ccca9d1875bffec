import { beforeAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { exampleRows } from '../../../../src/ml/manifests/example-rows.ts';
import { servingFiles, STORAGE_PLACEHOLDER } from '../../../../src/ml/manifests/serving-files.ts';
import { servingReadme } from '../../../../src/ml/manifests/serving-readme.ts';
import { exportedModel, type Exported } from './model-fixture.ts';
import { hasProtobuf, hasPyYaml, pyParse } from './python.ts';

let clf: Exported;
let files: Record<string, Uint8Array>;
const text = (path: string) => new TextDecoder().decode(files[path]);

beforeAll(async () => {
  clf = await exportedModel('segment');
  files = servingFiles({
    name: 'segment-model',
    onnx: clf.onnx,
    signature: clf.signature,
    exampleRows: exampleRows(clf.spec, clf.data.table, clf.data.test.slice(0, 2)),
  });
});

describe('servingFiles', () => {
  it('lays out a Triton repository, the two Kubernetes resources, the metadata and an example request', () => {
    expect(Object.keys(files).sort()).toEqual([
      'example-request.json',
      'kserve/inferenceservice.yaml',
      'metadata.json',
      'seldon/model.yaml',
      'triton/segment-model/1/model.onnx',
      'triton/segment-model/config.pbtxt',
    ]);
    expect(files['triton/segment-model/1/model.onnx']).toBe(clf.onnx);
  });

  it('names the model the same everywhere, and points the storage placeholders at the right folders', () => {
    expect(text('triton/segment-model/config.pbtxt')).toContain('name: "segment-model"');
    expect(JSON.parse(text('metadata.json')).name).toBe('segment-model');
    expect(text('seldon/model.yaml')).toContain(`storageUri: "${STORAGE_PLACEHOLDER}/segment-model/triton/segment-model"\n`);
    expect(text('kserve/inferenceservice.yaml')).toContain(`storageUri: "${STORAGE_PLACEHOLDER}/segment-model/triton"\n`);
    expect(text('seldon/model.yaml')).toContain('  name: segment-model\n');
  });

  it.skipIf(!hasPyYaml || !hasProtobuf)('writes files the independent parsers read', () => {
    expect(pyParse('pbtxt', text('triton/segment-model/config.pbtxt'))).toMatchObject({ name: 'segment-model' });
    expect(pyParse('yaml', text('seldon/model.yaml'))).toMatchObject([{ kind: 'Model' }]);
    expect(pyParse('yaml', text('kserve/inferenceservice.yaml'))).toMatchObject([{ kind: 'InferenceService' }]);
  });

  it('writes an example request that the model answers', async () => {
    const request = JSON.parse(text('example-request.json'));
    const session = await ort.InferenceSession.create(files['triton/segment-model/1/model.onnx']);
    const feeds = Object.fromEntries(
      request.inputs.map((i: { name: string; datatype: string; shape: number[]; data: (string | number)[] }) => [
        i.name,
        i.datatype === 'BYTES' ? new ort.Tensor('string', i.data as string[], i.shape) : new ort.Tensor('float32', Float32Array.from(i.data as number[]), i.shape),
      ]),
    );
    const out = await session.run(feeds);
    expect(out.label.dims).toEqual([2, 1]);
    for (const l of out.label.data as string[]) expect(clf.frame.classes).toContain(l);
    await session.release();
  });
});

describe('servingReadme', () => {
  it('lists every input and output with its OIP datatype, and the deploy commands', () => {
    const md = servingReadme('segment-model', clf.signature);
    for (const t of [...clf.signature.inputs, ...clf.signature.outputs]) expect(md).toContain(`| \`${t.name}\` |`);
    expect(md).toContain('| `colour` | BYTES | [-1, 1] |');
    expect(md).toContain('| `probabilities` | FP32 | [-1, 3] |');
    expect(md).toContain('tritonserver --model-repository=$PWD/triton');
    expect(md).toContain('/v2/models/segment-model/infer');
  });
});
