// Permutation feature importance: how much the score drops when one feature's values are shuffled across rows.

import { UserError } from '../errors/user-error.ts';
import type { PreprocessSpec } from '../prep/preprocess.ts';
import { createRng, shuffleInPlace } from '../random.ts';
import { computeMetric, metricInfo, type MetricName } from './registry.ts';
import { toScoringInput } from './scoring-input.ts';

/** Columns of the model's input matrix permuted together: one source column (all its one-hot slots). */
export interface FeatureGroup {
  name: string;
  columns: number[];
}

export interface FeatureImportance {
  name: string;
  columns: number[];
  /** Mean score drop over the repeats: positive means the model relies on the feature. */
  mean: number;
  /** Population standard deviation of the drops (as scikit-learn's importances_std). */
  std: number;
  drops: number[];
}

export interface PermutationImportance {
  /** Score on the unpermuted rows. */
  baseline: number;
  /** In the order of the groups. */
  features: FeatureImportance[];
  /** Rows actually scored (after maxRows). */
  rows: number;
}

/** A metric as a function of true values and raw model output, and which way is better. */
export interface ScoreFunction {
  score: (yTrue: ArrayLike<number>, output: ArrayLike<number>) => number;
  higherIsBetter: boolean;
}

export interface PermutationImportanceOptions {
  /** Shuffles per feature (default 5, scikit-learn's n_repeats). */
  repeats?: number;
  seed?: number;
  /** Default: every input column alone. */
  groups?: FeatureGroup[];
  /** Score at most this many rows, drawn with the seed (default: all). */
  maxRows?: number;
  /** Classes, when `metric` is a metric name on a classification task. */
  k?: number;
  onProgress?: (done: number, total: number) => void;
}

export type Predict = (X: Float32Array, n: number) => ArrayLike<number> | Promise<ArrayLike<number>>;

/**
 * For each feature group and repeat, permutes the rows of the group's columns together (one permutation for
 * all of them, so one-hot rows stay valid), predicts, and records baseline − score (score − baseline for a
 * lower-is-better metric). `X` is the row-major n × d model input; `predict` returns the model's output
 * (probabilities n × k, labels, or values); it must neither keep nor transfer X, which is reused between calls.
 * Same seed, same result.
 */
export async function permutationImportance(
  predict: Predict,
  X: Float32Array | Float64Array,
  n: number,
  d: number,
  y: ArrayLike<number>,
  metric: MetricName | ScoreFunction,
  options: PermutationImportanceOptions = {},
): Promise<PermutationImportance> {
  if (X.length !== n * d) throw new Error(`Expected ${n * d} inputs (${n} rows × ${d} columns), got ${X.length}`);
  if (y.length !== n) throw new Error(`Expected ${n} targets, got ${y.length}`);
  const repeats = options.repeats ?? 5;
  if (!Number.isInteger(repeats) || repeats < 1) throw new UserError(`Permutation importance needs at least one repeat (got ${repeats})`);
  const groups = options.groups ?? Array.from({ length: d }, (_, j) => ({ name: `column ${j + 1}`, columns: [j] }));
  for (const g of groups) {
    for (const c of g.columns) if (!(c >= 0 && c < d)) throw new Error(`Feature "${g.name}" names column ${c}, outside 0..${d - 1}`);
  }
  const scorer = toScoreFunction(metric, options.k ?? 0);
  const rng = createRng(options.seed ?? 0);

  // Subsample once, so every repeat and every feature is scored on the same rows.
  let rowsUsed = n;
  let base: Float32Array = X instanceof Float32Array ? X : Float32Array.from(X);
  let target: ArrayLike<number> = y;
  if (options.maxRows !== undefined && options.maxRows < n) {
    rowsUsed = Math.max(1, Math.floor(options.maxRows));
    const pick = shuffleInPlace(Int32Array.from({ length: n }, (_, i) => i), rng).slice(0, rowsUsed).sort();
    const sub = new Float32Array(rowsUsed * d);
    for (let i = 0; i < rowsUsed; i++) sub.set(X.subarray(pick[i] * d, pick[i] * d + d), i * d);
    base = sub;
    target = Float64Array.from(pick, (r) => y[r]);
  }

  const baseline = scorer.score(target, await predict(base, rowsUsed));
  const work = base.slice();
  const perm = new Int32Array(rowsUsed);
  const total = groups.length * repeats;
  let done = 0;
  const features: FeatureImportance[] = [];
  for (const g of groups) {
    const drops: number[] = [];
    for (let r = 0; r < repeats; r++) {
      for (let i = 0; i < rowsUsed; i++) perm[i] = i;
      shuffleInPlace(perm, rng);
      for (const c of g.columns) for (let i = 0; i < rowsUsed; i++) work[i * d + c] = base[perm[i] * d + c];
      const score = scorer.score(target, await predict(work, rowsUsed));
      drops.push(scorer.higherIsBetter ? baseline - score : score - baseline);
      options.onProgress?.(++done, total);
    }
    // Restore the group's columns before the next feature.
    for (const c of g.columns) for (let i = 0; i < rowsUsed; i++) work[i * d + c] = base[i * d + c];
    let mean = 0;
    for (const v of drops) mean += v;
    mean /= drops.length;
    let ss = 0;
    for (const v of drops) ss += (v - mean) ** 2;
    features.push({ name: g.name, columns: g.columns, mean, std: Math.sqrt(ss / drops.length), drops });
  }
  return { baseline, features, rows: rowsUsed };
}

/** One group per source column of a preprocessing recipe: a numeric column, or all one-hot slots of a categorical one. */
export function featureGroupsFromSpec(spec: PreprocessSpec): FeatureGroup[] {
  const groups: FeatureGroup[] = [];
  let offset = 0;
  for (const f of spec.features) {
    const width = f.kind === 'numeric' ? 1 : f.categories.length;
    // A categorical column with no categories in training feeds the model nothing to permute.
    if (width > 0) groups.push({ name: f.name, columns: Array.from({ length: width }, (_, i) => offset + i) });
    offset += width;
  }
  return groups;
}

function toScoreFunction(metric: MetricName | ScoreFunction, k: number): ScoreFunction {
  if (typeof metric !== 'string') return metric;
  const info = metricInfo(metric);
  return {
    higherIsBetter: info.higherIsBetter,
    score: (yTrue, output) => computeMetric(metric, toScoringInput(info.task, yTrue, output, k)),
  };
}
