import { beforeAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { transformRows } from '../../../../src/core/prep/preprocess.ts';
import { getColumn } from '../../../../src/core/table/table.ts';
import { predictLinear } from '../../../../src/ml/linear-model.ts';
import { exampleRows } from '../../../../src/ml/manifests/example-rows.ts';
import { oipInferRequest, type OipInferRequest } from '../../../../src/ml/manifests/oip-infer-request.ts';
import { oipModelMetadata } from '../../../../src/ml/manifests/oip-metadata.ts';
import { argmaxRows, maxAbsDiff } from '../onnx/fixtures.ts';
import { exportedModel, type Exported } from './model-fixture.ts';

const OIP_TYPE: Record<string, string> = { float32: 'FP32', string: 'BYTES', int64: 'INT64', float64: 'FP64' };

let clf: Exported;
let reg: Exported;
beforeAll(async () => {
  clf = await exportedModel('segment');
  reg = await exportedModel('spend');
});

async function withSession<T>(bytes: Uint8Array, f: (s: ort.InferenceSession) => Promise<T>): Promise<T> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return await f(session);
  } finally {
    await session.release();
  }
}

/** What an OIP server does with a JSON request: one tensor per input, from its datatype, shape and data. */
function tensorsOf(request: OipInferRequest): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of request.inputs) {
    feeds[input.name] =
      input.datatype === 'BYTES'
        ? new ort.Tensor('string', input.data as string[], input.shape)
        : new ort.Tensor('float32', Float32Array.from(input.data as number[]), input.shape);
  }
  return feeds;
}

/** Two test rows: one with a missing number and one with a missing category, so stand-ins are exercised. */
function twoRows(e: Exported): number[] {
  const age = getColumn(e.data.table, 'age');
  const colour = getColumn(e.data.table, 'colour');
  if (age?.kind !== 'numeric' || colour?.kind !== 'coded') throw new Error('fixture columns changed');
  const test = Array.from(e.data.test);
  const a = test.find((r) => !Number.isFinite(age.values[r]));
  const b = test.find((r) => colour.codes[r] < 0 && r !== a);
  if (a === undefined || b === undefined) throw new Error('fixture has no missing values in test rows');
  return [a, b];
}

describe('oipModelMetadata', () => {
  it.each(['classifier', 'regressor'])('describes the %s graph as ORT reads it', async (which) => {
    const e = which === 'classifier' ? clf : reg;
    const metadata = oipModelMetadata('lathe-model', e.signature);
    const expected = await withSession(e.onnx, async (s) => {
      const tensor = (m: ort.InferenceSession.ValueMetadata) => {
        if (!m.isTensor) throw new Error('not a tensor');
        return { name: m.name, datatype: OIP_TYPE[m.type], shape: m.shape.map((d) => (typeof d === 'number' ? d : -1)) };
      };
      return { inputs: s.inputMetadata.map(tensor), outputs: s.outputMetadata.map(tensor) };
    });
    expect(metadata).toEqual({ name: 'lathe-model', versions: ['1'], platform: 'onnxruntime_onnx', ...expected });
  });
});

describe('oipInferRequest with exampleRows', () => {
  it('gives the graph inputs it takes, and the graph then answers as Lathe does for those rows', async () => {
    const rows = twoRows(clf);
    const request = oipInferRequest(clf.signature, exampleRows(clf.spec, clf.data.table, rows));
    const roundTripped = JSON.parse(JSON.stringify(request)) as OipInferRequest;
    await withSession(clf.onnx, async (session) => {
      expect(roundTripped.inputs.map((i) => i.name)).toEqual(session.inputNames);
      expect(roundTripped.outputs.map((o) => o.name)).toEqual(session.outputNames);
      for (const input of roundTripped.inputs) expect(input.shape).toEqual([2, 1]);
      const out = await session.run(tensorsOf(roundTripped));
      const lathe = await predictLinear(clf.artifacts, transformRows(clf.spec, clf.data.table, Int32Array.from(rows)), 2, clf.spec.outputWidth);
      expect(maxAbsDiff(out.probabilities.data as Float32Array, lathe)).toBeLessThanOrEqual(1e-5);
      expect(out.label.data).toEqual(argmaxRows(lathe, 3).map((i) => (clf.frame.classes ?? [])[i]));
    });
    expect(roundTripped.inputs.find((i) => i.name === 'colour')?.datatype).toBe('BYTES');
    expect(roundTripped.inputs.find((i) => i.name === 'age')?.datatype).toBe('FP32');
  });

  it('writes a missing number as its impute value (JSON has no NaN) and a missing category as ""', () => {
    const rows = twoRows(reg);
    const [a, b] = exampleRows(reg.spec, reg.data.table, rows);
    const age = reg.spec.features.find((f) => f.name === 'age');
    expect(age?.kind === 'numeric' && a.age === age.impute).toBe(true);
    expect(b.colour).toBe('');
  });

  it('refuses rows that do not fit the inputs', () => {
    const signature = { inputs: [{ name: 'x', type: 'FLOAT' as const, shape: [-1, 1], description: '' }], outputs: [] };
    expect(() => oipInferRequest(signature, [{ x: NaN }])).toThrow(/finite number for "x"/);
    expect(() => oipInferRequest(signature, [{ x: 'one' }])).toThrow(/finite number/);
    expect(() => oipInferRequest({ ...signature, inputs: [{ ...signature.inputs[0], type: 'STRING' }] }, [{ x: 1 }])).toThrow(/needs text/);
  });
});
