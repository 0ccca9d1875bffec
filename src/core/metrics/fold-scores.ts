// Summarises scores across cross-validation folds: mean and spread per metric.

import type { MetricName, Scores } from './registry.ts';

export interface FoldSummary {
  mean: number;
  /** Population standard deviation (numpy's default, as scikit-learn's std_test_score). */
  std: number;
  values: number[];
}

/** Per metric, the mean and standard deviation over the folds that have it. */
export function summariseFolds(perFold: readonly Scores[]): Partial<Record<MetricName, FoldSummary>> {
  const out: Partial<Record<MetricName, FoldSummary>> = {};
  const names = new Set<MetricName>();
  for (const s of perFold) for (const name of Object.keys(s) as MetricName[]) names.add(name);
  for (const name of names) {
    const values = perFold.map((s) => s[name]).filter((v): v is number => v !== undefined);
    out[name] = { ...meanStd(values), values };
  }
  return out;
}

export function meanStd(values: readonly number[]): { mean: number; std: number } {
  if (values.length === 0) return { mean: NaN, std: NaN };
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { mean, std: Math.sqrt(ss / values.length) };
}
