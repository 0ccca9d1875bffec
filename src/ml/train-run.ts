// One training run end to end: fit preprocessing on the training rows, train, and evaluate on test rows.
import * as tf from '@tensorflow/tfjs';
import type { Table } from '../core/table/table';
import type { FrameSummary } from '../core/frame/frame';
import { fitPreprocessing, transformRows, featureNames, type PreprocessSpec } from '../core/prep/preprocess';
import { encodeTarget } from '../core/prep/target';
import { evaluatePredictions, type Evaluation } from '../core/metrics/evaluate';
import { trainLinearModel, predictLinear } from './linear-model';
import type { ModelArtifactsPlain } from './artifacts';

export type BackendPref = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface TrainConfig {
  model: 'linear';
  epochs: number;
  learningRate: number;
  l2: number;
  batchSize: number;
  seed: number;
  backend: BackendPref;
}

export interface TrainProgress {
  epoch: number;
  epochs: number;
  loss: number;
  valLoss?: number;
  backend: string;
}

export interface BackendInfo {
  name: string;
  reason: string;
  probes: { name: string; available: boolean; note: string }[];
}

export interface TrainResult {
  task: FrameSummary['task'];
  artifacts: ModelArtifactsPlain;
  spec: PreprocessSpec;
  featureNames: string[];
  history: { epoch: number; loss: number; valLoss?: number }[];
  epochsRun: number;
  trainRows: number;
  trainMs: number;
  backend: BackendInfo;
}

export async function trainModel(
  table: Table,
  frame: FrameSummary,
  trainRows: Int32Array,
  config: TrainConfig,
  onProgress?: (p: TrainProgress) => void,
): Promise<Omit<TrainResult, 'backend'>> {
  const spec = fitPreprocessing(table, frame.features, trainRows);
  const X = transformRows(spec, table, trainRows);
  const y = encodeTarget(table, frame, trainRows);
  const backend = tf.getBackend();
  const started = performance.now();
  const result = await trainLinearModel({
    X,
    y,
    n: trainRows.length,
    d: spec.outputWidth,
    task: frame.task,
    nClasses: frame.classes?.length ?? 1,
    epochs: config.epochs,
    learningRate: config.learningRate,
    l2: config.l2,
    batchSize: config.batchSize,
    seed: config.seed,
    // A validation curve beside the training curve shows over-fitting; too few rows to spare below 50.
    validationFraction: trainRows.length >= 50 ? 0.15 : undefined,
    onEpoch: (e) => onProgress?.({ ...e, epochs: config.epochs, backend }),
  });
  return {
    task: frame.task,
    artifacts: result.artifacts,
    spec,
    featureNames: featureNames(spec),
    history: result.history,
    epochsRun: result.epochsRun,
    trainRows: trainRows.length,
    trainMs: performance.now() - started,
  };
}

export async function evaluateModel(
  table: Table,
  frame: FrameSummary,
  split: { train: Int32Array; test: Int32Array },
  artifacts: ModelArtifactsPlain,
  spec: PreprocessSpec,
): Promise<Evaluation> {
  const X = transformRows(spec, table, split.test);
  const output = await predictLinear(artifacts, X, split.test.length, spec.outputWidth);
  const yTrue = encodeTarget(table, frame, split.test);
  const yTrain = encodeTarget(table, frame, split.train);
  return evaluatePredictions(frame, yTrue, output, yTrain);
}
