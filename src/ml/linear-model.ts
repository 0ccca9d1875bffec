// Trains and applies a linear model (softmax or linear regression) with seeded, leak-free TF.js code.

import * as tf from '@tensorflow/tfjs';
import { UserError } from '../core/errors/user-error.ts';
import type { Task } from '../core/frame/frame.ts';
import { createRng, shuffleInPlace } from '../core/random.ts';
import { loadArtifacts, saveArtifacts, type ModelArtifactsPlain } from './artifacts.ts';

export interface EpochLog {
  epoch: number;
  loss: number;
  valLoss?: number;
}

export interface LinearTrainOptions {
  /** Row-major n × d features, already preprocessed. */
  X: Float32Array;
  /** Class indices (classification) or target values (regression), length n. */
  y: Float32Array;
  n: number;
  d: number;
  task: Task;
  nClasses: number;
  epochs: number;
  learningRate: number;
  l2: number;
  batchSize: number;
  seed: number;
  /** Share of rows held back (seeded) to report validation loss; 0 or absent for none. */
  validationFraction?: number;
  onEpoch?: (e: EpochLog) => void | Promise<void>;
  /** Polled between batches: true ends training after the current batch, keeping the model so far. */
  shouldStop?: () => boolean;
}

export interface LinearTrainResult {
  artifacts: ModelArtifactsPlain;
  history: EpochLog[];
  epochsRun: number;
}

export async function trainLinearModel(opts: LinearTrainOptions): Promise<LinearTrainResult> {
  const { X, y, n, d, task, nClasses, seed } = opts;
  if (X.length !== n * d) throw new Error(`X has ${X.length} values, expected ${n} × ${d}`);
  if (y.length !== n) throw new Error(`y has ${y.length} values, expected ${n}`);
  if (n === 0) throw new UserError('There are no training rows');
  if (task === 'classification' && nClasses < 2) throw new UserError('Classification needs at least two classes');

  // Standardising y keeps Adam's step size meaningful whatever the target's units.
  let yMean = 0;
  let yStd = 1;
  if (task === 'regression') {
    for (let i = 0; i < n; i++) yMean += y[i];
    yMean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (y[i] - yMean) ** 2;
    const s = Math.sqrt(ss / n);
    yStd = s > 0 && Number.isFinite(s) ? s : 1;
  }

  const rng = createRng(seed);
  const order = shuffleInPlace(Int32Array.from({ length: n }, (_, i) => i), rng);
  const nVal = opts.validationFraction ? Math.min(Math.floor(n * opts.validationFraction), n - 1) : 0;
  const valIdx = order.slice(0, nVal);
  const trainIdx = order.slice(nVal);

  const units = task === 'classification' ? nClasses : 1;
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      inputShape: [d],
      units,
      activation: task === 'classification' ? 'softmax' : 'linear',
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
      biasInitializer: 'zeros',
      kernelRegularizer: opts.l2 > 0 ? tf.regularizers.l2({ l2: opts.l2 }) : undefined,
    }),
  );
  const optimizer = tf.train.adam(opts.learningRate);
  model.compile({
    optimizer,
    loss: task === 'classification' ? 'categoricalCrossentropy' : 'meanSquaredError',
  });

  const xAll = tf.tensor2d(X, [n, d]);
  const yAll = tf.tidy(() =>
    task === 'classification'
      ? tf.oneHot(tf.tensor1d(y, 'int32'), nClasses).toFloat()
      : tf.tensor2d(y, [n, 1]).sub(yMean).div(yStd),
  );
  const valData = nVal > 0 ? gatherRows(xAll, yAll, valIdx) : undefined;

  const history: EpochLog[] = [];
  let stopped = false;
  try {
    for (let epoch = 1; epoch <= opts.epochs && !stopped; epoch++) {
      if (opts.shouldStop?.()) break;
      shuffleInPlace(trainIdx, rng);
      // fit's own shuffle uses Math.random; handing it pre-shuffled rows keeps runs repeatable.
      const [xe, ye] = gatherRows(xAll, yAll, trainIdx);
      let fitted: tf.History;
      try {
        fitted = await model.fit(xe, ye, {
          epochs: 1,
          batchSize: opts.batchSize,
          shuffle: false,
          validationData: valData,
          verbose: 0,
          callbacks: {
            onBatchEnd: async () => {
              if (opts.shouldStop?.()) {
                model.stopTraining = true;
                stopped = true;
              }
            },
          },
        });
      } finally {
        xe.dispose();
        ye.dispose();
      }
      const loss = Number(fitted.history.loss[0]);
      if (!Number.isFinite(loss)) {
        throw new UserError(
          'Training diverged (loss is NaN) — try a lower learning rate',
          'Lower the learning rate, or raise the L2 penalty.',
        );
      }
      const log: EpochLog = { epoch, loss };
      if (fitted.history.val_loss) log.valLoss = Number(fitted.history.val_loss[0]);
      history.push(log);
      await opts.onEpoch?.(log);
    }

    if (task === 'regression') foldTargetScaling(model, yMean, yStd);
    const artifacts = await saveArtifacts(model, {
      task,
      nClasses: task === 'classification' ? nClasses : 1,
      ...(task === 'regression' ? { yMean, yStd } : {}),
    });
    return { artifacts, history, epochsRun: history.length };
  } finally {
    xAll.dispose();
    yAll.dispose();
    valData?.[0].dispose();
    valData?.[1].dispose();
    model.dispose();
    // The model does not own an optimizer it was handed, so its Adam moments must go separately.
    optimizer.dispose();
  }
}

/** Probabilities (n × nClasses, row-major) for classification, predictions in target units (n) for regression. */
export async function predictLinear(artifacts: ModelArtifactsPlain, X: Float32Array, n: number, d: number): Promise<Float32Array> {
  if (X.length !== n * d) throw new Error(`X has ${X.length} values, expected ${n} × ${d}`);
  const model = await loadArtifacts(artifacts);
  try {
    const out = tf.tidy(() => model.predict(tf.tensor2d(X, [n, d])) as tf.Tensor);
    try {
      return Float32Array.from(await out.data());
    } finally {
      out.dispose();
    }
  } finally {
    model.dispose();
  }
}

function gatherRows(x: tf.Tensor, y: tf.Tensor, idx: Int32Array): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const i = tf.tensor1d(idx, 'int32');
    return [tf.gather(x, i), tf.gather(y, i)];
  });
}

/**
 * Rewrites the output layer so it predicts in the target's own units (w·s, b·s + m): the saved and
 * exported model then needs no extra de-standardisation step that a user could forget.
 */
function foldTargetScaling(model: tf.LayersModel, yMean: number, yStd: number): void {
  const layer = model.layers[0];
  const [kernel, bias] = layer.getWeights();
  const scaled = tf.tidy(() => [kernel.mul(yStd), bias.mul(yStd).add(yMean)]);
  layer.setWeights(scaled);
  tf.dispose(scaled);
}
