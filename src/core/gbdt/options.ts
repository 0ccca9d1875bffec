// Hyperparameters of the gradient-boosted trees: scikit-learn HistGradientBoosting's names, defaults and checks.

import { UserError } from '../errors/user-error.ts';

export type GbdtTask = 'regression' | 'classification';

/** What a caller may set; anything left out takes scikit-learn 1.2's default. */
export interface GbdtOptions {
  task: GbdtTask;
  /** Classification: number of classes (labels are 0…nClasses − 1); the largest label + 1 when absent. */
  nClasses?: number;
  learningRate?: number;
  maxIter?: number;
  /** Leaves per tree; null for no limit. */
  maxLeafNodes?: number | null;
  /** Edges from the root to the deepest leaf; null for no limit. */
  maxDepth?: number | null;
  minSamplesLeaf?: number;
  l2Regularization?: number;
  /** Bins for present values per feature (missing values get one more), at most 255. */
  maxBins?: number;
  /** 'auto' turns early stopping on when there are more than 10,000 rows, as scikit-learn does. */
  earlyStopping?: 'auto' | boolean;
  /** Share of rows held out to decide early stopping; null uses the training loss instead. */
  validationFraction?: number | null;
  nIterNoChange?: number;
  tol?: number;
  /** Seeds the validation split and the binning subsample. */
  seed?: number;
  /** Bin edges come from at most this many rows (a seeded subsample above it). */
  binSubsample?: number;
  /** Checked between iterations; an aborted signal stops training with a UserError. */
  signal?: AbortSignal;
}

/** Every hyperparameter with its value: what the model records, plain JSON. */
export interface GbdtParams {
  task: GbdtTask;
  learningRate: number;
  maxIter: number;
  maxLeafNodes: number | null;
  maxDepth: number | null;
  minSamplesLeaf: number;
  l2Regularization: number;
  maxBins: number;
  earlyStopping: 'auto' | boolean;
  validationFraction: number | null;
  nIterNoChange: number;
  tol: number;
  seed: number;
  binSubsample: number;
}

/** A node is split only if both children keep at least this much hessian (scikit-learn's min_hessian_to_split). */
export const MIN_HESSIAN_TO_SPLIT = 1e-3;
/** Above this many rows 'auto' early stopping turns on. */
export const AUTO_EARLY_STOPPING_ROWS = 10_000;

export const DEFAULT_PARAMS: Omit<GbdtParams, 'task'> = {
  learningRate: 0.1,
  maxIter: 100,
  maxLeafNodes: 31,
  maxDepth: null,
  minSamplesLeaf: 20,
  l2Regularization: 0,
  maxBins: 255,
  earlyStopping: 'auto',
  validationFraction: 0.1,
  nIterNoChange: 10,
  tol: 1e-7,
  seed: 0,
  binSubsample: 200_000,
};

const HINT = 'Check the gradient-boosting settings.';

export function resolveParams(options: GbdtOptions): GbdtParams {
  if (options.task !== 'regression' && options.task !== 'classification') {
    throw new UserError(`Gradient boosting needs a task of "regression" or "classification", not "${String(options.task)}"`, HINT);
  }
  const p: GbdtParams = { ...DEFAULT_PARAMS, task: options.task };
  for (const key of Object.keys(DEFAULT_PARAMS) as (keyof typeof DEFAULT_PARAMS)[]) {
    const v = options[key];
    // Explicit undefined means "default", as with scikit-learn's keyword arguments left out.
    if (v !== undefined) (p as unknown as Record<string, unknown>)[key] = v;
  }
  positive('learning rate', p.learningRate);
  integer('maximum iterations', p.maxIter, 1);
  if (p.maxLeafNodes !== null) integer('maximum leaves per tree', p.maxLeafNodes, 2);
  if (p.maxDepth !== null) integer('maximum depth', p.maxDepth, 1);
  integer('minimum rows per leaf', p.minSamplesLeaf, 1);
  if (!(p.l2Regularization >= 0 && Number.isFinite(p.l2Regularization))) {
    throw new UserError(`The L2 regularization must be 0 or more (got ${p.l2Regularization})`, HINT);
  }
  integer('number of bins', p.maxBins, 2);
  if (p.maxBins > 255) throw new UserError(`The number of bins can be at most 255 (got ${p.maxBins})`, HINT);
  if (p.earlyStopping !== 'auto' && typeof p.earlyStopping !== 'boolean') {
    throw new UserError(`Early stopping must be "auto", on or off (got ${String(p.earlyStopping)})`, HINT);
  }
  if (p.validationFraction !== null && !(p.validationFraction > 0 && p.validationFraction < 1)) {
    throw new UserError(`The validation share must be between 0% and 100% (got ${p.validationFraction * 100}%)`, HINT);
  }
  integer('iterations without improvement', p.nIterNoChange, 1);
  if (!(p.tol >= 0 && Number.isFinite(p.tol))) throw new UserError(`The tolerance must be 0 or more (got ${p.tol})`, HINT);
  if (!Number.isFinite(p.seed)) throw new UserError(`The seed must be a number (got ${p.seed})`, HINT);
  integer('binning subsample', p.binSubsample, 2);
  return p;
}

function positive(what: string, v: number): void {
  if (!(v > 0 && Number.isFinite(v))) throw new UserError(`The ${what} must be above 0 (got ${v})`, HINT);
}

function integer(what: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new UserError(`The ${what} must be a whole number of at least ${min} (got ${v})`, HINT);
}
