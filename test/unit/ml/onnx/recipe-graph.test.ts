import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { applyFittedValues, applyRecipe, fitRecipe } from '../../../../src/core/recipe/apply.ts';
import type { Recipe, Step } from '../../../../src/core/recipe/types.ts';
import { getColumn, type Table } from '../../../../src/core/table/table.ts';
import { analyzeTarget } from '../../../../src/core/frame/frame.ts';
import { fitPreprocessing, transformRows } from '../../../../src/core/prep/preprocess.ts';
import { encodeTarget } from '../../../../src/core/prep/target.ts';
import { predictLinear, trainLinearModel } from '../../../../src/ml/linear-model.ts';
import { denseModelFromArtifacts } from '../../../../src/ml/onnx/dense-model.ts';
import { pipelineSignature, pipelineToOnnx } from '../../../../src/ml/onnx/pipeline.ts';
import { preparedOutput, recipeGraph, recipeOnnx, type FeatureNeed } from '../../../../src/ml/onnx/recipe-graph.ts';
import { recipeFeeds, type Feed } from '../../../../src/ml/onnx/recipe-feeds.ts';
import { messy, num, table, txt } from '../../core/recipe/helpers.ts';
import { maxAbsDiff, runOnnx } from './fixtures.ts';

// The recipe's nodes against Lathe's own serving path (applyFittedValues, the JavaScript the Prepare cell
// runs) on the same raw rows. Stated tolerance: 1e-6 relative for numbers (the graph computes in doubles,
// like JavaScript; log10/log2 go through ln and may differ in the last bits), NaN exactly where Lathe
// has a missing value, texts identical.
const REL = 1e-6;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const toOrt = (feeds: Record<string, Feed>, n: number) =>
  Object.fromEntries(Object.entries(feeds).map(([name, f]) => [name, new ort.Tensor(f.type, f.data, [n, 1])]));

const allRows = (t: Table) => Int32Array.from({ length: t.rowCount }, (_, i) => i);

function needsOf(prepared: Table, names: readonly string[]): FeatureNeed[] {
  return names.map((name) => {
    const c = getColumn(prepared, name);
    if (!c) throw new Error(`no prepared column ${name}`);
    return { name, kind: c.kind === 'numeric' ? 'numeric' : 'onehot' };
  });
}

/** The recipe fitted on `raw`, run as a graph on raw rows and as applyFittedValues; the named columns of both. */
async function bothWays(raw: Table, recipe: Recipe, names?: string[], rawFeeds?: (feeds: Record<string, ort.Tensor>) => Record<string, ort.Tensor>) {
  const fitted = fitRecipe(raw, recipe);
  const expected = applyFittedValues(fitted, raw);
  const columns = names ?? expected.columns.map((c) => c.name);
  const { bytes, graph } = recipeOnnx(fitted, needsOf(expected, columns));
  let feeds = toOrt(recipeFeeds(graph.inputs, fitted, raw, allRows(raw)), raw.rowCount);
  if (rawFeeds) feeds = rawFeeds(feeds);
  const out = await runOnnx(bytes, feeds);
  return { fitted, expected, graph, out, columns };
}

function sameNumbers(name: string, got: ArrayLike<number>, want: ArrayLike<number>): void {
  expect(got.length, name).toBe(want.length);
  const bad: string[] = [];
  for (let i = 0; i < want.length; i++) {
    const a = got[i];
    const b = want[i];
    const ok = b !== b ? a !== a : a === b || Math.abs(a - b) <= REL * Math.max(Math.abs(a), Math.abs(b));
    if (!ok) bad.push(`row ${i}: graph ${a}, Lathe ${b}`);
  }
  expect(bad, name).toEqual([]);
}

function expectSameColumns(out: Record<string, ort.Tensor>, expected: Table, columns: readonly string[]): void {
  for (const name of columns) {
    const want = getColumn(expected, name);
    const got = out[preparedOutput(name)];
    if (!want || !got) throw new Error(`missing ${name}`);
    expect(got.dims, name).toEqual([expected.rowCount, 1]);
    if (want.kind === 'numeric') sameNumbers(name, got.data as Float64Array, want.values);
    else expect(Array.from(got.data as string[]), name).toEqual(Array.from(want.codes, (c) => (c < 0 ? '' : want.dictionary[c])));
  }
}

/** A step without its id (Omit over each kind of the union, so each keeps its own fields). */
type StepBody = Step extends infer S ? (S extends Step ? Omit<S, 'id'> : never) : never;
const step = (id: string, s: StepBody): Step => ({ id, ...s }) as Step;

/** Numbers with the cases the recipe's rules are about: zeros, signs, halves, tiny, huge, ±∞ and missing. */
function numbers(): Table {
  const day = 86_400_000;
  return table(
    num('x', [1.5, -2.25, 0, NaN, 3, 1e-12, -1, 100, Infinity, 2.5, -0.5, 7, 0.5, -3.5, 1e300, -0, 12.345, -7.125]),
    num('y', [2, 0, -3, 4, NaN, 0.5, 2, -Infinity, 1, 0, 3, 5, 0, 2, 1e10, 1, -2.5, 4]),
    num('k', [1, 2, 3, NaN, 5, 6, -7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, -18], 'integer'),
    num('flag', [1, 0, NaN, 1, 0, 1, 1, 0, NaN, 0, 1, 1, 0, 1, 0, 1, 0, 1], 'boolean'),
    num(
      'when',
      [
        Date.UTC(2020, 1, 29, 13, 45), Date.UTC(1969, 11, 31, 23, 59), Date.UTC(2000, 2, 1), NaN, Date.UTC(1900, 0, 1, 6, 7),
        Date.UTC(2024, 11, 31, 0, 1), 0, -1, Date.UTC(2100, 1, 28, 23, 0), 5 * day + 3_600_000, Date.UTC(1600, 1, 29), Date.UTC(2023, 5, 15, 12),
        Date.UTC(1970, 0, 1, 0, 0, 59), Date.UTC(2001, 8, 9, 1, 46, 40), NaN, Date.UTC(1999, 11, 31, 23, 59, 59), Date.UTC(2038, 0, 19, 3, 14, 7), Date.UTC(1582, 9, 15),
      ],
      'datetime',
    ),
    txt('city', ['Paris', 'paris', 'Lyon', null, 'Nice', 'PARIS', 'Lyón', 'Paris', 'nice', 'Lyon', null, 'Paris', 'Lyon', 'Nice', 'Paris', 'ÉVRY', 'Lyon', 'Paris']),
  );
}

describe('recipe steps as ONNX nodes, against applyFittedValues', () => {
  it('impute: mean, median, mode and constant, numbers (infinities too) and texts', async () => {
    const recipe: Recipe = {
      version: 1,
      steps: [
        step('1', { kind: 'impute', columns: ['x'], method: 'median', infinite: true }),
        step('2', { kind: 'impute', columns: ['y'], method: 'mean' }),
        step('3', { kind: 'impute', columns: ['k', 'city'], method: 'mode' }),
        step('4', { kind: 'impute', columns: ['flag'], method: 'constant', value: true }),
        step('5', { kind: 'derive', name: 'when2', expression: 'when' }),
        step('6', { kind: 'impute', columns: ['when2'], method: 'constant', value: '2001-02-03' }),
      ] as Step[],
    };
    const { out, expected, graph } = await bothWays(numbers(), recipe, ['x', 'y', 'k', 'city', 'flag', 'when2']);
    expectSameColumns(out, expected, ['x', 'y', 'k', 'city', 'flag', 'when2']);
    expect(graph.steps.map((s) => s.place)).toEqual(['graph', 'graph', 'graph', 'graph', 'graph', 'graph']);
    // Row 3 is missing in x, k and when: the graph filled it, as Lathe does.
    for (const name of ['x', 'k', 'when2']) expect(Number.isNaN((out[preparedOutput(name)].data as Float64Array)[3]), name).toBe(false);
  });

  it('reads every missing spelling of a raw text as missing, as the parser does', async () => {
    const raw = table(txt('city', ['Paris', null, 'Lyon', 'Paris', null, null, null, null]));
    const spellings = ['Paris', '', 'Lyon', 'Paris', 'NA', 'n/a', 'NULL', 'None'];
    const { out, expected } = await bothWays(raw, { version: 1, steps: [step('1', { kind: 'impute', columns: ['city'], method: 'mode' } as Step)] }, ['city'], (feeds) => ({
      ...feeds,
      city: new ort.Tensor('string', spellings, [spellings.length, 1]),
    }));
    expectSameColumns(out, expected, ['city']);
    expect(Array.from(out[preparedOutput('city')].data as string[])).toEqual(['Paris', 'Paris', 'Lyon', 'Paris', 'Paris', 'Paris', 'Paris', 'Paris']);
  });

  it('clips outliers to the fitted IQR and z-score bounds, leaving missing values missing', async () => {
    const recipe: Recipe = {
      version: 1,
      steps: [
        step('1', { kind: 'outliers', columns: ['x'], method: 'iqr', factor: 1.5, action: 'clip' }),
        step('2', { kind: 'outliers', columns: ['y', 'k'], method: 'zscore', factor: 1, action: 'clip' }),
      ] as Step[],
    };
    const { out, expected, graph } = await bothWays(numbers(), recipe, ['x', 'y', 'k']);
    expectSameColumns(out, expected, ['x', 'y', 'k']);
    expect(graph.inputs.map((i) => [i.name, i.type])).toEqual([['x', 'DOUBLE'], ['y', 'DOUBLE'], ['k', 'DOUBLE']]);
  });

  it('casts between number types; select, drop and rename are wiring', async () => {
    const recipe: Recipe = {
      version: 1,
      steps: [
        step('1', { kind: 'derive', name: 'xi', expression: 'x' }),
        step('2', { kind: 'cast', column: 'xi', to: 'integer' }),
        step('3', { kind: 'derive', name: 'yb', expression: 'y' }),
        step('4', { kind: 'cast', column: 'yb', to: 'boolean' }),
        step('5', { kind: 'cast', column: 'k', to: 'float' }),
        step('6', { kind: 'cast', column: 'when', to: 'integer' }),
        step('7', { kind: 'cast', column: 'city', to: 'text' }),
        step('8', { kind: 'rename', names: { k: 'count', city: 'town' } }),
        step('9', { kind: 'drop', columns: ['flag'] }),
        step('10', { kind: 'select', columns: ['town', 'count', 'xi', 'yb', 'when', 'x'] }),
      ] as Step[],
    };
    const { out, expected, graph } = await bothWays(numbers(), recipe, ['xi', 'yb', 'count', 'when', 'town', 'x']);
    expectSameColumns(out, expected, ['xi', 'yb', 'count', 'when', 'town', 'x']);
    // Renamed columns are read under their raw names; a number straight to the output stays FLOAT.
    expect(graph.inputs.map((i) => [i.name, i.type])).toEqual([['x', 'DOUBLE'], ['y', 'DOUBLE'], ['k', 'FLOAT'], ['when', 'DOUBLE'], ['city', 'STRING']]);
    expect(graph.steps.every((s) => s.place === 'graph')).toBe(true);
  });

  it('merges categories (automatic groups and listed pairs) and changes case, on the messy data', async () => {
    const recipe: Recipe = {
      version: 1,
      steps: [
        step('1', { kind: 'merge', column: 'city', auto: true, mapping: { Nice: 'Nizza' } }),
        step('2', { kind: 'derive', name: 'city_raw', expression: 'code' }),
        step('3', { kind: 'text', columns: ['code'], trim: false, collapse: false, case: 'upper', accents: false }),
        step('4', { kind: 'derive', name: 'low', expression: 'lower(city)' }),
      ] as Step[],
    };
    const { out, expected, fitted } = await bothWays(messy(), recipe, ['city', 'code', 'low', 'city_raw']);
    expectSameColumns(out, expected, ['city', 'code', 'low', 'city_raw']);
    // The merge did something: several spellings of Paris became one, and Nice became Nizza.
    const merged = new Set(Array.from(out[preparedOutput('city')].data as string[]));
    expect(merged.has('Nizza') && !merged.has('Nice') && !merged.has('PARIS')).toBe(true);
    expect(Object.keys((fitted.steps[0] as { fitted: { map: object } }).fitted.map).length).toBeGreaterThan(2);
  });

  it('bins by width and by quantile with the fitted edges, ±∞ in the end bins and missing left missing', async () => {
    const recipe: Recipe = {
      version: 1,
      steps: [
        step('1', { kind: 'bin', column: 'x', name: 'x_band', method: 'quantile', bins: 4 }),
        step('2', { kind: 'bin', column: 'k', name: 'k_band', method: 'width', bins: 5 }),
      ] as Step[],
    };
    const { out, expected } = await bothWays(numbers(), recipe, ['x_band', 'k_band']);
    expectSameColumns(out, expected, ['x_band', 'k_band']);
    expect(new Set(out[preparedOutput('x_band')].data as string[]).size).toBe(5); // four ranges and ''
  });

  it('derives every expression form and function the graph supports, with the recipe\'s missing rules', async () => {
    const expressions: Record<string, string> = {
      add: 'x + y', sub: 'x - y', mul: 'x * y', div: 'x / y', mod: 'x % y', modk: 'k % -3', neg: '-x',
      lt: 'x < y', ge: 'x >= 1.5', eq: 'x == y', ne: 'x != 2.5', le_k: 'k <= 5', gt: 'y > x',
      both: 'x > 0 and y > 0', either: 'x > 0 or y > 0', neither: 'not (x > 0 or y < 1)', kleene: '(x > 0 and flag) or (k is null)',
      inlist: 'k in [1, 3, 5, -7]', notin: 'k not in [2, 4]', cityin: "city in ['Paris', 'Lyon']", cityout: "city not in ['Nice']", flagin: 'flag in [true]',
      isnull: 'x is null', notnull: 'city is not null', flagnull: 'flag is null',
      log: 'log(x)', log1p: 'log1p(x)', log10: 'log10(y)', log2: 'log2(x)', exp: 'exp(y)', sqrt: 'sqrt(x)', abs: 'abs(x)',
      floor: 'floor(x)', ceil: 'ceil(x)', sign: 'sign(y)', round: 'round(x)', round2: 'round(x * 3.7, 2)', round_neg: 'round(x * 1234, -2)', round_half: 'round(x + 0.5)',
      pow: 'pow(x, y)', pow_frac: 'pow(y, 0.5)', min: 'min(x, y, k)', max: 'max(x, null, y)', max_dates: 'max(when, null)',
      iff: 'if(x > 1, x, y)', if_text: "if(flag, 'yes', 'no')", if_null: 'if(x > 0, null, y)', if_bool: 'if(k > 5, flag, x > 0)',
      coalesce: 'coalesce(x, y, 0)', coalesce_text: "coalesce(city, 'unknown')", coalesce_bool: 'coalesce(flag, x > 1)',
      number_flag: 'number(flag)', number_cmp: 'number(x > 0)', number_x: 'number(x)',
      lower: 'lower(city)', upper: 'upper(city)',
      year: 'year(when)', month: 'month(when)', day: 'day(when)', weekday: 'weekday(when)', hour: 'hour(when)', minute: 'minute(when)',
      after_2000: "when >= '2000-01-01'", date_in: "when in ['2000-03-01', '1970-01-01']",
      is_paris: "city == 'Paris'", not_lyon: "'Lyon' != city", flag_eq: 'flag == true', flag_and: 'flag and x > 0',
      ratio: '(x - y) / (abs(k) + 1) * 2 - x % 2',
    };
    const recipe: Recipe = { version: 1, steps: Object.entries(expressions).map(([name, expression]) => step(name, { kind: 'derive', name, expression })) };
    const { out, expected, graph } = await bothWays(numbers(), recipe, Object.keys(expressions));
    expect(graph.steps.filter((s) => s.place !== 'graph').map((s) => s.id)).toEqual([]);
    expectSameColumns(out, expected, Object.keys(expressions));
  });

  it('gives a derived column to the model: raw rows in, the same predictions as Lathe on the prepared rows', async () => {
    const raw = messy();
    const recipe: Recipe = {
      version: 1,
      steps: [
        step('1', { kind: 'impute', columns: ['income', 'age'], method: 'median', infinite: true }),
        step('2', { kind: 'merge', column: 'city', auto: true, mapping: {} }),
        step('3', { kind: 'filter', expression: 'age >= 21' }),
        step('4', { kind: 'derive', name: 'log_income', expression: 'log1p(income)' }),
        step('5', { kind: 'outliers', columns: ['score'], method: 'iqr', factor: 1.5, action: 'clip' }),
        step('6', { kind: 'bin', column: 'age', name: 'age_band', method: 'quantile', bins: 4 }),
        step('7', { kind: 'dedupe', columns: [], keep: 'first' }),
      ] as Step[],
    };
    const prepared = applyRecipe(raw, recipe);
    const features = ['log_income', 'city', 'age_band', 'flag'];
    const frame = { ...analyzeTarget(prepared.table, 'score', 'regression'), features };
    const rows = allRows(prepared.table);
    const train = rows.filter((_, i) => i % 4 !== 0);
    const test = rows.filter((_, i) => i % 4 === 0);
    const spec = fitPreprocessing(prepared.table, features, train);
    const { artifacts } = await trainLinearModel({
      X: transformRows(spec, prepared.table, train), y: encodeTarget(prepared.table, frame, train), n: train.length, d: spec.outputWidth,
      task: 'regression', nClasses: 1, epochs: 20, learningRate: 0.05, l2: 0.001, batchSize: 32, seed: 3,
    });
    const lathe = await predictLinear(artifacts, transformRows(spec, prepared.table, test), test.length, spec.outputWidth);

    const bytes = pipelineToOnnx(spec, denseModelFromArtifacts(artifacts), { task: 'regression' }, { name: 'prepared', producerVersion: 'test' }, { recipe: prepared.fitted });
    const graph = recipeGraph(prepared.fitted, spec.features);
    // The raw columns behind the features, and nothing else (not the target, not the dropped rows' filter column).
    expect(graph.inputs.map((i) => [i.name, i.type])).toEqual([['city', 'STRING'], ['income', 'DOUBLE'], ['age', 'DOUBLE'], ['flag', 'FLOAT']]);
    expect(pipelineSignature(spec, { task: 'regression' }, { recipe: prepared.fitted }).inputs.map((i) => i.name)).toEqual(['city', 'income', 'age', 'flag']);
    expect(graph.steps.map((s) => s.place)).toEqual(['graph', 'graph', 'training', 'graph', 'unused', 'graph', 'training']);
    const sourceRows = prepared.sourceRows as Int32Array;
    expect(sourceRows.length).toBe(prepared.table.rowCount);
    const rawRows = Int32Array.from(test, (r) => sourceRows[r]);
    const onnx = await runOnnx(bytes, toOrt(recipeFeeds(graph.inputs, prepared.fitted, raw, rawRows), test.length));
    expect(maxAbsDiff(onnx.prediction.data as Float32Array, lathe)).toBeLessThanOrEqual(1e-5);
    // The held-out raw rows include gaps and infinities the graph had to impute, and rows far from their prepared index.
    const income = getColumn(raw, 'income') as { values: Float64Array };
    expect(Array.from(rawRows).some((r) => !Number.isFinite(income.values[r]))).toBe(true);
    expect(Array.from(rawRows).some((r, i) => r !== test[i])).toBe(true);
  });
});

describe('steps the graph cannot express', () => {
  const recipe: Recipe = {
    version: 1,
    steps: [
      step('1', { kind: 'impute', columns: ['income'], method: 'median' }),
      step('2', { kind: 'parse-dates', column: 'joined', order: 'auto' }),
      step('3', { kind: 'derive', name: 'joined_year', expression: 'year(joined) - 2000' }),
      step('4', { kind: 'text', columns: ['city'], trim: true, collapse: true, case: 'lower', accents: true }),
      step('5', { kind: 'derive', name: 'tag', expression: "concat(code, '-', city)" }),
      step('6', { kind: 'derive', name: 'per_year', expression: 'income / (joined_year + 1)' }),
      step('7', { kind: 'parse-dates', column: 'code', order: 'auto' }),
    ] as Step[],
  };

  it('take that step\'s output as a graph input, named in the plan with the reason, and keep the steps after it in the graph', async () => {
    const raw = messy();
    const { out, expected, graph, fitted } = await bothWays(raw, recipe, ['joined_year', 'city', 'per_year', 'income']);
    expectSameColumns(out, expected, ['joined_year', 'city', 'per_year', 'income']);
    expect(graph.inputs.map((i) => [i.name, i.column, i.after, i.type])).toEqual([
      ['income', 'income', -1, 'DOUBLE'],
      ['joined', 'joined', 1, 'DOUBLE'],
      ['city', 'city', 3, 'STRING'],
    ]);
    expect(graph.steps.map((s) => s.place)).toEqual(['graph', 'client', 'graph', 'client', 'unused', 'graph', 'unused']);
    expect(graph.steps[1].reason).toMatch(/date parser/);
    expect(graph.steps[3].reason).toMatch(/trimming, collapsing spaces, removing accents/);
    expect(graph.steps[4].reason).toMatch(/concat\(\)/);
    expect(graph.clientThrough).toBe(3);
    // What a client sends to compute them: the raw columns behind every input.
    expect(graph.rawColumns.map((c) => c.name)).toEqual(['city', 'income', 'joined']);
    expect(graph.inputs[1].description).toMatch(/^"joined" as recipe step 2 \(Parse joined as dates \(day\/month\/year\)\) leaves it/);
    expect(fitted.steps.length).toBe(7);
  });

  it('names a column taken both raw and as a client step leaves it apart, and computes both', async () => {
    const raw = table(txt('x', [' Paris', 'lyon ', null, 'NICE']), num('v', [1, 2, 3, 4]));
    const r: Recipe = {
      version: 1,
      steps: [
        step('1', { kind: 'derive', name: 'low', expression: 'lower(x)' }),
        step('2', { kind: 'text', columns: ['x'], trim: true, collapse: false, case: 'keep', accents: false }),
      ],
    };
    const { out, expected, graph } = await bothWays(raw, r, ['low', 'x']);
    expect(graph.inputs.map((i) => [i.name, i.column, i.after])).toEqual([['x', 'x', -1], ['x (after step 2)', 'x', 1]]);
    expectSameColumns(out, expected, ['low', 'x']);
  });

  it('refuses a derived column that is the same in every row (there is nothing to compute it from)', () => {
    const f = fitRecipe(numbers(), { version: 1, steps: [step('1', { kind: 'derive', name: 'c', expression: '2 * 21' } as Step)] });
    const graph = recipeGraph(f, [{ name: 'c', kind: 'numeric' }, { name: 'x', kind: 'numeric' }]);
    expect(graph.steps[0]).toMatchObject({ place: 'client', reason: expect.stringMatching(/same value in every row/) });
    expect(graph.inputs.map((i) => i.name)).toEqual(['x', 'c']);
  });

  it('refuses forward fill, reading text as numbers, and comparing two text columns', () => {
    const t = table(txt('a', ['1', '2', null]), txt('b', ['x', 'y', 'x']), num('v', [1, NaN, 3]));
    const f = fitRecipe(t, {
      version: 1,
      steps: [
        step('1', { kind: 'derive', name: 's', expression: 'a == b' }),
        step('2', { kind: 'impute', columns: ['v'], method: 'ffill' }),
        step('3', { kind: 'cast', column: 'a', to: 'float' }),
      ] as Step[],
    });
    const graph = recipeGraph(f, [{ name: 'v', kind: 'numeric' }, { name: 'a', kind: 'numeric' }, { name: 's', kind: 'numeric' }]);
    expect(graph.steps.map((s) => [s.place, s.reason])).toEqual([
      ['client', expect.stringMatching(/two text columns/)],
      ['client', expect.stringMatching(/order of the rows/)],
      ['client', expect.stringMatching(/reading text as float/)],
    ]);
    expect(graph.inputs.map((i) => i.name)).toEqual(['s', 'v', 'a']);
  });
});

const PYTHON = '/usr/bin/python3';
const hasOnnx = spawnSync(PYTHON, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasOnnx)('a model with a recipe inside, under onnx.checker (full_check) and strict shape inference', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lathe-recipe-onnx-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes with every kind of node the recipe writes, still IR 8 with opsets 13 / ml 3', () => {
    const raw = numbers();
    const recipe: Recipe = {
      version: 1,
      steps: [
        step('1', { kind: 'impute', columns: ['x', 'city'], method: 'mode' }),
        step('2', { kind: 'merge', column: 'city', auto: true, mapping: { Nice: 'Nizza' } }),
        step('3', { kind: 'text', columns: ['city'], trim: false, collapse: false, case: 'lower', accents: false }),
        step('4', { kind: 'outliers', columns: ['y'], method: 'iqr', factor: 1.5, action: 'clip' }),
        step('5', { kind: 'bin', column: 'k', name: 'k_band', method: 'quantile', bins: 3 }),
        step('6', { kind: 'derive', name: 'd', expression: "if(flag and x > 0, year(when) + weekday(when), coalesce(round(y, 1), 0)) % 7" }),
        step('7', { kind: 'derive', name: 'paris', expression: "city in ['paris'] or log1p(abs(x)) > 1" }),
        step('8', { kind: 'cast', column: 'k', to: 'float' }),
      ] as Step[],
    };
    const fitted = fitRecipe(raw, recipe);
    const prepared = applyFittedValues(fitted, raw);
    const rows = allRows(prepared);
    const spec = fitPreprocessing(prepared, ['d', 'paris', 'k_band', 'city', 'k', 'y'], rows);
    const model = { kind: 'dense' as const, layers: [{ inputSize: spec.outputWidth, units: 1, kernel: Float32Array.from({ length: spec.outputWidth }, (_, i) => Math.sin(i)), bias: Float32Array.of(0.5), activation: 'linear' as const }] };
    const bytes = pipelineToOnnx(spec, model, { task: 'regression' }, { name: 'checked', producerVersion: '0.1.0' }, { recipe: fitted });
    const path = join(dir, 'recipe.onnx');
    writeFileSync(path, bytes);
    const report = JSON.parse(execFileSync(PYTHON, ['scripts/fixtures/onnx_check.py', 'model', path], { encoding: 'utf8' })) as {
      ir_version: number;
      opsets: Record<string, number>;
      inputs: { name: string; elem_type: string }[];
      ops: string[];
    };
    expect(report.ir_version).toBe(8);
    expect(report.opsets).toEqual({ 'ai.onnx': 13, 'ai.onnx.ml': 3 });
    expect(report.inputs.map((i) => [i.name, i.elem_type])).toEqual([['x', 'DOUBLE'], ['y', 'DOUBLE'], ['k', 'DOUBLE'], ['flag', 'DOUBLE'], ['when', 'DOUBLE'], ['city', 'STRING']]);
    expect(report.ops).toEqual(expect.arrayContaining(['ai.onnx:StringNormalizer', 'ai.onnx:ReduceSum', 'ai.onnx:Mod', 'ai.onnx:Round', 'ai.onnx.ml:LabelEncoder']));
  });
});

describe('the recipe\'s nodes in onnxruntime-web (the page\'s parity check runs there)', () => {
  it('gives Lathe\'s values as onnxruntime-node does: case changes, LabelEncoders, bins, date arithmetic and Mod included', async () => {
    const raw = numbers();
    const expressions: Record<string, string> = {
      mod: 'x % y', log1p: 'log1p(x)', round2: 'round(x * 3.7, 2)', pow: 'pow(x, y)', weekday: 'weekday(when)', year: 'year(when)',
      month: 'month(when)', kleene: '(x > 0 and flag) or (k is null)', cityin: "city in ['Paris', 'Lyon']", upper: 'upper(city)',
    };
    const recipe: Recipe = {
      version: 1,
      steps: [
        step('m', { kind: 'merge', column: 'city', auto: true, mapping: {} }),
        step('b', { kind: 'bin', column: 'x', name: 'x_band', method: 'quantile', bins: 4 }),
        ...Object.entries(expressions).map(([name, expression]) => step(name, { kind: 'derive', name, expression })),
      ],
    };
    const fitted = fitRecipe(raw, recipe);
    const expected = applyFittedValues(fitted, raw);
    const columns = ['city', 'x_band', ...Object.keys(expressions)];
    const { bytes, graph } = recipeOnnx(fitted, needsOf(expected, columns));
    const feeds = recipeFeeds(graph.inputs, fitted, raw, allRows(raw));
    const fromNode = await runOnnx(bytes, toOrt(feeds, raw.rowCount));
    ortWeb.env.wasm.numThreads = 1;
    const session = await ortWeb.InferenceSession.create(bytes);
    const fromWeb = await session.run(Object.fromEntries(Object.entries(feeds).map(([name, f]) => [name, new ortWeb.Tensor(f.type, f.data, [raw.rowCount, 1])])));
    await session.release();
    // Both against Lathe, within the stated tolerance: Log and Pow come from different math libraries (last bits differ).
    expectSameColumns(fromWeb, expected, columns);
    expectSameColumns(fromNode, expected, columns);
  });
});
