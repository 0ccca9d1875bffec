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
import * as ortWeb from 'onnxruntime-web';
import { describeStep } from '../../../src/core/recipe/describe.ts';
import { escapeMarkdown } from '../../../src/ml/model-card.ts';
import { onnxParity } from '../../../src/ml/onnx-parity.ts';
import { pipelineTarget } from '../../../src/ml/onnx/export-onnx.ts';
import { lineageExport, recipeFeeds } from '../../../src/ml/onnx/recipe-feeds.ts';
import { recipeGraph } from '../../../src/ml/onnx/recipe-graph.ts';
import { preparedModel, PREPARE_RECIPE } from './prepared-model.ts';

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

describe('buildExportBundle with a cleaning recipe (a Prepare cell above)', () => {
  it('gives model.onnx the raw columns, writes recipe.json, lists the steps in the card and README, and checks parity on raw rows', async () => {
    ortWeb.env.wasm.numThreads = 1;
    const m = await preparedModel();
    const lx = lineageExport(m.spec, m.lineage, m.raw);
    if (!lx) throw new Error('the recipe has steps');
    const target = pipelineTarget(m.frame);
    const bundle = await buildExportBundle(
      {
        artifacts: m.artifacts, spec: m.spec, frame: m.frame, projectName: 'Messy bands', exampleRows: lx.exampleRows(m.test),
        producerVersion: '0.0.0-test', card: cardInputs(m.train.length), recipe: lx.recipe,
      },
      // The browser's runtime (wasm), as the Export cell runs it: raw rows at the prepared test rows' sourceRows.
      (onnx) => onnxParity({ ort: ortWeb, onnx, spec: m.spec, target, table: m.table, rows: m.test, expected: m.expected, feeds: lx.feeds(m.test) }),
    );
    expect(bundle.parity).toMatchObject({ rows: m.test.length, passed: true, labelMismatches: 0 });
    const files = unzipSync(bundle.zip);
    expect(Object.keys(files)).toContain('recipe.json');

    // recipe.json: readable steps with their place, the inputs, and the fitted recipe itself.
    const recipe = JSON.parse(strFromU8(files['recipe.json']));
    expect(recipe).toMatchObject({ format: 'lathe-recipe', version: 1, source: 'recipe.messy.csv' });
    expect(recipe.steps.map((s: { step: number; place: string }) => [s.step, s.place])).toEqual([
      [1, 'graph'], [2, 'graph'], [3, 'training'], [4, 'graph'], [5, 'client'], [6, 'graph'], [7, 'unused'], [8, 'training'],
    ]);
    expect(recipe.steps.map((s: { text: string }) => s.text)).toEqual(m.lineage.recipe.steps.map(describeStep));
    expect(recipe.steps[4].reason).toMatch(/date parser/);
    expect(recipe.recipe).toEqual(JSON.parse(JSON.stringify(m.lineage.recipe)));
    expect(recipe.inputs).toEqual([
      { name: 'city', column: 'city', afterStep: null, type: 'STRING', columnType: 'categorical' },
      { name: 'income', column: 'income', afterStep: null, type: 'DOUBLE', columnType: 'float' },
      { name: 'flag', column: 'flag', afterStep: null, type: 'FLOAT', columnType: 'boolean' },
      { name: 'joined', column: 'joined', afterStep: 5, type: 'DOUBLE', columnType: 'datetime' },
    ]);
    expect(recipe.rawColumns.map((c: { name: string }) => c.name)).toEqual(['city', 'income', 'joined', 'flag']);

    // What model.onnx takes, everywhere the bundle says it.
    const inputs = ['city', 'income', 'flag', 'joined'];
    const prep = JSON.parse(strFromU8(files['preprocessing.json']));
    expect(prep.inputColumns).toEqual(inputs);
    expect(prep.features.map((f: { name: string }) => f.name)).toEqual(['log_income', 'city', 'joined_year', 'flag']);
    const request = JSON.parse(strFromU8(files['example-request.json']));
    expect(request.inputs.map((i: { name: string; datatype: string }) => [i.name, i.datatype])).toEqual([['city', 'BYTES'], ['income', 'FP64'], ['flag', 'FP32'], ['joined', 'FP64']]);
    const graph = recipeGraph(m.lineage.recipe, m.spec.features);
    expect(graph.inputs.map((i) => i.name)).toEqual(inputs);

    // The card lists every step under Data, saying where it happens.
    const card = strFromU8(files['model-card.md']);
    const data = card.slice(card.indexOf('## Data'), card.indexOf('## Training'));
    expect(data).toContain(`- Prepared from ${escapeMarkdown('recipe.messy.csv')} by a recipe of ${PREPARE_RECIPE.steps.length} steps (recipe.json):`);
    m.lineage.recipe.steps.forEach((s, i) => expect(data).toContain(`  ${i + 1}. ${escapeMarkdown(describeStep(s))} (`));
    expect(data).toContain('5. Parse joined as dates (day/month/year) (**applied by the caller before model.onnx**)');

    // The README says which steps a client applies before calling the model, and that lathe serve does it.
    const readme = strFromU8(files['README.md']);
    expect(readme).toContain('## The cleaning recipe');
    expect(readme).toMatch(/cannot apply these: apply them before calling it\*\* \(`lathe serve` does it for you\):\n  - Step 5\. Parse joined as dates \(day\/month\/year\): reading dates from text/);
    expect(readme).toContain('  - Step 7. Set band = if(score > 50, \'high\', \'low\')');
    expect(readme).toContain('Step 5 of the recipe is not in it');
    expect(readme).toContain('Apply the value steps 1–5 of `recipe.json`');
    expect(bundle.serving).toMatchObject({ client: [{ step: 5, text: 'Parse joined as dates (day/month/year)' }], trainingOnly: ['3. Keep rows where age >= 21', '8. Remove duplicate rows, keeping the first'] });
  });

  it('fails parity when the graph is fed other raw rows than those the prepared rows came from', async () => {
    ortWeb.env.wasm.numThreads = 1;
    const m = await preparedModel();
    const lx = lineageExport(m.spec, m.lineage, m.raw);
    if (!lx) throw new Error('the recipe has steps');
    const graph = recipeGraph(m.lineage.recipe, m.spec.features);
    const bundle = await buildExportBundle(
      { artifacts: m.artifacts, spec: m.spec, frame: m.frame, projectName: 'Messy bands', exampleRows: [], producerVersion: '0', card: cardInputs(1), recipe: lx.recipe },
      // The prepared rows' own indices into the raw table: the filter moved every row after the first it removed.
      (onnx) => onnxParity({ ort: ortWeb, onnx, spec: m.spec, target: pipelineTarget(m.frame), table: m.table, rows: m.test, expected: m.expected, feeds: recipeFeeds(graph.inputs, m.lineage.recipe, m.raw, m.test) }),
    );
    expect(bundle.parity?.passed).toBe(false);
    expect(bundle.parity?.maxAbsDiff).toBeGreaterThan(1e-3);
  });

  it('says where the columns come from when a Code cell stands between the data and the model', async () => {
    const t = dataset();
    const frame = analyzeTarget(t, 'label');
    const rows = Int32Array.from({ length: t.rowCount }, (_, i) => i);
    const spec = fitPreprocessing(t, frame.features, rows);
    const { artifacts } = await trainLinearModel({
      X: transformRows(spec, t, rows), y: encodeTarget(t, frame, rows), n: rows.length, d: spec.outputWidth,
      task: 'classification', nClasses: 2, epochs: 1, learningRate: 0.05, l2: 0, batchSize: 16, seed: 1,
    });
    const note = 'The training columns come from a Code cell ("sizes · code").';
    const bundle = await buildExportBundle({ artifacts, spec, frame, projectName: 'Sizes', exampleRows: [], producerVersion: '0', card: cardInputs(60), dataNote: note });
    const files = unzipSync(bundle.zip);
    expect(Object.keys(files)).not.toContain('recipe.json');
    expect(strFromU8(files['README.md'])).toContain(`## Where the columns come from\n\n${note}`);
    expect(strFromU8(files['model-card.md'])).toContain(`- ${escapeMarkdown(note)}\n\n## Training`);
    expect(bundle.serving).toEqual({ inputs: [], inGraph: [], client: [], trainingOnly: [], note });
    expect(JSON.parse(strFromU8(files['preprocessing.json'])).inputColumns).toEqual(['size', 'colour']);
  });
});
