import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import { sourceRowsOf } from '../../../../src/core/recipe/lineage.ts';
import { getColumn } from '../../../../src/core/table/table.ts';
import { buildExportZip } from '../../../../src/ml/export-bundle.ts';
import { lineageExport } from '../../../../src/ml/onnx/recipe-feeds.ts';
import { parseRecipeFile } from '../../../../src/server/serve/recipe.ts';
import { startServer, type ServeHandle } from '../../../../src/server/serve/server.ts';
import { preparedModel, type PreparedModel } from '../../ml/prepared-model.ts';
import { call, tempDir } from './fixtures.ts';

// `lathe serve` with a bundle whose model.onnx leaves a recipe step (parsing dates) to the caller: requests in
// raw columns get the recipe applied by the server, with the fitted numbers, and answer as Lathe did on the
// prepared rows. Float32 model arithmetic: 1e-5 absolute on probabilities, as the Export cell's parity check.
const TOL = 1e-5;

let dir: string;
let server: ServeHandle;
let m: PreparedModel;
let zip: Uint8Array;

beforeAll(async () => {
  await tf.setBackend('cpu');
  m = await preparedModel();
  const lx = lineageExport(m.spec, m.lineage, m.raw);
  if (!lx) throw new Error('the recipe has steps');
  zip = buildExportZip({
    artifacts: m.artifacts, spec: m.spec, frame: m.frame, projectName: 'bands', exampleRows: lx.exampleRows(m.test), producerVersion: 'test', recipe: lx.recipe,
    card: { data: { rows: 1, columns: 1 }, training: { model: 'x', trainRows: 1, epochsRun: 1, backend: 'cpu' }, evaluation: { task: 'classification', n: 1, metrics: { accuracy: 1 }, confusion: [[1]], classes: ['high', 'low'], baseline: { metric: 'accuracy', value: 0.5, label: 'high' } } as never, date: '2026-01-01' },
  });
  dir = tempDir();
  writeFileSync(join(dir, 'bands.zip'), zip);
  server = await startServer([join(dir, 'bands.zip')], { port: 0 });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Raw columns of the raw rows behind the prepared test rows, as a client sends them (null for a missing number). */
function rawRequest(columns: string[]): object {
  const rows = sourceRowsOf(m.lineage, m.test);
  const n = rows.length;
  return {
    inputs: columns.map((name) => {
      const c = getColumn(m.raw, name);
      if (!c) throw new Error(`no raw column ${name}`);
      if (c.kind === 'coded') return { name, shape: [n, 1], datatype: 'BYTES', data: Array.from(rows, (r) => (c.codes[r] < 0 ? '' : c.dictionary[c.codes[r]])) };
      return { name, shape: [n, 1], datatype: 'FP64', data: Array.from(rows, (r) => (Number.isNaN(c.values[r]) ? null : c.values[r])) };
    }),
  };
}

function maxDiff(got: number[][], want: Float32Array): number {
  let d = 0;
  got.flat().forEach((v, i) => (d = Math.max(d, Math.abs(v - want[i]))));
  return d;
}

describe('lathe serve with recipe.json', () => {
  it('takes the raw columns, applies the steps model.onnx lacks, and answers as Lathe did', async () => {
    const reply = await call(`${server.url}/v2/models/bands/infer`, { body: rawRequest(['city', 'income', 'joined', 'flag']) });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const probabilities = reply.body.outputs.find((o: { name: string }) => o.name === 'probabilities');
    expect(probabilities.shape).toEqual([m.test.length, 2]);
    const rows: number[][] = [];
    for (let i = 0; i < m.test.length; i++) rows.push(probabilities.data.slice(2 * i, 2 * i + 2));
    expect(maxDiff(rows, m.expected)).toBeLessThanOrEqual(TOL);
    // Some rows needed the recipe: a missing income the graph imputed, a date only the server could read.
    const income = getColumn(m.raw, 'income') as { values: Float64Array };
    expect(Array.from(sourceRowsOf(m.lineage, m.test)).some((r) => !Number.isFinite(income.values[r]))).toBe(true);
  });

  it('still takes model.onnx\'s own inputs (as Triton would), example-request.json included', async () => {
    const example = JSON.parse(strFromU8(unzipSync(zip)['example-request.json']));
    expect(example.inputs.map((i: { name: string }) => i.name)).toEqual(['city', 'income', 'flag', 'joined']);
    const direct = await call(`${server.url}/v2/models/bands/infer`, { body: example });
    expect(direct.status, JSON.stringify(direct.body)).toBe(200);
    expect(direct.body.outputs.find((o: { name: string }) => o.name === 'label').shape).toEqual([2, 1]);
    // Every held-out row in the graph's own inputs ("joined" as the parsed date, FP64): the same answers.
    const feeds = lineageExport(m.spec, m.lineage, m.raw)?.feeds(m.test) ?? {};
    const datatype = { float32: 'FP32', float64: 'FP64', string: 'BYTES' } as const;
    const body = {
      inputs: Object.entries(feeds).map(([name, f]) => ({
        name,
        shape: [m.test.length, 1],
        datatype: datatype[f.type],
        data: Array.from(f.data as ArrayLike<number | string>, (v) => (typeof v === 'number' && Number.isNaN(v) ? null : v)),
      })),
    };
    const reply = await call(`${server.url}/v2/models/bands/infer`, { body });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const probabilities = reply.body.outputs.find((o: { name: string }) => o.name === 'probabilities').data as number[];
    const rows: number[][] = [];
    for (let i = 0; i < m.test.length; i++) rows.push(probabilities.slice(2 * i, 2 * i + 2));
    expect(maxDiff(rows, m.expected)).toBeLessThanOrEqual(TOL);
  });

  it('lists the raw columns in the model metadata, and says which one a request lacks', async () => {
    const meta = await call(`${server.url}/v2/models/bands`);
    expect(meta.body.inputs.map((i: { name: string }) => i.name)).toEqual(['city', 'income', 'flag', 'joined']);
    expect(meta.body.raw_inputs).toEqual([
      { name: 'city', datatype: 'BYTES', shape: [-1, 1] },
      { name: 'income', datatype: 'FP64', shape: [-1, 1] },
      { name: 'joined', datatype: 'BYTES', shape: [-1, 1] },
      { name: 'flag', datatype: 'FP64', shape: [-1, 1] },
    ]);
    const missing = await call(`${server.url}/v2/models/bands/infer`, { body: rawRequest(['city', 'income', 'joined']) });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/Missing input "flag"/);
  });

  it('refuses a recipe.json that is not one Lathe wrote, naming the file', () => {
    const bad = (doc: unknown) => () => parseRecipeFile(strToU8(JSON.stringify(doc)), 'x.zip');
    expect(bad({ format: 'other' })).toThrow(UserError);
    const good = JSON.parse(strFromU8(unzipSync(zip)['recipe.json']));
    expect(() => parseRecipeFile(strToU8(JSON.stringify(good)), 'x.zip')).not.toThrow();
    expect(bad({ ...good, recipe: { ...good.recipe, steps: [{ id: 'a', kind: 'nope' }] } })).toThrow(/recipe.json in "x.zip" is not a Lathe recipe file: .*unknown kind/);
    expect(bad({ ...good, inputs: [{ name: 'city' }] })).toThrow(/"inputs"/);
  });
});
