// One pass over a numeric column: counts, extremes, a compensated sum and the direction of the values in row order.

import type { Monotonicity } from './types.ts';

export interface NumericScan {
  /** Present values (not NaN), ±Infinity included. */
  count: number;
  /** Finite values: the ones moments, quantiles and histograms are computed over. */
  finite: number;
  /** Sum of the finite values (Neumaier's compensated summation). */
  sum: number;
  /** Over present values, so ±Infinity show; NaN when there are none. */
  min: number;
  max: number;
  /** Over finite values; NaN when there are none. */
  finiteMin: number;
  finiteMax: number;
  zeros: number;
  /** Values below 0, −Infinity included (ydata counts over all present values). */
  negatives: number;
  positiveInfinite: number;
  negativeInfinite: number;
  monotonicity: Monotonicity;
}

/**
 * Neumaier's summation keeps the rounding error of each addition and adds it back at the end, so the sum
 * is as accurate as if done in twice the precision: a mean that agrees with pandas (pairwise summation) to
 * the last bits even over millions of values.
 *
 * Monotonicity follows ydata-profiling over present values in row order: pandas' is_monotonic_increasing
 * / _decreasing, strict when the values are also unique (equivalently, each step is strict); a strictly
 * increasing answer wins over strictly decreasing, which wins over the non-strict ones (so one value is
 * "strictly increasing" and a constant column "increasing").
 */
export function scanNumeric(values: Float64Array): NumericScan {
  let count = 0;
  let finite = 0;
  let sum = 0;
  let compensation = 0;
  let min = Infinity;
  let max = -Infinity;
  let finiteMin = Infinity;
  let finiteMax = -Infinity;
  let zeros = 0;
  let negatives = 0;
  let positiveInfinite = 0;
  let negativeInfinite = 0;
  let increasing = true;
  let decreasing = true;
  let strictlyIncreasing = true;
  let strictlyDecreasing = true;
  let previous = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue; // NaN: missing
    if (count > 0) {
      if (v < previous) increasing = strictlyIncreasing = false;
      else if (v > previous) decreasing = strictlyDecreasing = false;
      else strictlyIncreasing = strictlyDecreasing = false;
    }
    previous = v;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v === 0) zeros++;
    else if (v < 0) negatives++;
    if (v === Infinity) {
      positiveInfinite++;
      continue;
    }
    if (v === -Infinity) {
      negativeInfinite++;
      continue;
    }
    finite++;
    if (v < finiteMin) finiteMin = v;
    if (v > finiteMax) finiteMax = v;
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  const monotonicity: Monotonicity = strictlyIncreasing
    ? 'strictly increasing'
    : strictlyDecreasing
      ? 'strictly decreasing'
      : increasing
        ? 'increasing'
        : decreasing
          ? 'decreasing'
          : 'none';
  return {
    count,
    finite,
    sum: sum + compensation,
    min: count > 0 ? min : NaN,
    max: count > 0 ? max : NaN,
    finiteMin: finite > 0 ? finiteMin : NaN,
    finiteMax: finite > 0 ? finiteMax : NaN,
    zeros,
    negatives,
    positiveInfinite,
    negativeInfinite,
    monotonicity,
  };
}
