import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import { analyzeTarget, type FrameSummary } from '../../../../src/core/frame/frame.ts';
import { fitPreprocessing, transformRows, type PreprocessSpec } from '../../../../src/core/prep/preprocess.ts';
import { encodeTarget } from '../../../../src/core/prep/target.ts';
import { saveArtifacts, type ModelArtifactsPlain } from '../../../../src/ml/artifacts.ts';
import { predictLinear, trainLinearModel } from '../../../../src/ml/linear-model.ts';
import { denseModelFromArtifacts, type DenseActivation, type DenseModel } from '../../../../src/ml/onnx/dense-model.ts';
import { pipelineSignature, pipelineToOnnx, type PipelineTarget } from '../../../../src/ml/onnx/pipeline.ts';
import { argmaxRows, feedsFor, maxAbsDiff, mixedData, runOnnx, type MixedData } from './fixtures.ts';

/** The parity bar for probabilities and predictions: ONNX Runtime against Lathe's own tfjs path. */
const TOLERANCE = 1e-5;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Trained {
  data: MixedData;
  frame: FrameSummary;
  spec: PreprocessSpec;
  artifacts: ModelArtifactsPlain;
}

/** Trained once per target: several tests read the same model. */
const trained = new Map<string, Promise<Trained>>();
function trainLinear(target: string, task?: 'regression'): Promise<Trained> {
  let t = trained.get(target);
  if (!t) trained.set(target, (t = trainOnce(target, task)));
  return t;
}

async function trainOnce(target: string, task?: 'regression'): Promise<Trained> {
  const data = mixedData();
  const frame = { ...analyzeTarget(data.table, target, task), features: data.features };
  const spec = fitPreprocessing(data.table, frame.features, data.train);
  const X = transformRows(spec, data.table, data.train);
  const y = encodeTarget(data.table, frame, data.train);
  const { artifacts } = await trainLinearModel({
    X, y, n: data.train.length, d: spec.outputWidth, task: frame.task, nClasses: frame.classes?.length ?? 1,
    epochs: 25, learningRate: 0.05, l2: 0.001, batchSize: 32, seed: 3,
  });
  return { data, frame, spec, artifacts };
}

function targetOf(frame: FrameSummary): PipelineTarget {
  return frame.task === 'classification' ? { task: 'classification', classes: frame.classes ?? [] } : { task: 'regression' };
}

/** Lathe's outputs (preprocess.ts + the tfjs model) and the ONNX graph's, on every row of the table. */
async function bothWays(t: Trained, model: DenseModel = denseModelFromArtifacts(t.artifacts)) {
  const rows = Int32Array.from({ length: t.data.table.rowCount }, (_, i) => i);
  const X = transformRows(t.spec, t.data.table, rows);
  const lathe = await predictLinear(t.artifacts, X, rows.length, t.spec.outputWidth);
  const bytes = pipelineToOnnx(t.spec, model, targetOf(t.frame), { name: 'parity', producerVersion: 'test' });
  const onnx = await runOnnx(bytes, feedsFor(t.spec, t.data, rows));
  return { rows, lathe, onnx, bytes };
}

async function expectClassifierParity(t: Trained): Promise<void> {
  const classes = t.frame.classes ?? [];
  const { rows, lathe, onnx } = await bothWays(t);
  expect(onnx.probabilities.dims).toEqual([rows.length, classes.length]);
  expect(maxAbsDiff(onnx.probabilities.data as Float32Array, lathe)).toBeLessThanOrEqual(TOLERANCE);
  expect(onnx.label.dims).toEqual([rows.length, 1]);
  const latheLabels = argmaxRows(lathe, classes.length).map((i) => classes[i]);
  expect(onnx.label.data).toEqual(latheLabels);
  // A model that predicts one class everywhere would pass the comparison vacuously.
  expect(new Set(latheLabels).size).toBe(classes.length);
}

describe('pipelineToOnnx parity with Lathe (preprocess.ts + tfjs) in onnxruntime-node', () => {
  it('softmax classification with 3 classes: probabilities within 1e-5, identical labels', async () => {
    const t = await trainLinear('segment');
    expect(t.frame.classes).toEqual(['high', 'low', 'mid']);
    await expectClassifierParity(t);
  });

  it('binary classification', async () => {
    const t = await trainLinear('plan');
    expect(t.frame.classes).toEqual(['basic', 'premium']);
    await expectClassifierParity(t);
  });

  it('regression, in the target units the tfjs model folds in', async () => {
    const t = await trainLinear('spend', 'regression');
    expect(t.artifacts.meta.yStd).not.toBe(1);
    const { rows, lathe, onnx } = await bothWays(t);
    expect(onnx.prediction.dims).toEqual([rows.length, 1]);
    expect(maxAbsDiff(onnx.prediction.data as Float32Array, lathe)).toBeLessThanOrEqual(TOLERANCE);
    // Trained, not a constant: predictions follow the target.
    const y = encodeTarget(t.data.table, t.frame, t.data.test);
    const p = t.data.test.map((r) => lathe[r]);
    expect(correlation(p, y)).toBeGreaterThan(0.8);
  });

  it('a 2-hidden-layer MLP built in tfjs (relu, tanh, softmax)', async () => {
    const data = mixedData(300, 11);
    const frame = { ...analyzeTarget(data.table, 'segment'), features: data.features };
    const spec = fitPreprocessing(data.table, frame.features, data.train);
    const artifacts = await mlpArtifacts(spec.outputWidth, [
      [16, 'relu'],
      [8, 'tanh'],
      [3, 'softmax'],
    ], { task: 'classification', nClasses: 3 });
    const model = denseModelFromArtifacts(artifacts);
    expect(model.layers.map((l) => [l.inputSize, l.units, l.activation])).toEqual([
      [spec.outputWidth, 16, 'relu'],
      [16, 8, 'tanh'],
      [8, 3, 'softmax'],
    ]);
    const t = { data, frame, spec, artifacts };
    const { rows, lathe, onnx } = await bothWays(t, model);
    expect(maxAbsDiff(onnx.probabilities.data as Float32Array, lathe)).toBeLessThanOrEqual(TOLERANCE);
    expect(onnx.label.data).toEqual(argmaxRows(lathe, 3).map((i) => (frame.classes ?? [])[i]));
    expect(rows.length).toBe(300);
  });

  const activations: DenseActivation[] = [
    'linear', 'relu', 'relu6', 'elu', 'selu', 'sigmoid', 'hardSigmoid', 'tanh',
    'softplus', 'softsign', 'swish', 'mish', 'gelu',
  ];
  it.each(activations)('a hidden %s layer computes what tfjs computes', async (activation) => {
    const data = mixedData(200, 5);
    const frame = { ...analyzeTarget(data.table, 'spend', 'regression'), features: data.features };
    const spec = fitPreprocessing(data.table, frame.features, data.train);
    const artifacts = await mlpArtifacts(spec.outputWidth, [
      [12, activation],
      [1, 'linear'],
    ], { task: 'regression', nClasses: 1 });
    const model = denseModelFromArtifacts(artifacts);
    expect(model.layers[0].activation).toBe(activation);
    const { lathe, onnx } = await bothWays({ data, frame, spec, artifacts }, model);
    expect(maxAbsDiff(onnx.prediction.data as Float32Array, lathe)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('declares the inputs and outputs that ORT reads back', async () => {
    const t = await trainLinear('segment');
    const bytes = pipelineToOnnx(t.spec, denseModelFromArtifacts(t.artifacts), targetOf(t.frame), { name: 'io', producerVersion: 'test' });
    const session = await ort.InferenceSession.create(bytes);
    const signature = pipelineSignature(t.spec, targetOf(t.frame));
    const ortType = { FLOAT: 'float32', STRING: 'string', INT64: 'int64', DOUBLE: 'float64', BOOL: 'bool' } as const;
    const asOrt = (s: typeof signature.inputs) => s.map((x) => ({ name: x.name, isTensor: true, type: ortType[x.type], shape: x.shape.map((d) => (d === -1 ? 'N' : d)) }));
    expect(session.inputMetadata).toEqual(asOrt(signature.inputs));
    expect(session.outputMetadata).toEqual(asOrt(signature.outputs));
    expect(session.outputNames).toEqual(['label', 'probabilities']);
    await session.release();
  });

  it('answers a batch of zero rows and a batch of one', async () => {
    const t = await trainLinear('plan');
    const bytes = pipelineToOnnx(t.spec, denseModelFromArtifacts(t.artifacts), targetOf(t.frame), { name: 'sizes', producerVersion: 'test' });
    const none = await runOnnx(bytes, feedsFor(t.spec, t.data, []));
    expect(none.probabilities.dims).toEqual([0, 2]);
    const one = await runOnnx(bytes, feedsFor(t.spec, t.data, [5]));
    expect(one.label.dims).toEqual([1, 1]);
  });

  it('refuses a feature column named like an output, an empty name, and models that do not fit the recipe', async () => {
    const spec: PreprocessSpec = { version: 1, outputWidth: 1, features: [{ name: 'label', kind: 'numeric', impute: 0, mean: 0, std: 1 }] };
    const head = (units: number, activation: DenseActivation): DenseModel => ({
      kind: 'dense',
      layers: [{ inputSize: 1, units, kernel: new Float32Array(units), activation }],
    });
    const meta = { name: 'x', producerVersion: 'test' };
    const classify: PipelineTarget = { task: 'classification', classes: ['a', 'b'] };
    expect(() => pipelineToOnnx(spec, head(2, 'softmax'), classify, meta)).toThrow(UserError);
    expect(() => pipelineToOnnx(spec, head(2, 'softmax'), classify, meta)).toThrow(/"label" has the same name as a model output/);
    // The same column is fine for a regression, whose output is called prediction.
    expect(pipelineToOnnx(spec, head(1, 'linear'), { task: 'regression' }, meta).length).toBeGreaterThan(0);
    const unnamed: PreprocessSpec = { ...spec, features: [{ ...spec.features[0], name: '' }] };
    expect(() => pipelineToOnnx(unnamed, head(1, 'linear'), { task: 'regression' }, meta)).toThrow(UserError);

    const x: PreprocessSpec = { ...spec, features: [{ ...spec.features[0], name: 'x' }] };
    expect(() => pipelineToOnnx(x, head(2, 'sigmoid'), classify, meta)).toThrow(/must be a softmax/);
    expect(() => pipelineToOnnx(x, head(3, 'softmax'), classify, meta)).toThrow(/gives 3 outputs where the task needs 2/);
    const wide: PreprocessSpec = { ...x, outputWidth: 2, features: [x.features[0], { ...x.features[0], name: 'y' }] };
    expect(() => pipelineToOnnx(wide, head(1, 'linear'), { task: 'regression' }, meta)).toThrow(/takes 1 inputs but the preprocessing gives 2/);
  });
});

/** A hand-built tfjs Sequential model (seeded random weights, small biases), saved as Lathe saves models. */
async function mlpArtifacts(
  inputSize: number,
  layers: [number, DenseActivation][],
  meta: { task: 'classification' | 'regression'; nClasses: number },
): Promise<ModelArtifactsPlain> {
  const model = tf.sequential();
  layers.forEach(([units, activation], i) => {
    model.add(
      tf.layers.dense({
        ...(i === 0 ? { inputShape: [inputSize] } : {}),
        units,
        activation,
        kernelInitializer: tf.initializers.glorotUniform({ seed: 17 + i }),
        biasInitializer: tf.initializers.randomUniform({ minval: -0.3, maxval: 0.3, seed: 31 + i }),
      }),
    );
  });
  try {
    return await saveArtifacts(model, meta);
  } finally {
    model.dispose();
  }
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

