import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitPreprocessing } from '../../../../src/core/prep/preprocess.ts';
import type { DenseModel } from '../../../../src/ml/onnx/dense-model.ts';
import { pipelineSignature, pipelineToOnnx, type PipelineTarget } from '../../../../src/ml/onnx/pipeline.ts';
import { mixedData } from './fixtures.ts';

const PYTHON = '/usr/bin/python3';
const SCRIPT = 'scripts/fixtures/onnx_check.py';
const hasOnnx = spawnSync(PYTHON, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0;
if (!hasOnnx) console.warn(`Skipping the ONNX checker tests: ${PYTHON} cannot import onnx (apt install python3-onnx or pip install onnx).`);

interface CheckReport {
  ir_version: number;
  opsets: Record<string, number>;
  producer: [string, string];
  inputs: { name: string; elem_type: string; shape: (string | number)[] }[];
  outputs: { name: string; elem_type: string; shape: (string | number)[] }[];
  ops: string[];
  metadata: Record<string, string>;
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lathe-onnx-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function check(bytes: Uint8Array, file: string): CheckReport {
  const path = join(dir, file);
  writeFileSync(path, bytes);
  return JSON.parse(execFileSync(PYTHON, [SCRIPT, 'model', path], { encoding: 'utf8' })) as CheckReport;
}

function mlp(widths: number[], activations: DenseModel['layers'][number]['activation'][]): DenseModel {
  return {
    kind: 'dense',
    layers: activations.map((activation, i) => ({
      inputSize: widths[i],
      units: widths[i + 1],
      kernel: Float32Array.from({ length: widths[i] * widths[i + 1] }, (_, j) => Math.sin(j + i)),
      bias: Float32Array.from({ length: widths[i + 1] }, (_, j) => 0.1 * j),
      activation,
    })),
  };
}

describe.skipIf(!hasOnnx)('the exported graph under onnx.checker (full_check) and strict shape inference', () => {
  const data = mixedData(200, 9);
  const spec = fitPreprocessing(data.table, data.features, data.train);
  const elem = { FLOAT: 'FLOAT', STRING: 'STRING', INT64: 'INT64', DOUBLE: 'DOUBLE', BOOL: 'BOOL' } as const;
  const expectedIo = (target: PipelineTarget, exposeFeatures: boolean) => {
    const sig = pipelineSignature(spec, target, { exposeFeatures });
    const io = (ts: typeof sig.inputs) => ts.map((t) => ({ name: t.name, elem_type: elem[t.type], shape: t.shape.map((d) => (d === -1 ? 'N' : d)) }));
    return { inputs: io(sig.inputs), outputs: io(sig.outputs) };
  };

  it('passes for a classifier (with the features output) and says what it holds', () => {
    const target: PipelineTarget = { task: 'classification', classes: ['high', 'low', 'mid'] };
    const model = mlp([spec.outputWidth, 3], ['softmax']);
    const report = check(pipelineToOnnx(spec, model, target, { name: 'clf', producerVersion: '0.1.0' }, { exposeFeatures: true }), 'clf.onnx');
    expect(report.ir_version).toBe(8);
    expect(report.opsets).toEqual({ 'ai.onnx': 13, 'ai.onnx.ml': 3 });
    expect(report.producer).toEqual(['Lathe', '0.1.0']);
    expect({ inputs: report.inputs, outputs: report.outputs }).toEqual(expectedIo(target, true));
    expect(report.ops).toEqual(expect.arrayContaining(['ai.onnx.ml:LabelEncoder', 'ai.onnx.ml:OneHotEncoder', 'ai.onnx:Gemm', 'ai.onnx:Gather']));
    expect(JSON.parse(report.metadata['lathe.preprocessing'])).toEqual(spec);
    expect(JSON.parse(report.metadata['lathe.classes'])).toEqual(target.classes);
  });

  it('passes for an MLP regression using every supported activation', () => {
    const acts = ['relu', 'relu6', 'elu', 'selu', 'sigmoid', 'hardSigmoid', 'tanh', 'softplus', 'softsign', 'swish', 'mish', 'gelu', 'linear'] as const;
    const widths = [spec.outputWidth, ...acts.slice(0, -1).map(() => 4), 1];
    const report = check(pipelineToOnnx(spec, mlp(widths, [...acts]), { task: 'regression' }, { name: 'reg', producerVersion: '0.1.0' }), 'reg.onnx');
    expect({ inputs: report.inputs, outputs: report.outputs }).toEqual(expectedIo({ task: 'regression' }, false));
    expect(report.ops).toEqual(expect.arrayContaining(['ai.onnx:Erf', 'ai.onnx:Selu', 'ai.onnx:Clip', 'ai.onnx:HardSigmoid']));
  });

  it('rejects a broken graph, so a pass means something', () => {
    const bytes = pipelineToOnnx(spec, mlp([spec.outputWidth, 1], ['linear']), { task: 'regression' }, { name: 'x', producerVersion: '0' });
    // Nodes come first in the bytes: make the Gemm read a weight that does not exist (same length, so the framing holds).
    const text = Buffer.from(bytes).toString('latin1');
    const at = text.indexOf('dense1_kernel');
    const broken = Buffer.from(text.slice(0, at) + 'dense1_kernem' + text.slice(at + 13), 'latin1');
    const path = join(dir, 'broken.onnx');
    writeFileSync(path, broken);
    const run = spawnSync(PYTHON, [SCRIPT, 'model', path], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/ValidationError|InferenceError/);
  });
});
