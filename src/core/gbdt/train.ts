// Trains gradient-boosted trees: bins the rows, then adds trees fitted to the loss's gradients until done or stopped early.

import { UserError } from '../errors/user-error.ts';
import { binRows, fitBinMapper, type BinnedRows } from './binning.ts';
import { shouldStop } from './early-stopping.ts';
import { checkMatrix, type FeatureMatrix } from './feature-matrix.ts';
import { histogramLayout, type HistogramLayout } from './histogram.ts';
import { lossFor } from './loss.ts';
import type { GbdtModel } from './model.ts';
import { AUTO_EARLY_STOPPING_ROWS, MIN_HESSIAN_TO_SPLIT, resolveParams, type GbdtOptions } from './options.ts';
import { addLeafValues, createGrowContext, growTree, type GrownTree } from './tree-grower.ts';
import type { GbdtTree } from './tree.ts';
import { validationSplit } from './validation-split.ts';

export interface GbdtIteration {
  /** 1 for the first iteration. */
  iteration: number;
  maxIter: number;
  /** Mean loss per training row after this iteration. */
  trainLoss: number;
  /** Mean loss per held-out row, when early stopping holds rows out. */
  validationLoss: number | null;
  elapsedMs: number;
}

export interface GbdtFit {
  model: GbdtModel;
  /** Mean training loss before any tree, then after each iteration (scikit-learn's train_score_, negated). */
  trainLoss: number[];
  /** The same on the held-out rows; null when no rows were held out. */
  validationLoss: number[] | null;
  earlyStopped: boolean;
  trainRows: number;
  validationRows: number;
  timeMs: number;
}

/** Hand the event loop a turn this often, so an abort (or any message) can arrive while training runs. */
const YIELD_EVERY_MS = 50;

/**
 * X: n × d (row-major typed array or columns; NaN = missing). y: values (regression) or class labels
 * 0…nClasses − 1 (classification). onIteration is called after every iteration and not awaited.
 */
export async function trainGbdt(
  X: FeatureMatrix,
  n: number,
  d: number,
  y: ArrayLike<number>,
  options: GbdtOptions,
  onIteration?: (info: GbdtIteration) => void,
): Promise<GbdtFit> {
  const started = performance.now();
  const params = resolveParams(options);
  checkMatrix(X, n, d);
  if (y.length !== n) throw new UserError(`There are ${y.length} target values for ${n} rows`);
  if (n < 2) throw new UserError(`Gradient boosting needs at least 2 rows to train on (got ${n})`);
  const labels = Float64Array.from(y);
  const classes = params.task === 'classification' ? checkLabels(labels, options.nClasses) : 1;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(labels[i])) throw new UserError(`Row ${i + 1} has no target value`, 'Drop rows without a target before training.');
  }
  const loss = lossFor(params.task, classes);
  const K = loss.outputs;

  const earlyStopping = params.earlyStopping === 'auto' ? n > AUTO_EARLY_STOPPING_ROWS : params.earlyStopping;
  const holdOut = earlyStopping && params.validationFraction !== null;
  const split = holdOut
    ? validationSplit(n, params.validationFraction!, params.seed, params.task === 'classification' ? labels : null, classes)
    : null;
  const trainIdx = split ? split.train : null;
  const nTrain = trainIdx ? trainIdx.length : n;

  const mapper = fitBinMapper(X, n, d, trainIdx, { maxBins: params.maxBins, subsample: params.binSubsample, seed: params.seed });
  const train = binRows(mapper, X, n, d, trainIdx);
  const validation = split ? binRows(mapper, X, n, d, split.validation) : null;
  const yTrain = trainIdx ? take(labels, trainIdx) : labels;
  const yValidation = split ? take(labels, split.validation) : null;
  const layout = histogramLayout(mapper.nBins);

  const baseline = loss.baseline(yTrain);
  const raw = repeat(baseline, nTrain);
  const rawValidation = validation ? repeat(baseline, validation.count) : null;
  // float32 like scikit-learn's G_H_DTYPE: half the memory traffic in the histogram loop; sums stay float64.
  const grad = new Float32Array(nTrain * K);
  const hess = new Float32Array(loss.constantHessian ? 0 : nTrain * K);

  const ctx = createGrowContext(
    train.bins,
    nTrain,
    layout,
    train.hasMissing,
    mapper,
    {
      minSamplesLeaf: params.minSamplesLeaf,
      l2Regularization: params.l2Regularization,
      minHessianToSplit: MIN_HESSIAN_TO_SPLIT,
      constantHessian: loss.constantHessian,
    },
    { maxLeafNodes: params.maxLeafNodes, maxDepth: params.maxDepth, learningRate: params.learningRate },
  );

  // Each gradient pass also gives the loss at the scores it starts from: the loss after an iteration comes
  // from the pass that prepares the next one.
  const trainLoss: number[] = [loss.gradients(raw, yTrain, grad, hess)];
  const validationLoss: number[] | null = rawValidation && yValidation ? [loss.meanLoss(rawValidation, yValidation)] : null;
  const trees: GbdtTree[] = [];
  let earlyStopped = false;
  let lastYield = performance.now();

  for (let it = 0; it < params.maxIter; it++) {
    if (options.signal?.aborted) {
      throw new UserError(`Training was cancelled after ${it} of ${params.maxIter} iterations.`);
    }
    for (let k = 0; k < K; k++) {
      const g = grad.subarray(k * nTrain, (k + 1) * nTrain);
      const h = loss.constantHessian ? null : hess.subarray(k * nTrain, (k + 1) * nTrain);
      const grown = growTree(ctx, g, h);
      trees.push(grown.tree);
      addLeafValues(ctx, grown, raw, K, k);
      if (validation && rawValidation) addBinnedPredictions(grown, validation, layout, rawValidation, K, k);
    }
    trainLoss.push(loss.gradients(raw, yTrain, grad, hess));
    if (validationLoss && rawValidation && yValidation) validationLoss.push(loss.meanLoss(rawValidation, yValidation));
    onIteration?.({
      iteration: it + 1,
      maxIter: params.maxIter,
      trainLoss: trainLoss[trainLoss.length - 1],
      validationLoss: validationLoss ? validationLoss[validationLoss.length - 1] : null,
      elapsedMs: performance.now() - started,
    });
    if (earlyStopping && shouldStop(validationLoss ?? trainLoss, params.nIterNoChange, params.tol)) {
      earlyStopped = it + 1 < params.maxIter;
      break;
    }
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      lastYield = performance.now();
    }
  }
  if (options.signal?.aborted) throw new UserError('Training was cancelled.');

  const model: GbdtModel = {
    format: 'lathe-gbdt',
    version: 1,
    task: params.task,
    loss: loss.name,
    nFeatures: d,
    nClasses: classes,
    outputs: K,
    baseline: Array.from(baseline),
    trees,
    nIter: trees.length / K,
    params,
  };
  return {
    model,
    trainLoss,
    validationLoss,
    earlyStopped,
    trainRows: nTrain,
    validationRows: validation ? validation.count : 0,
    timeMs: performance.now() - started,
  };
}

/** The number of classes: given, or the largest label + 1; every label a whole number below it. */
function checkLabels(labels: Float64Array, given: number | undefined): number {
  let max = -1;
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0) {
      throw new UserError(`Row ${i + 1} has class label ${c}; labels must be whole numbers from 0`, 'Encode the target classes as 0, 1, 2, …');
    }
    if (c > max) max = c;
  }
  const classes = given ?? max + 1;
  if (!Number.isInteger(classes) || classes < 2) {
    throw new UserError(`Classification needs at least two classes (got ${classes})`, 'Check the target: it may hold one class only.');
  }
  if (max >= classes) throw new UserError(`A class label is ${max}, but there are only ${classes} classes`);
  return classes;
}

function take(values: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}

function repeat(baseline: Float64Array, n: number): Float64Array {
  const K = baseline.length;
  const out = new Float64Array(n * K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) out[i * K + k] = baseline[k];
  return out;
}

/** Adds the tree's output for binned rows (as scikit-learn's predict_binned): raw[i·stride + k]. */
function addBinnedPredictions(grown: GrownTree, rows: BinnedRows, layout: HistogramLayout, raw: Float64Array, stride: number, k: number): void {
  const { feature, missingLeft, left, right, value } = grown.tree;
  const bin = grown.bin;
  const missingBin = layout.nBins;
  const count = rows.count;
  for (let i = 0; i < count; i++) {
    let node = 0;
    while (feature[node] >= 0) {
      const f = feature[node];
      const b = rows.bins[f * count + i];
      node = (b === missingBin[f] ? missingLeft[node] : b <= bin[node]) ? left[node] : right[node];
    }
    raw[i * stride + k] += value[node];
  }
}
