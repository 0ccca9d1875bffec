// Warns about target leakage: a feature that, on its own, predicts the target almost perfectly.

import { balancedAccuracy } from '../metrics/classification.ts';
import { ascendingOrder } from '../metrics/sort-order.ts';
import { r2 } from '../metrics/regression.ts';
import { createRng, shuffleInPlace } from '../random.ts';
import { getColumn, type Column, type Table } from '../table/table.ts';
import { classIndexByRow, rowsWithTarget, type FrameSummary } from './frame.ts';

/** A single feature scoring this well out of sample is almost certainly the target in disguise. */
export const LEAKAGE_THRESHOLD = 0.98;
/** Rows looked at (drawn with the seed): enough to see a near-perfect predictor, cheap on any table. */
export const LEAKAGE_MAX_ROWS = 200_000;

export interface FeatureAloneScore {
  feature: string;
  /** Balanced accuracy (classification) or R² (regression) of the one-feature rule, out of sample. */
  score: number;
  metric: 'balanced_accuracy' | 'r2';
}

export interface LeakageWarning extends FeatureAloneScore {
  message: string;
}

export interface LeakageOptions {
  threshold?: number;
  maxRows?: number;
  seed?: number;
}

/**
 * How well each of the frame's features predicts the target alone, with the simplest rule that can express
 * a perfect relation: the majority class (or mean target) of each category, or of the nearest value seen
 * for a numeric feature (missing values form their own category). The rule is fitted on one half of the
 * rows and scored on the other, both ways, so a feature that merely has a value per row (an identifier)
 * scores like noise rather than perfectly. Balanced accuracy for classification, so a rare class must be
 * found too; R² for regression.
 */
export function featureAloneScores(table: Table, frame: FrameSummary, options: LeakageOptions = {}): FeatureAloneScore[] {
  let rows = rowsWithTarget(table, frame.target);
  const rng = createRng(options.seed ?? 17);
  shuffleInPlace(rows, rng);
  const max = options.maxRows ?? LEAKAGE_MAX_ROWS;
  if (rows.length > max) rows = rows.slice(0, max);
  const n = rows.length;
  const half = Math.floor(n / 2);
  if (half < 1) return [];
  const a = rows.subarray(0, half);
  const b = rows.subarray(half);

  const classification = frame.task === 'classification';
  const k = frame.classes?.length ?? 0;
  let target: Float64Array;
  if (classification) {
    const classOf = classIndexByRow(table, frame);
    target = Float64Array.from(classOf, (c) => c);
  } else {
    const column = getColumn(table, frame.target);
    target = column && column.kind === 'numeric' ? column.values : new Float64Array(table.rowCount);
  }
  const yTrue = Float64Array.from(rows, (r) => target[r]);

  const out: FeatureAloneScore[] = [];
  for (const name of frame.features) {
    const column = getColumn(table, name);
    if (!column) continue;
    const predicted = new Float64Array(n);
    // Fit on a, predict b; fit on b, predict a. Positions: a is 0..half-1, b is half..n-1.
    predicted.set(predictWithRule(column, a, b, target, classification, k), half);
    predicted.set(predictWithRule(column, b, a, target, classification, k), 0);
    const score = classification ? balancedAccuracy(yTrue, predicted) : r2(yTrue, predicted);
    out.push({ feature: name, score, metric: classification ? 'balanced_accuracy' : 'r2' });
  }
  return out;
}

/** The features whose score alone reaches the threshold (default 0.98), best first, each with a message. */
export function detectLeakage(table: Table, frame: FrameSummary, options: LeakageOptions = {}): LeakageWarning[] {
  const threshold = options.threshold ?? LEAKAGE_THRESHOLD;
  return featureAloneScores(table, frame, options)
    .filter((s) => s.score >= threshold)
    .sort((x, y) => y.score - x.score)
    .map((s) => {
      const how = s.metric === 'r2' ? `R² ${s.score.toFixed(3)}` : `balanced accuracy ${(s.score * 100).toFixed(1)}%`;
      return {
        ...s,
        message:
          `"${s.feature}" alone predicts "${frame.target}" almost perfectly (${how} on rows it was not fitted on). ` +
          'If it is derived from the target or only known afterwards, leave it out of the features.',
      };
    });
}

/** The one-feature rule fitted on `fit` rows, applied to `apply` rows. */
function predictWithRule(
  column: Column,
  fit: Int32Array,
  apply: Int32Array,
  target: Float64Array,
  classification: boolean,
  k: number,
): Float64Array {
  const out = new Float64Array(apply.length);
  if (column.kind === 'coded') {
    // Missing (-1) is a category of its own, at slot 0; slot `groups` pools every fitted row (the fallback
    // for a category unseen in fitting).
    const groups = column.dictionary.length + 1;
    const stat = summariseGroups(groups, fit.length, (i) => column.codes[fit[i]] + 1, (i) => target[fit[i]], classification, k);
    for (let i = 0; i < apply.length; i++) {
      const g = column.codes[apply[i]] + 1;
      out[i] = Number.isNaN(stat[g]) ? stat[groups] : stat[g];
    }
    return out;
  }
  const values = column.values;
  const seen = new Int32Array(fit.length);
  const missing = new Int32Array(fit.length);
  let nSeen = 0;
  let nMissing = 0;
  for (const r of fit) {
    if (Number.isNaN(values[r])) missing[nMissing++] = r;
    else seen[nSeen++] = r;
  }
  const seenValues = new Float64Array(nSeen);
  for (let i = 0; i < nSeen; i++) seenValues[i] = values[seen[i]];
  const order = ascendingOrder(seenValues);
  // Group = rank of the distinct value among those seen; the group after the last is the missing values.
  const groupOf = new Int32Array(fit.length);
  const distinctAll = new Float64Array(nSeen);
  let nDistinct = 0;
  const sortedRows = new Int32Array(fit.length);
  for (let j = 0; j < nSeen; j++) {
    const v = seenValues[order[j]];
    if (j === 0 || v !== distinctAll[nDistinct - 1]) distinctAll[nDistinct++] = v;
    groupOf[j] = nDistinct - 1;
    sortedRows[j] = seen[order[j]];
  }
  for (let j = 0; j < nMissing; j++) {
    groupOf[nSeen + j] = nDistinct;
    sortedRows[nSeen + j] = missing[j];
  }
  const distinct = distinctAll.subarray(0, nDistinct);
  const groups = nDistinct + 1;
  const stat = summariseGroups(groups, fit.length, (i) => groupOf[i], (i) => target[sortedRows[i]], classification, k);
  const fallback = stat[groups];
  const missingStat = Number.isNaN(stat[nDistinct]) ? fallback : stat[nDistinct];
  for (let i = 0; i < apply.length; i++) {
    const v = values[apply[i]];
    if (Number.isNaN(v)) {
      out[i] = missingStat;
      continue;
    }
    if (distinct.length === 0) {
      out[i] = fallback;
      continue;
    }
    // Nearest distinct value (the lower one when equally near).
    let lo = 0;
    let hi = distinct.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    let pick = lo;
    if (lo === distinct.length || (lo > 0 && v - distinct[lo - 1] <= distinct[lo] - v)) pick = lo - 1;
    out[i] = stat[pick];
  }
  return out;
}

/**
 * Per group (0..groups-1) the majority class (ties to the lower class) or the mean target of its items, NaN
 * for an empty group; entry `groups` holds the same over all items.
 */
function summariseGroups(
  groups: number,
  items: number,
  groupOf: (i: number) => number,
  targetOf: (i: number) => number,
  classification: boolean,
  k: number,
): Float64Array {
  const stat = new Float64Array(groups + 1).fill(NaN);
  if (classification) {
    const counts = new Int32Array((groups + 1) * k);
    for (let i = 0; i < items; i++) {
      const c = targetOf(i);
      counts[groupOf(i) * k + c]++;
      counts[groups * k + c]++;
    }
    for (let g = 0; g <= groups; g++) {
      let best = 0;
      let total = 0;
      for (let c = 0; c < k; c++) {
        total += counts[g * k + c];
        if (counts[g * k + c] > counts[g * k + best]) best = c;
      }
      if (total > 0) stat[g] = best;
    }
    return stat;
  }
  const sums = new Float64Array(groups + 1);
  const counts = new Int32Array(groups + 1);
  for (let i = 0; i < items; i++) {
    const g = groupOf(i);
    const y = targetOf(i);
    sums[g] += y;
    counts[g]++;
    sums[groups] += y;
    counts[groups]++;
  }
  for (let g = 0; g <= groups; g++) if (counts[g] > 0) stat[g] = sums[g] / counts[g];
  return stat;
}
