// Shared fixtures for the ONNX tests: a mixed table read from raw texts, ORT feeds of those texts, runners.

import * as ort from 'onnxruntime-node';
import { inferColumn } from '../../../../src/core/parse/infer-column.ts';
import { createRng } from '../../../../src/core/random.ts';
import type { PreprocessSpec } from '../../../../src/core/prep/preprocess.ts';
import { getColumn, type Table } from '../../../../src/core/table/table.ts';

/** Cell texts by column, as a CSV would hold them (null = absent cell). */
export type RawColumns = Record<string, (string | null)[]>;

export interface MixedData {
  raw: RawColumns;
  table: Table;
  train: Int32Array;
  test: Int32Array;
  features: string[];
}

/** Every way the parser spells a missing cell that the graph must read as missing too. */
const MISSING_SPELLINGS = [null, '', 'NA', 'na', 'N/A', 'n/a', 'null', 'NULL', 'NaN', 'nan', 'None', 'NONE', 'nOnE'];

/**
 * A table with numeric (float, integer, boolean), categorical and all-but-empty categorical columns,
 * missing cells spelt every way, ±Infinity, levels beyond the top 50, and levels seen only in test rows
 * ('purple', and 'red ' with a space, which Lathe keeps as a level of its own). Numbers are multiples
 * of 1/8 below 2^20, so float32 inputs hold them exactly. Rows [0, 70%) train, the rest test.
 */
export function mixedData(n = 600, seed = 7): MixedData {
  const rng = createRng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
  const nTrain = Math.floor(n * 0.7);
  const raw: RawColumns = { age: [], income: [], visits: [], member: [], colour: [], city: [], rare: [], segment: [], plan: [], spend: [] };
  for (let i = 0; i < n; i++) {
    const test = i >= nTrain;
    const age = Math.round((18 + 60 * rng()) * 8) / 8;
    const income = Math.round((20000 + 70000 * rng()) * 2) / 2;
    const visits = Math.floor(rng() * 30);
    const member = rng() < 0.5;
    const colours = test ? ['red', 'green', 'blue', 'amber', 'purple', 'red '] : ['red', 'green', 'blue', 'amber'];
    const colour = pick(colours);
    // City levels c00…c59 with falling frequency: the top 50 are kept, c50…c59 fall outside.
    const city = `c${String(Math.min(59, Math.floor(60 * rng() ** 1.3))).padStart(2, '0')}`;
    const u = rng();
    raw.age.push(u < 0.05 ? pick(MISSING_SPELLINGS) : u < 0.07 ? pick(['inf', '-Infinity']) : String(age));
    raw.income.push(rng() < 0.06 ? pick(MISSING_SPELLINGS) : String(income));
    raw.visits.push(rng() < 0.04 ? null : String(visits));
    raw.member.push(rng() < 0.05 ? 'NA' : member ? 'yes' : 'no');
    raw.colour.push(rng() < 0.1 ? pick(MISSING_SPELLINGS) : colour);
    raw.city.push(rng() < 0.05 ? pick(MISSING_SPELLINGS) : city);
    // Present only in test rows: training sees no level, so the feature has no slots.
    raw.rare.push(test && rng() < 0.3 ? pick(['x', 'y']) : null);

    const cityIndex = Number(city.slice(1));
    const score =
      (age - 48) / 17 + (income - 55000) / 20000 + (colour === 'red' ? 1.2 : colour === 'blue' ? -1 : 0) + (cityIndex % 3) - 1 + 0.6 * (rng() - 0.5);
    raw.segment.push(score < -0.6 ? 'low' : score < 0.8 ? 'mid' : 'high');
    raw.plan.push(score + (member ? 0.5 : -0.5) > 0.2 ? 'premium' : 'basic');
    raw.spend.push(String(3 + 0.8 * ((age - 48) / 17) - 0.5 * ((income - 55000) / 20000) + (colour === 'green' ? 0.7 : 0) + 0.2 * (rng() - 0.5)));
  }
  const table: Table = { rowCount: n, columns: Object.entries(raw).map(([name, cells]) => inferColumn(name, cells)) };
  return {
    raw,
    table,
    train: Int32Array.from({ length: nTrain }, (_, i) => i),
    test: Int32Array.from({ length: n - nTrain }, (_, i) => nTrain + i),
    features: ['age', 'income', 'visits', 'member', 'colour', 'city', 'rare'],
  };
}

/**
 * The graph inputs for some rows: parsed numbers as float32 (NaN where missing, ±Infinity kept), and
 * for categorical columns the cell text exactly as written, so missing spellings reach the graph raw.
 */
export function feedsFor(spec: PreprocessSpec, data: { raw: RawColumns; table: Table }, rows: ArrayLike<number>): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  const n = rows.length;
  for (const f of spec.features) {
    const column = getColumn(data.table, f.name);
    if (!column) throw new Error(`no column ${f.name}`);
    if (f.kind === 'numeric') {
      if (column.kind !== 'numeric') throw new Error(`${f.name} is not numeric`);
      feeds[f.name] = new ort.Tensor('float32', Float32Array.from({ length: n }, (_, i) => column.values[rows[i]]), [n, 1]);
    } else {
      feeds[f.name] = new ort.Tensor('string', Array.from({ length: n }, (_, i) => data.raw[f.name][rows[i]] ?? ''), [n, 1]);
    }
  }
  return feeds;
}

export async function runOnnx(bytes: Uint8Array, feeds: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = d; // NaN propagates as the worst difference
  }
  return m;
}

/** Index of the first maximum of each row of a row-major n × k matrix. */
export function argmaxRows(values: ArrayLike<number>, k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i * k < values.length; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (values[i * k + j] > values[i * k + best]) best = j;
    out.push(best);
  }
  return out;
}
