import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import * as ortWeb from 'onnxruntime-web';
import { analyzeTarget } from '../../../src/core/frame/frame.ts';
import { fitPreprocessing, transformRows } from '../../../src/core/prep/preprocess.ts';
import { encodeTarget } from '../../../src/core/prep/target.ts';
import { predictLinear, trainLinearModel } from '../../../src/ml/linear-model.ts';
import { exportOnnx, pipelineTarget } from '../../../src/ml/onnx/export-onnx.ts';
import { onnxParity, onnxParitySafe, PARITY_TOLERANCE } from '../../../src/ml/onnx-parity.ts';
import { argmaxRows, mixedData } from './onnx/fixtures.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  ortWeb.env.wasm.numThreads = 1;
});

/** A model trained on the mixed fixture table (missing spellings, unseen levels), exported, with Lathe's test-row output. */
async function exported(target: 'segment' | 'spend') {
  const data = mixedData(400, 11);
  const frame = analyzeTarget(data.table, target);
  frame.features = data.features;
  const spec = fitPreprocessing(data.table, frame.features, data.train);
  const { artifacts } = await trainLinearModel({
    X: transformRows(spec, data.table, data.train),
    y: encodeTarget(data.table, frame, data.train),
    n: data.train.length,
    d: spec.outputWidth,
    task: frame.task,
    nClasses: frame.classes?.length ?? 1,
    epochs: 8, learningRate: 0.05, l2: 0, batchSize: 32, seed: 3,
  });
  const { onnx } = exportOnnx({ artifacts, spec, frame, name: 'parity', producerVersion: 'test' });
  const rows = data.test;
  const expected = await predictLinear(artifacts, transformRows(spec, data.table, rows), rows.length, spec.outputWidth);
  return { data, frame, spec, onnx, rows, expected, target: pipelineTarget(frame) };
}

describe('onnxParity', () => {
  it('passes for a real exported classifier on held-out rows', async () => {
    const m = await exported('segment');
    const result = await onnxParity({ ort: ortWeb, onnx: m.onnx, spec: m.spec, target: m.target, table: m.data.table, rows: m.rows, expected: m.expected });
    expect(result).toMatchObject({ rows: 120, labelMismatches: 0, passed: true, tolerance: 1e-5 });
    expect(result.maxAbsDiff).toBeLessThanOrEqual(PARITY_TOLERANCE);
    expect(result.error).toBeUndefined();
  });

  it('fails with the right figures when Lathe\'s predictions are perturbed', async () => {
    const m = await exported('segment');
    const k = m.frame.classes!.length;
    const perturbed = Float32Array.from(m.expected);
    // Row 3: one probability off by 0.01, the label unchanged only if it stays below the row's max.
    perturbed[3 * k + 1] += 0.01;
    // Row 5: swap its largest and smallest probability, which moves its label.
    const row5 = Array.from(m.expected.subarray(5 * k, 6 * k));
    const hi = row5.indexOf(Math.max(...row5));
    const lo = row5.indexOf(Math.min(...row5));
    [perturbed[5 * k + hi], perturbed[5 * k + lo]] = [row5[lo], row5[hi]];

    const result = await onnxParity({ ort: ortWeb, onnx: m.onnx, spec: m.spec, target: m.target, table: m.data.table, rows: m.rows, expected: perturbed });
    const wantDiff = Math.max(0.01, row5[hi] - row5[lo]);
    // The graph itself differs from Lathe by at most the tolerance, so the perturbation dominates.
    expect(Math.abs(result.maxAbsDiff - wantDiff)).toBeLessThanOrEqual(2 * PARITY_TOLERANCE);
    const before = argmaxRows(m.expected, k);
    const after = argmaxRows(perturbed, k);
    const moved = before.filter((b, i) => b !== after[i]).length;
    expect(moved).toBeGreaterThanOrEqual(1);
    expect(result).toMatchObject({ rows: 120, labelMismatches: moved, passed: false });
  });

  it('checks a regression on its predicted values', async () => {
    const m = await exported('spend');
    const ok = await onnxParity({ ort: ortWeb, onnx: m.onnx, spec: m.spec, target: m.target, table: m.data.table, rows: m.rows, expected: m.expected });
    expect(ok).toMatchObject({ rows: 120, labelMismatches: 0, passed: true });
    expect(ok.maxAbsDiff).toBeLessThanOrEqual(PARITY_TOLERANCE);

    const off = Float32Array.from(m.expected);
    off[7] += 1e-3;
    const bad = await onnxParity({ ort: ortWeb, onnx: m.onnx, spec: m.spec, target: m.target, table: m.data.table, rows: m.rows, expected: off });
    expect(bad.passed).toBe(false);
    expect(Math.abs(bad.maxAbsDiff - 1e-3)).toBeLessThanOrEqual(2 * PARITY_TOLERANCE);
  });

  it('turns a runtime failure into a result with a message, not an exception', async () => {
    const m = await exported('spend');
    const broken = m.onnx.slice(0, 40);
    const result = await onnxParitySafe(() =>
      onnxParity({ ort: ortWeb, onnx: broken, spec: m.spec, target: m.target, table: m.data.table, rows: m.rows, expected: m.expected }),
    );
    expect(result.passed).toBe(false);
    expect(result.rows).toBe(0);
    expect(result.error).toMatch(/^onnxruntime-web could not run model\.onnx: /);
  });
});
