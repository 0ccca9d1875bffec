import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { buildExportBundle, buildExportZip, type ModelCardInputs } from '../../../src/ml/export-bundle.ts';
import { predictLinear, trainLinearModel } from '../../../src/ml/linear-model.ts';
import { loadArtifacts, saveArtifacts } from '../../../src/ml/artifacts.ts';
import { analyzeTarget } from '../../../src/core/frame/frame.ts';
import { fitPreprocessing, transformRows } from '../../../src/core/prep/preprocess.ts';
import { encodeTarget } from '../../../src/core/prep/target.ts';
import type { Table } from '../../../src/core/table/table.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function dataset(): Table {
  const n = 60;
  return {
    rowCount: n,
    columns: [
      { kind: 'numeric', name: 'size', type: 'float', values: Float64Array.from({ length: n }, (_, i) => i) },
      { kind: 'coded', name: 'colour', type: 'categorical', codes: Int32Array.from({ length: n }, (_, i) => i % 3), dictionary: ['red', 'green', 'blue'] },
      { kind: 'coded', name: 'label', type: 'categorical', codes: Int32Array.from({ length: n }, (_, i) => (i < 30 ? 0 : 1)), dictionary: ['small', 'big'] },
    ],
  };
}

function cardInputs(rows: number): ModelCardInputs {
  return {
    data: { rows, columns: 3 },
    training: { model: 'Logistic regression (softmax)', trainRows: rows, epochsRun: 5, backend: 'cpu' },
    evaluation: { task: 'classification', n: 10, metrics: { accuracy: 0.9 }, confusion: [[5, 0], [1, 4]], classes: ['big', 'small'], baseline: { metric: 'accuracy', value: 0.5, label: 'big' } },
    date: '2026-01-02T00:00:00.000Z',
  };
}

describe('buildExportZip', () => {
  it('writes loadable TF.js files whose predictions equal the trained model', async () => {
    const t = dataset();
    const frame = analyzeTarget(t, 'label');
    const rows = Int32Array.from({ length: t.rowCount }, (_, i) => i);
    const spec = fitPreprocessing(t, frame.features, rows);
    const X = transformRows(spec, t, rows);
    const y = encodeTarget(t, frame, rows);
    const { artifacts } = await trainLinearModel({
      X, y, n: rows.length, d: spec.outputWidth, task: 'classification', nClasses: 2,
      epochs: 5, learningRate: 0.05, l2: 0, batchSize: 16, seed: 1,
    });
    const zip = buildExportZip({
      artifacts, spec, frame, evaluation: { accuracy: 1 }, projectName: 'Sizes',
      exampleRows: [{ size: 1, colour: 'red' }], producerVersion: '0.0.0-test', card: cardInputs(rows.length),
    });
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual([
      'README.md', 'example-request.json', 'kserve/inferenceservice.yaml', 'metadata.json', 'model-card.md', 'model.onnx',
      'preprocessing.json', 'seldon/model.yaml', 'tfjs/model.json', 'tfjs/weights.bin',
      'triton/sizes/1/model.onnx', 'triton/sizes/config.pbtxt',
    ]);
    expect(files['model.onnx']).toEqual(files['triton/sizes/1/model.onnx']);
    expect(JSON.parse(strFromU8(files['example-request.json'])).inputs.map((i: { name: string }) => i.name)).toEqual(['size', 'colour']);

    const modelJson = JSON.parse(strFromU8(files['tfjs/model.json']));
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.weightsManifest[0].paths).toEqual(['weights.bin']);
    const weights = files['tfjs/weights.bin'];
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
      }),
    );
    const prep = JSON.parse(strFromU8(files['preprocessing.json']));
    expect(prep).toMatchObject({ version: 1, target: 'label', task: 'classification', classes: ['big', 'small'] });
    expect(prep.featureOrder).toEqual(['size', 'colour=blue', 'colour=green', 'colour=red']);
    expect(prep.features).toEqual(spec.features);

    const fromZip = tf.tidy(() => (loaded.predict(tf.tensor2d(X, [rows.length, spec.outputWidth])) as tf.Tensor).dataSync());
    loaded.dispose();
    const direct = await predictLinear(artifacts, X, rows.length, spec.outputWidth);
    expect(Array.from(fromZip)).toEqual(Array.from(direct));
    expect(strFromU8(files['README.md'])).toContain('tf.loadLayersModel');
    const card = strFromU8(files['model-card.md']);
    expect(card).toContain('# Model card: Sizes');
    expect(card).toContain('Made with Lathe 0.0.0-test on 2026-01-02.');
    expect(card).toContain('## Parity: ONNX against Lathe\n\nNot checked.');
  });

  it('runs the parity check on the bundle\'s own model.onnx and writes its result into the card', async () => {
    const t = dataset();
    const frame = analyzeTarget(t, 'label');
    const rows = Int32Array.from({ length: t.rowCount }, (_, i) => i);
    const spec = fitPreprocessing(t, frame.features, rows);
    const { artifacts } = await trainLinearModel({
      X: transformRows(spec, t, rows), y: encodeTarget(t, frame, rows), n: rows.length, d: spec.outputWidth,
      task: 'classification', nClasses: 2, epochs: 2, learningRate: 0.05, l2: 0, batchSize: 16, seed: 1,
    });
    let seen: Uint8Array | undefined;
    const bundle = await buildExportBundle(
      { artifacts, spec, frame, projectName: 'Sizes', exampleRows: [], producerVersion: '0.0.0-test', card: cardInputs(rows.length) },
      async (onnx) => {
        seen = onnx;
        return { rows: 7, maxAbsDiff: 0.5, labelMismatches: 2, passed: false, tolerance: 1e-5 };
      },
    );
    const files = unzipSync(bundle.zip);
    expect(bundle.files.sort()).toEqual(Object.keys(files).sort());
    expect(Array.from(seen ?? [])).toEqual(Array.from(files['model.onnx']));
    expect(bundle.parity).toMatchObject({ rows: 7, passed: false });
    expect(strFromU8(files['model-card.md'])).toContain('**Failed**: onnxruntime-web ran model.onnx on 7 held-out rows; the largest difference from Lathe\'s own predictions was 5.0e-1');
  });

  it('round-trips artifacts through structured clone', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
    const artifacts = await saveArtifacts(model, { task: 'regression', nClasses: 1, yMean: 0, yStd: 1 });
    const copy = structuredClone(artifacts);
    const loaded = await loadArtifacts(copy);
    const x = tf.tensor2d([[1, 2]]);
    const a = (model.predict(x) as tf.Tensor).dataSync();
    const b = (loaded.predict(x) as tf.Tensor).dataSync();
    expect(Array.from(b)).toEqual(Array.from(a));
    tf.dispose([x]);
    model.dispose();
    loaded.dispose();
  });
});
