// Loads the scikit-learn reference cases written by scripts/fixtures/metrics_reference.py, and compares to 1e-9.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** Absolute tolerance against sklearn 1.2.1 (values are ratios, losses and curves of order 1). */
export const TOLERANCE = 1e-9;

export interface Curve {
  [name: string]: (number | null)[];
}

export interface ClassificationCase {
  name: string;
  k: number;
  y_true: number[];
  y_pred: number[];
  probs: number[];
  accuracy: number;
  balanced_accuracy: number;
  confusion: number[][];
  log_loss: number;
  precision_macro: number;
  recall_macro: number;
  f1_macro: number;
  precision_weighted: number;
  recall_weighted: number;
  f1_weighted: number;
  precision_binary?: number;
  recall_binary?: number;
  f1_binary?: number;
  roc_auc?: number | null;
  roc_curve?: Curve;
  roc_curve_all?: Curve;
  pr_curve?: Curve;
  average_precision?: number;
  calibration?: Curve;
  roc_auc_ovr?: number | null;
  roc_auc_ovr_present?: number | null;
  per_class?: { class: number; roc_auc?: number; roc_curve?: Curve; pr_curve?: Curve; average_precision?: number }[];
}

export interface RegressionCase {
  name: string;
  y_true: number[];
  y_pred: number[];
  rmse: number;
  mae: number;
  r2: number;
  mape: number;
}

const load = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url), 'utf8')) as T;

export const classificationCases = (): ClassificationCase[] =>
  load<{ cases: ClassificationCase[] }>('metrics.classification.json').cases;
export const regressionCases = (): RegressionCase[] => load<{ cases: RegressionCase[] }>('metrics.regression.json').cases;

/** Compares a number with sklearn's (null stands for NaN) to TOLERANCE, or relatively for huge values. */
export function expectClose(actual: number, expected: number | null | undefined, label: string): void {
  if (expected === null || expected === undefined) {
    expect(actual, label).toBeNaN();
    return;
  }
  const tol = Math.max(TOLERANCE, Math.abs(expected) * 1e-12);
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

export function expectCurve(actual: ArrayLike<number>, expected: (number | null)[], label: string): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], `${label}[${i}]`);
}
