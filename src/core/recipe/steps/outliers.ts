// Outliers: bounds fitted by IQR (Tukey's fences) or z-score, then values clipped to them or their rows dropped.

import { UserError } from '../../errors/user-error.ts';
import type { Table } from '../../table/table.ts';
import { takeRows } from '../../table/take-rows.ts';
import { allIntegers, columnOf, emptyRecord, lookup, NUMBER_TYPES, putColumn, requireColumnList, requireType } from '../columns.ts';
import { meanStd, quantileSorted, sortedFinite } from '../stats.ts';
import type { OutliersStep } from '../types.ts';
import { fittedOf, type StepImpl } from './step-impl.ts';

function checkStep(step: OutliersStep): void {
  if (!(Number.isFinite(step.factor) && step.factor > 0)) throw new UserError(`The factor must be a positive number, not ${step.factor}.`, 'Use 1.5 for IQR fences or 3 for z-scores.');
}

/** [Q1 − k·IQR, Q3 + k·IQR], or mean ± k·std (sample std, as pandas), over the finite values. */
export function fitBounds(values: Float64Array, method: OutliersStep['method'], k: number): { lower: number; upper: number } | null {
  if (method === 'iqr') {
    const sorted = sortedFinite(values);
    if (sorted.length === 0) return null;
    const q1 = quantileSorted(sorted, 0.25);
    const q3 = quantileSorted(sorted, 0.75);
    const iqr = q3 - q1;
    return { lower: q1 - k * iqr, upper: q3 + k * iqr };
  }
  const { mean, std, count } = meanStd(values);
  if (count === 0) return null;
  // One value has no spread: nothing lies away from it.
  const s = std === std ? std : 0;
  return { lower: mean - k * s, upper: mean + k * s };
}

export const outliersStep: StepImpl<OutliersStep> = {
  schema(columns, step) {
    checkStep(step);
    requireColumnList(columns, step.columns);
    for (const name of step.columns) requireType(columns, name, NUMBER_TYPES, 'a number column');
    if (step.action === 'drop') return columns.slice();
    // Clipping an integer column to a fractional bound makes it float (known only from the data).
    return columns.map((c) => (step.columns.includes(c.name) && c.type === 'integer' ? { ...c, type: 'float' as const } : c));
  },
  apply(table, step, mode) {
    checkStep(step);
    const bounds = emptyRecord<{ lower: number; upper: number }>();
    for (const name of step.columns) {
      const column = requireType(table.columns, name, NUMBER_TYPES, 'a number column');
      if (column.kind !== 'numeric') continue;
      const b = mode === 'serve' ? lookup(fittedOf(step.fitted, 'outliers').bounds, name) : fitBounds(column.values, step.method, step.factor);
      if (!b) {
        throw new UserError(`"${name}" has no values to compute outlier bounds from.`, 'Impute it first, or leave it out of this step.');
      }
      bounds[name] = b;
    }
    const applied: OutliersStep = { ...step, fitted: { bounds } };
    return step.action === 'clip' ? clip(table, applied, bounds) : drop(table, applied, bounds);
  },
};

function clip(table: Table, step: OutliersStep, bounds: Record<string, { lower: number; upper: number }>) {
  let out = table;
  for (const name of step.columns) {
    const column = columnOf(out, name);
    if (column.kind !== 'numeric') continue;
    const { lower, upper } = bounds[name];
    const src = column.values;
    const values = new Float64Array(src.length);
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      values[i] = v < lower ? lower : v > upper ? upper : v;
    }
    const type = column.type === 'integer' && !allIntegers(values) ? 'float' : column.type;
    out = putColumn(out, { kind: 'numeric', name, type, values });
  }
  return { table: out, step };
}

/** Keeps rows whose values all lie within the bounds; a missing value is not an outlier. */
function drop(table: Table, step: OutliersStep, bounds: Record<string, { lower: number; upper: number }>) {
  const keep = new Uint8Array(table.rowCount).fill(1);
  for (const name of step.columns) {
    const column = columnOf(table, name);
    if (column.kind !== 'numeric') continue;
    const { lower, upper } = bounds[name];
    const v = column.values;
    for (let i = 0; i < v.length; i++) if (v[i] < lower || v[i] > upper) keep[i] = 0;
  }
  const kept = new Int32Array(table.rowCount);
  let n = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i]) kept[n++] = i;
  if (n === 0 && table.rowCount > 0) {
    throw new UserError(`Dropping outliers would remove every row (${table.rowCount.toLocaleString('en-US')} → 0).`, 'Use a larger factor, or clip instead of dropping.');
  }
  const rows = kept.slice(0, n);
  return { table: n === table.rowCount ? table : takeRows(table, rows), step, kept: rows };
}
