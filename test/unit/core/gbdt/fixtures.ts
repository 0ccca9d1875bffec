// Reads the gradient-boosting fixtures written by scripts/fixtures/gbdt_reference.py (sklearn's data and results).

import { readFileSync } from 'node:fs';

const fixture = (name: string): URL => new URL(`../../../fixtures/${name}`, import.meta.url);

export interface Split {
  X: Float64Array;
  y: Float64Array;
  n: number;
}

export interface FixtureData {
  d: number;
  train: Split;
  test: Split;
}

export interface DatasetReference {
  task: 'classification' | 'regression';
  classes?: number;
  accuracy?: number;
  r2?: number;
  rows: number;
  features: number;
  train_rows: number;
  test_rows: number;
  n_iter: number;
  raw_test: number[] | number[][];
  pred_test: number[];
  train_loss: number[];
}

export interface Reference {
  sklearn: string;
  datasets: Record<string, DatasetReference>;
  binning: { thresholds: number[][]; n_bins_non_missing: number[]; missing_bin: number; binned: number[][] };
}

export const reference = JSON.parse(readFileSync(fixture('gbdt.reference.json'), 'utf8')) as Reference;

/** gbdt.<name>.csv: f0…f{d−1}, target, test (1 = test row); empty cells are missing (NaN). */
export function loadFixture(name: string): FixtureData {
  const lines = readFileSync(fixture(`gbdt.${name}.csv`), 'utf8').trim().split('\n');
  const d = lines[0].split(',').length - 2;
  const rows = lines.slice(1).map((line) => line.split(',').map((c) => (c === '' ? NaN : Number(c))));
  const pick = (test: number): Split => {
    const chosen = rows.filter((r) => r[d + 1] === test);
    const X = new Float64Array(chosen.length * d);
    chosen.forEach((r, i) => X.set(r.slice(0, d), i * d));
    return { X, y: Float64Array.from(chosen, (r) => r[d]), n: chosen.length };
  };
  return { d, train: pick(0), test: pick(1) };
}

/** A seeded regression or classification problem, row-major, d ≥ 2; the target depends on features 0 and 1. */
export function syntheticProblem(n: number, d: number, seed: number, task: 'regression' | 'binary' | 'multiclass'): Split & { d: number } {
  let s = seed >>> 0;
  const rand = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const X = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < d; f++) X[i * d + f] = rand() * 4 - 2;
    const x0 = X[i * d];
    const x1 = X[i * d + 1];
    const score = Math.sin(2 * x0) + x1 * x1 - 1 + (rand() - 0.5) * 0.6;
    if (task === 'regression') y[i] = 3 * score + 10;
    else if (task === 'binary') y[i] = score > 0 ? 1 : 0;
    else y[i] = score < -0.5 ? 0 : score < 0.5 ? 1 : 2;
  }
  return { X, y, n, d };
}

export function accuracy(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  let hit = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) hit++;
  return hit / y.length;
}

export function r2(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i];
  mean /= y.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) {
    ssRes += (y[i] - pred[i]) ** 2;
    ssTot += (y[i] - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}
