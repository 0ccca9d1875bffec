// Bin a number column into ranges (equal widths, or equal counts by quantiles) as a new categorical column.

import { UserError } from '../../errors/user-error.ts';
import { putColumn, putInfo, NUMBER_TYPES, requireType } from '../columns.ts';
import { quantileSorted, sortedFinite } from '../stats.ts';
import type { BinStep } from '../types.ts';
import { fittedOf, type StepImpl } from './step-impl.ts';

export const MAX_BINS = 100;

function checkStep(step: BinStep): void {
  if (!(Number.isInteger(step.bins) && step.bins >= 2 && step.bins <= MAX_BINS)) {
    throw new UserError(`The number of bins must be a whole number from 2 to ${MAX_BINS}, not ${step.bins}.`);
  }
  if (step.name.trim() === '') throw new UserError('The binned column needs a name.');
}

/**
 * Inner cut points, ascending and distinct: `bins` equal widths between the finite min and max, or the
 * 1/bins … (bins−1)/bins quantiles (linear interpolation, as pandas' qcut; repeated edges dropped, as
 * qcut with duplicates='drop'). Null when the column has no finite value.
 */
export function fitEdges(values: Float64Array, method: BinStep['method'], bins: number): number[] | null {
  const sorted = sortedFinite(values);
  if (sorted.length === 0) return null;
  const edges: number[] = [];
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  for (let i = 1; i < bins; i++) {
    const e = method === 'width' ? min + ((max - min) * i) / bins : quantileSorted(sorted, i / bins);
    if (e > min && e <= max && (edges.length === 0 || e > edges[edges.length - 1])) edges.push(e);
  }
  return edges;
}

/** Labels for the bins the edges make: "< a", "a – b", "≥ z"; digits added until every label differs. */
export function binLabels(edges: number[]): string[] {
  if (edges.length === 0) return ['all values'];
  for (let digits = 3; digits <= 17; digits++) {
    const f = (v: number) => String(Number(v.toPrecision(digits)));
    const texts = edges.map(f);
    if (new Set(texts).size < texts.length && digits < 17) continue;
    const labels = [`< ${texts[0]}`];
    for (let i = 1; i < texts.length; i++) labels.push(`${texts[i - 1]} – ${texts[i]}`);
    labels.push(`≥ ${texts[texts.length - 1]}`);
    return labels;
  }
  throw new Error('binLabels: unreachable');
}

export const binStep: StepImpl<BinStep> = {
  schema(columns, step) {
    checkStep(step);
    requireType(columns, step.column, NUMBER_TYPES, 'a number column');
    return putInfo(columns, { name: step.name, type: 'categorical' });
  },
  apply(table, step, mode) {
    checkStep(step);
    const column = requireType(table.columns, step.column, NUMBER_TYPES, 'a number column');
    if (column.kind !== 'numeric') throw new Error('bin: number column is not numeric');
    const edges = mode === 'serve' ? fittedOf(step.fitted, 'bin').edges : fitEdges(column.values, step.method, step.bins);
    if (!edges) throw new UserError(`"${step.column}" has no values to bin.`, 'Impute it first, or bin another column.');
    const labels = binLabels(edges);
    const src = column.values;
    const codes = new Int32Array(src.length);
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      if (v !== v) {
        codes[i] = -1;
        continue;
      }
      // Binary search: the number of edges ≤ v is the bin.
      let lo = 0;
      let hi = edges.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (edges[mid] <= v) lo = mid + 1;
        else hi = mid;
      }
      codes[i] = lo;
    }
    const notes = edges.length + 1 < step.bins ? [`Only ${edges.length + 1} distinct ranges: repeated values share cut points.`] : undefined;
    return {
      table: putColumn(table, { kind: 'coded', name: step.name, type: 'categorical', codes, dictionary: labels }),
      step: { ...step, fitted: { edges } },
      notes,
    };
  },
};
