import { describe, expect, it } from 'vitest';
import { analyzeTarget } from '../../../../src/core/frame/frame.ts';
import { makeSplit, type SplitRequest } from '../../../../src/cells/split/make-split.ts';
import { splitRequest } from '../../../../src/cells/split/index.ts';
import { createRng } from '../../../../src/core/random.ts';
import type { Column, Table } from '../../../../src/core/table/table.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';

const N = 240;
/** Classes 60/30/10%, a group per 8 rows (30 groups), a day per row in a shuffled order, and 12 exact copies of earlier rows. */
function dataset(): Table {
  const rng = createRng(7);
  const labels: number[] = [];
  const x: number[] = [];
  const group: number[] = [];
  const day: number[] = [];
  for (let i = 0; i < N; i++) {
    const r = rng();
    labels.push(r < 0.6 ? 0 : r < 0.9 ? 1 : 2);
    x.push(Math.round(rng() * 1e6) / 1e3);
    group.push(Math.floor(i / 8));
    day.push(Date.UTC(2024, 0, 1) + ((i * 37) % N) * 86_400_000);
  }
  // Rows 228..239 copy rows 0..11 in every feature (the target may differ: they still leak).
  for (let i = 0; i < 12; i++) x[N - 12 + i] = x[i];
  const columns: Column[] = [
    { kind: 'coded', name: 'y', type: 'categorical', codes: Int32Array.from(labels), dictionary: ['a', 'b', 'c'] },
    { kind: 'numeric', name: 'x', type: 'float', values: Float64Array.from(x) },
    { kind: 'numeric', name: 'store', type: 'integer', values: Float64Array.from(group) },
    { kind: 'numeric', name: 'day', type: 'datetime', values: Float64Array.from(day) },
  ];
  return { rowCount: N, columns };
}

const table = dataset();
const frame = analyzeTarget(table, 'y', undefined, { dropped: ['store', 'day'] });
const base: SplitRequest = { method: 'holdout', testFraction: 0.25, validationFraction: 0, stratify: true, seed: 3, k: 5, folds: false };
const y = (table.columns[0] as Extract<Column, { kind: 'coded' }>).codes;
const store = (table.columns[2] as Extract<Column, { kind: 'numeric' }>).values;
const day = (table.columns[3] as Extract<Column, { kind: 'numeric' }>).values;

function counts(rows: Int32Array): number[] {
  const c = [0, 0, 0];
  for (const r of rows) c[y[r]]++;
  return c;
}
function disjointCover(parts: Int32Array[], n: number) {
  const seen = new Uint8Array(n);
  for (const p of parts) for (const r of p) seen[r]++;
  return [...seen].every((v) => v === 1);
}

describe('makeSplit', () => {
  it('hold-out: train, validation and test cover every row once, with class counts per part', () => {
    const s = makeSplit(table, frame, { ...base, validationFraction: 0.15 });
    expect(s.validation).toBeDefined();
    expect(disjointCover([s.train, s.validation!, s.test], N)).toBe(true);
    expect(s.parts.map((p) => p.name)).toEqual(['Train', 'Validation', 'Test']);
    expect(s.parts[0].classCounts).toEqual(counts(s.train));
    expect(s.parts[2].classCounts).toEqual(counts(s.test));
    // Stratified: each class rounds its own share, so the total may be off by one per class.
    expect(Math.abs(s.test.length - N * 0.25)).toBeLessThanOrEqual(3);
    for (let c = 0; c < 3; c++) expect(Math.abs(counts(s.test)[c] - counts(new Int32Array(N).map((_, i) => i))[c] * 0.25)).toBeLessThanOrEqual(1);
    expect(s.stratified).toBe(true);
    expect(s.folds).toBeUndefined();
  });

  it('k-fold: the test rows are held out first and the folds cut the other rows, every one tested once', () => {
    for (const method of ['kfold', 'stratified'] as const) {
      const s = makeSplit(table, frame, { ...base, method, k: 4 });
      expect(s.folds).toHaveLength(4);
      const testSet = new Set(s.test);
      for (const f of s.folds!) {
        for (const r of [...f.train, ...f.test]) expect(testSet.has(r)).toBe(false);
        expect(f.train.length + f.test.length).toBe(s.train.length);
      }
      const tested = s.folds!.flatMap((f) => [...f.test]).sort((a, b) => a - b);
      expect(tested).toEqual([...s.train]);
      expect(s.foldParts?.map((p) => p.classCounts)).toEqual(s.folds!.map((f) => counts(f.test)));
      if (method === 'stratified') {
        // Each class is spread over the folds as evenly as possible: per class the fold counts differ by at most 1.
        for (let c = 0; c < 3; c++) {
          const per = s.folds!.map((f) => counts(f.test)[c]);
          expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('group: no group is on both sides, nor in two folds', () => {
    const s = makeSplit(table, frame, { ...base, method: 'group', column: 'store', folds: true, k: 3 });
    const testGroups = new Set([...s.test].map((r) => store[r]));
    for (const r of s.train) expect(testGroups.has(store[r])).toBe(false);
    expect(s.parts.find((p) => p.name === 'Test')?.groups).toBe(testGroups.size);
    const foldOf = new Map<number, number>();
    s.folds!.forEach((f, i) => {
      for (const r of f.test) {
        expect(foldOf.get(store[r]) ?? i).toBe(i);
        foldOf.set(store[r], i);
      }
    });
    expect(s.test.length).toBeGreaterThanOrEqual(Math.round(N * 0.25));
  });

  it('time: every training row is earlier than every test row, with the time range of each part', () => {
    const s = makeSplit(table, frame, { ...base, method: 'time', column: 'day', validationFraction: 0.1, folds: true, k: 3 });
    const latestTrain = Math.max(...[...s.train].map((r) => day[r]));
    const earliestVal = Math.min(...[...s.validation!].map((r) => day[r]));
    const latestVal = Math.max(...[...s.validation!].map((r) => day[r]));
    const earliestTest = Math.min(...[...s.test].map((r) => day[r]));
    expect(latestTrain).toBeLessThan(earliestVal);
    expect(latestVal).toBeLessThan(earliestTest);
    expect(s.parts.find((p) => p.name === 'Test')?.timeRange).toEqual([earliestTest, Math.max(...[...s.test].map((r) => day[r]))]);
    for (const f of s.folds!) expect(Math.max(...[...f.train].map((r) => day[r]))).toBeLessThan(Math.min(...[...f.test].map((r) => day[r])));
  });

  it('counts test rows whose features equal a training row, as a brute-force comparison does', () => {
    const s = makeSplit(table, frame, base);
    const x = (table.columns[1] as Extract<Column, { kind: 'numeric' }>).values;
    const trainValues = new Set([...s.train].map((r) => x[r]));
    const expected = [...s.test].filter((r) => trainValues.has(x[r])).length;
    expect(expected).toBeGreaterThan(0);
    expect(s.sharedDuplicates.count).toBe(expected);
    for (const e of s.sharedDuplicates.examples) expect(x[e.test]).toBe(x[e.train]);
  });

  it('regression parts carry the target mean and spread; stratified folds fall back with a warning', () => {
    const r = analyzeTarget(table, 'x', 'regression', { dropped: ['day'] });
    const s = makeSplit(table, r, { ...base, method: 'stratified' });
    expect(s.stratified).toBe(false);
    expect(s.warnings.join(' ')).toMatch(/regression/);
    const x = (table.columns[1] as Extract<Column, { kind: 'numeric' }>).values;
    const mean = [...s.test].reduce((a, row) => a + x[row], 0) / s.test.length;
    expect(s.parts.at(-1)?.mean).toBeCloseTo(mean, 9);
  });

  it('says which column is missing for a group or time split', () => {
    expect(() => makeSplit(table, frame, { ...base, method: 'group' })).toThrow(UserError);
    expect(() => makeSplit(table, frame, { ...base, method: 'time', column: 'y' })).toThrow(/holds text/);
  });

  it('fills in the defaults of a config stored before version 2', () => {
    expect(splitRequest({ testFraction: 0.2, stratify: true, seed: 42 })).toEqual({
      method: 'holdout',
      testFraction: 0.2,
      validationFraction: 0,
      stratify: true,
      seed: 42,
      k: 5,
      folds: false,
    });
  });
});
