import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { isMissingText } from '../../../../src/core/parse/infer-column.ts';
import { featureNames, fitPreprocessing, MAX_CATEGORIES, transformRows, type PreprocessSpec } from '../../../../src/core/prep/preprocess.ts';
import type { Table } from '../../../../src/core/table/table.ts';
import type { DenseModel } from '../../../../src/ml/onnx/dense-model.ts';
import { pipelineToOnnx } from '../../../../src/ml/onnx/pipeline.ts';
import { inputsFor, MISSING_CATEGORY_TEXTS } from '../../../../src/ml/onnx/preprocess-graph.ts';
import { feedsFor, mixedData, runOnnx } from './fixtures.ts';

/** A placeholder regression head: the tests read the `features` output, not the prediction. */
function zeroHead(width: number): DenseModel {
  return { kind: 'dense', layers: [{ inputSize: width, units: 1, kernel: new Float32Array(width), activation: 'linear' }] };
}

async function graphFeatures(spec: PreprocessSpec, feeds: Record<string, ort.Tensor>): Promise<ort.Tensor> {
  const bytes = pipelineToOnnx(spec, zeroHead(spec.outputWidth), { task: 'regression' }, { name: 'prep', producerVersion: 'test' }, { exposeFeatures: true });
  return (await runOnnx(bytes, feeds)).features;
}

describe('preprocessing in the ONNX graph', () => {
  it('gives exactly the matrix transformRows gives, for training and unseen rows alike', async () => {
    const data = mixedData();
    const spec = fitPreprocessing(data.table, data.features, data.train);
    // The fixture must exercise what it claims to: a top-50 cut, a feature with no slots, unseen levels.
    const city = spec.features.find((f) => f.name === 'city');
    expect(city?.kind === 'onehot' && city.categories.length).toBe(MAX_CATEGORIES);
    const rare = spec.features.find((f) => f.name === 'rare');
    expect(rare?.kind === 'onehot' && rare.categories.length).toBe(0);
    const kept = new Set(city?.kind === 'onehot' ? city.categories : []);
    expect(data.raw.city.some((c) => c !== null && !isMissingText(c) && !kept.has(c))).toBe(true);
    expect(data.raw.colour).toContain('red ');
    expect(data.raw.age).toContain('inf');

    const all = Int32Array.from({ length: data.table.rowCount }, (_, i) => i);
    const features = await graphFeatures(spec, feedsFor(spec, data, all));
    expect(features.dims).toEqual([all.length, spec.outputWidth]);
    // Bit for bit: both compute (v − mean) / std in double precision on the same values and round once.
    expect(Array.from(features.data as Float32Array)).toEqual(Array.from(transformRows(spec, data.table, all)));
  });

  it('reads every spelling of a missing category as the training mode, and other texts as no category', async () => {
    const spec: PreprocessSpec = {
      version: 1,
      outputWidth: 3,
      features: [{ name: 'colour', kind: 'onehot', categories: ['green', 'red', 'blue'], impute: 'green' }],
    };
    const texts = [...MISSING_CATEGORY_TEXTS, 'red', 'blue', 'Red', ' red', 'purple', ' NA'];
    const features = await graphFeatures(spec, { colour: new ort.Tensor('string', texts, [texts.length, 1]) });
    const rows = [];
    for (let i = 0; i < texts.length; i++) rows.push(Array.from((features.data as Float32Array).slice(i * 3, i * 3 + 3)));
    const expected = texts.map((t) => (isMissingText(t) && t.trim() === t ? [1, 0, 0] : t === 'red' ? [0, 1, 0] : t === 'blue' ? [0, 0, 1] : [0, 0, 0]));
    // ' NA' is the one documented gap: the parser trims it to missing, the graph cannot trim.
    expect(isMissingText(' NA')).toBe(true);
    expect(rows).toEqual(expected);
  });

  it('keeps a level spelt like a missing token as that level, when a table holds one', async () => {
    const spec: PreprocessSpec = {
      version: 1,
      outputWidth: 2,
      features: [{ name: 'answer', kind: 'onehot', categories: ['yes', 'None'], impute: 'yes' }],
    };
    const table: Table = {
      rowCount: 3,
      columns: [{ kind: 'coded', name: 'answer', type: 'categorical', codes: Int32Array.of(0, 1, -1), dictionary: ['yes', 'None'] }],
    };
    const features = await graphFeatures(spec, { answer: new ort.Tensor('string', ['yes', 'None', ''], [3, 1]) });
    expect(Array.from(features.data as Float32Array)).toEqual(Array.from(transformRows(spec, table, Int32Array.of(0, 1, 2))));
  });

  it('lists the 49 letter-case spellings of the parser\'s missing tokens, each of which the parser reads as missing', () => {
    expect(MISSING_CATEGORY_TEXTS.length).toBe(1 + 4 + 4 + 16 + 8 + 16);
    expect(new Set(MISSING_CATEGORY_TEXTS).size).toBe(MISSING_CATEGORY_TEXTS.length);
    for (const t of MISSING_CATEGORY_TEXTS) expect(isMissingText(t), t).toBe(true);
    expect(MISSING_CATEGORY_TEXTS).toEqual(expect.arrayContaining(['', 'NA', 'n/A', 'NuLl', 'nAN', 'NONE']));
  });

  it('uses the same imputation and scaling for a numeric column whose impute differs from its mean', async () => {
    const spec: PreprocessSpec = { version: 1, outputWidth: 1, features: [{ name: 'x', kind: 'numeric', impute: 5, mean: 1.5, std: 0.25 }] };
    const values = [0.5, NaN, Infinity, -Infinity, 3];
    const table: Table = { rowCount: 5, columns: [{ kind: 'numeric', name: 'x', type: 'float', values: Float64Array.from(values) }] };
    const features = await graphFeatures(spec, { x: new ort.Tensor('float32', Float32Array.from(values), [5, 1]) });
    expect(Array.from(features.data as Float32Array)).toEqual(Array.from(transformRows(spec, table, Int32Array.of(0, 1, 2, 3, 4))));
    expect(Array.from(features.data as Float32Array)).toEqual([-4, 14, 14, 14, 6]);
  });

  it('loses at most half a float32 step of a large raw value (dates in ms), as FP32 inputs must', async () => {
    const days = [0, 1, 30, 365, 1000].map((d) => Date.UTC(2021, 0, 1) + d * 86_400_000);
    const table: Table = { rowCount: days.length, columns: [{ kind: 'numeric', name: 'when', type: 'datetime', values: Float64Array.from(days) }] };
    const rows = Int32Array.from(days.keys());
    const spec = fitPreprocessing(table, ['when'], rows);
    const features = await graphFeatures(spec, { when: new ort.Tensor('float32', Float32Array.from(days), [days.length, 1]) });
    const exact = transformRows(spec, table, rows);
    const f = spec.features[0];
    if (f.kind !== 'numeric') throw new Error('expected a numeric feature');
    // Half an ulp of float32 at 2^40 ms (2^40 ≤ these values < 2^41) is 2^16 ms; plus one float32 step of a result below 4.
    const bound = 2 ** 16 / f.std + 2 ** -21;
    for (let i = 0; i < days.length; i++) expect(Math.abs((features.data as Float32Array)[i] - exact[i])).toBeLessThanOrEqual(bound);
  });

  it('declares one input per feature column, in recipe order: FLOAT or STRING, [N, 1]', () => {
    const data = mixedData(200, 3);
    const spec = fitPreprocessing(data.table, data.features, data.train);
    const inputs = inputsFor(spec);
    expect(inputs.map((i) => i.name)).toEqual(data.features);
    expect(inputs.map((i) => i.type)).toEqual(['FLOAT', 'FLOAT', 'FLOAT', 'FLOAT', 'STRING', 'STRING', 'STRING']);
    for (const i of inputs) expect(i.shape).toEqual([-1, 1]);
    expect(featureNames(spec).length).toBe(spec.outputWidth);
  });
});
