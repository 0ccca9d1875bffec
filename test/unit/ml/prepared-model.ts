// Shared fixture: a classifier trained on the messy table after a cleaning recipe, with its lineage back to the raw rows.

import { applyRecipe } from '../../../src/core/recipe/apply.ts';
import { extendLineage, type DatasetLineage } from '../../../src/core/recipe/lineage.ts';
import type { Recipe } from '../../../src/core/recipe/types.ts';
import { analyzeTarget, type FrameSummary } from '../../../src/core/frame/frame.ts';
import { fitPreprocessing, transformRows, type PreprocessSpec } from '../../../src/core/prep/preprocess.ts';
import { encodeTarget } from '../../../src/core/prep/target.ts';
import type { Table } from '../../../src/core/table/table.ts';
import type { ModelArtifactsPlain } from '../../../src/ml/artifacts.ts';
import { predictLinear, trainLinearModel } from '../../../src/ml/linear-model.ts';
import { messy } from '../core/recipe/helpers.ts';

/**
 * Impute, merge, a filter and a dedupe (row steps), derived columns, and a date parse the graph cannot do
 * (so one input comes as the recipe leaves it); the target is derived too.
 */
export const PREPARE_RECIPE: Recipe = {
  version: 1,
  steps: [
    { id: 's1', kind: 'impute', columns: ['income', 'age'], method: 'median', infinite: true },
    { id: 's2', kind: 'merge', column: 'city', auto: true, mapping: {} },
    { id: 's3', kind: 'filter', expression: 'age >= 21' },
    { id: 's4', kind: 'derive', name: 'log_income', expression: 'log1p(income)' },
    { id: 's5', kind: 'parse-dates', column: 'joined', order: 'auto' },
    { id: 's6', kind: 'derive', name: 'joined_year', expression: 'year(joined) - 2015' },
    { id: 's7', kind: 'derive', name: 'band', expression: "if(score > 50, 'high', 'low')" },
    { id: 's8', kind: 'dedupe', columns: [], keep: 'first' },
  ],
};

export const PREPARED_FEATURES = ['log_income', 'city', 'joined_year', 'flag'];

export interface PreparedModel {
  raw: Table;
  table: Table;
  lineage: DatasetLineage;
  frame: FrameSummary;
  spec: PreprocessSpec;
  artifacts: ModelArtifactsPlain;
  train: Int32Array;
  test: Int32Array;
  /** Lathe's probabilities for the test rows of the prepared table. */
  expected: Float32Array;
}

let cached: Promise<PreparedModel> | undefined;

export function preparedModel(): Promise<PreparedModel> {
  cached ??= build();
  return cached;
}

async function build(): Promise<PreparedModel> {
  const raw = messy();
  const prepared = applyRecipe(raw, PREPARE_RECIPE);
  const lineage = extendLineage({ datasetId: 'raw', name: 'recipe.messy.csv', rows: raw.rowCount }, prepared.fitted, prepared.sourceRows);
  const table = prepared.table;
  const frame = { ...analyzeTarget(table, 'band'), features: PREPARED_FEATURES };
  const rows = Int32Array.from({ length: table.rowCount }, (_, i) => i);
  const train = rows.filter((_, i) => i % 4 !== 0);
  const test = rows.filter((_, i) => i % 4 === 0);
  const spec = fitPreprocessing(table, frame.features, train);
  const { artifacts } = await trainLinearModel({
    X: transformRows(spec, table, train), y: encodeTarget(table, frame, train), n: train.length, d: spec.outputWidth,
    task: 'classification', nClasses: 2, epochs: 15, learningRate: 0.05, l2: 0.001, batchSize: 32, seed: 5,
  });
  const expected = await predictLinear(artifacts, transformRows(spec, table, test), test.length, spec.outputWidth);
  return { raw, table, lineage, frame, spec, artifacts, train, test, expected };
}
