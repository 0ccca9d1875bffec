// The one figure a column aggregate rule compares with its range: mean, median, std or distinct count,
// over the present values, as pandas computes them (Great Expectations' pandas engine calls pandas).

import type { Column } from '../table/table.ts';
import { canonicalCodes } from './column-access.ts';
import { RuleProblem } from './rule-problem.ts';

export type Figure = 'mean' | 'median' | 'std' | 'distinct';

export function columnFigure(figure: Figure, column: Column): number {
  if (figure === 'distinct') return distinctCount(column);
  if (column.kind === 'coded' || column.type === 'datetime') {
    throw new RuleProblem(`The ${figure} needs numbers, and "${column.name}" holds ${column.type} values.`);
  }
  const values = presentValues(column.values);
  const n = values.length;
  if (figure === 'std' ? n < 2 : n === 0) {
    throw new RuleProblem(
      n === 0 ? `"${column.name}" has no values to take the ${figure} of.` : `The std needs at least 2 values, and "${column.name}" has ${n}.`,
    );
  }
  if (figure === 'median') {
    values.sort();
    const mid = n >> 1;
    return n % 2 === 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }
  const mean = sum(values) / n;
  if (figure === 'mean') return mean;
  // Two passes, as pandas' nanvar: the mean first, then the squared deviations from it.
  const deviations = values.map((v) => (v - mean) * (v - mean));
  return Math.sqrt(sum(deviations) / (n - 1));
}

function presentValues(values: Float64Array): Float64Array {
  let n = 0;
  for (const v of values) if (!Number.isNaN(v)) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (const v of values) if (!Number.isNaN(v)) out[k++] = v;
  return out;
}

/** Neumaier's compensated sum: within an ulp or so of NumPy's pairwise sum on any data we meet. */
function sum(values: Float64Array): number {
  let s = 0;
  let c = 0;
  for (const v of values) {
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  // With infinities the compensation is NaN; the plain sum is then the answer pandas gives.
  return Number.isFinite(s) ? s + c : s;
}

function distinctCount(column: Column): number {
  if (column.kind === 'coded') {
    const canonical = canonicalCodes(column);
    const seen = new Uint8Array(column.dictionary.length);
    let n = 0;
    for (const code of column.codes) {
      if (code < 0) continue;
      const k = canonical[code];
      if (seen[k] === 0) {
        seen[k] = 1;
        n++;
      }
    }
    return n;
  }
  const seen = new Set<number>();
  for (const v of column.values) if (!Number.isNaN(v)) seen.add(v);
  return seen.size;
}
