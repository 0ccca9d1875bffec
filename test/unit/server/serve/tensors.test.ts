import { InferenceSession, Tensor } from 'onnxruntime-node';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../../../src/server/serve/http-error.ts';
import { decodeRequest, encodeResponse, metadataTensor, signatureOf, type Signature } from '../../../../src/server/serve/tensors.ts';
import { fixtureDir } from './fixtures.ts';

let types: Signature;
let classifier: Signature;

beforeAll(async () => {
  types = signatureOf(await InferenceSession.create(join(fixtureDir, 'types.onnx')));
  classifier = signatureOf(await InferenceSession.create(join(fixtureDir, 'classifier.onnx')));
});

/** A request for the types model with `n` rows, and one input replaced. */
function typesRequest(over: { name: string } & Record<string, unknown>, n = 1): unknown {
  const rows = <T>(v: T): T[] => Array.from({ length: n }, () => v);
  const inputs = [
    { name: 'f32', shape: [n, 2], datatype: 'FP32', data: rows([1, 2]).flat() },
    { name: 'f64', shape: [n], datatype: 'FP64', data: rows(1) },
    { name: 'i32', shape: [n], datatype: 'INT32', data: rows(1) },
    { name: 'i64', shape: [n], datatype: 'INT64', data: rows(1) },
    { name: 'flag', shape: [n], datatype: 'BOOL', data: rows(true) },
    { name: 'text', shape: [n], datatype: 'BYTES', data: rows('a') },
  ].map((t) => (t.name === over.name ? { ...t, ...over } : t));
  return { inputs };
}

function errorOf(fn: () => unknown): HttpError {
  try {
    fn();
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error('expected an HttpError');
}

describe('signatureOf / metadataTensor', () => {
  it('reads names, types and shapes from the session, with variable dimensions as -1', () => {
    expect(classifier.inputs.map(metadataTensor)).toEqual([
      { name: 'bill_length_mm', datatype: 'FP32', shape: [-1, 1] },
      { name: 'flipper_length_mm', datatype: 'FP32', shape: [-1, 1] },
      { name: 'island', datatype: 'BYTES', shape: [-1, 1] },
    ]);
    expect(classifier.outputNames).toEqual(['label', 'probabilities']);
    expect(types.inputs.map((s) => s.type)).toEqual(['float32', 'float64', 'int32', 'int64', 'bool', 'string']);
  });
});

describe('decodeRequest', () => {
  it('fills each model type from flat or nested data in row-major order', () => {
    const { feeds, fetches } = decodeRequest(
      typesRequest({ name: 'f32', shape: [3, 2], datatype: 'FP64', data: [[1, 2], [3, 4], [5, 6.5]] }, 3),
      types,
      1e6,
    );
    expect(feeds.f32.type).toBe('float32');
    expect(feeds.f32.dims).toEqual([3, 2]);
    expect(Array.from(feeds.f32.data as Float32Array)).toEqual([1, 2, 3, 4, 5, 6.5]);
    expect(feeds.i64.data).toEqual(BigInt64Array.from([1n, 1n, 1n]));
    expect(feeds.flag.data).toEqual(Uint8Array.from([1, 1, 1]));
    expect(feeds.text.data).toEqual(['a', 'a', 'a']);
    expect(fetches).toEqual(types.outputNames);
  });

  it('takes null as a missing number (NaN) for float inputs only', () => {
    const { feeds } = decodeRequest(typesRequest({ name: 'f64', shape: [2], data: [null, 2] }, 2), types, 1e6);
    const data = feeds.f64.data as Float64Array;
    expect(Number.isNaN(data[0])).toBe(true);
    expect(data[1]).toBe(2);
    expect(errorOf(() => decodeRequest(typesRequest({ name: 'i32', data: [null] }), types, 1e6)).message).toMatch(/is not a number/);
  });

  it('checks integers against both the declared datatype and the model type', () => {
    expect(errorOf(() => decodeRequest(typesRequest({ name: 'f64', datatype: 'INT8', data: [300] }), types, 1e6)).message).toMatch(/does not fit INT8/);
    expect(errorOf(() => decodeRequest(typesRequest({ name: 'i32', datatype: 'UINT32', data: [4294967295] }), types, 1e6)).message).toMatch(/does not fit the model's int32/);
    expect(errorOf(() => decodeRequest(typesRequest({ name: 'i32', datatype: 'UINT8', data: [-1] }), types, 1e6)).message).toMatch(/does not fit UINT8/);
    expect(errorOf(() => decodeRequest(typesRequest({ name: 'i64', datatype: 'FP64', data: [0.5] }), types, 1e6)).message).toMatch(/not a whole number/);
    // 2^53 + 1 is not a JSON number that survives parsing exactly, so INT64 stops at 2^53 - 1.
    expect(errorOf(() => decodeRequest(typesRequest({ name: 'i64', data: [2 ** 53] }), types, 1e6)).message).toMatch(/does not fit INT64/);
    const { feeds } = decodeRequest(typesRequest({ name: 'i64', data: [-(2 ** 53 - 1)] }), types, 1e6);
    expect(feeds.i64.data).toEqual(BigInt64Array.from([-(2n ** 53n - 1n)]));
  });

  it('names the input, the element index and the value in its errors', () => {
    const err = errorOf(() => decodeRequest(typesRequest({ name: 'f32', data: [[1], ['x']] }), types, 1e6));
    expect(err.status).toBe(400);
    expect(err.message).toBe('Input "f32": element 1 ("x") is not a number (null stands for a missing value).');
  });

  it('refuses a shape larger than the body could hold before allocating it', () => {
    const err = errorOf(() => decodeRequest(typesRequest({ name: 'f32', shape: [2 ** 40, 2] }), types, 500));
    expect(err.message).toMatch(/holds 2199023255552 values, but "data" has 2/);
  });

  it('refuses data nested absurdly deep', () => {
    let data: unknown = [1, 2];
    for (let i = 0; i < 40; i++) data = [data];
    expect(errorOf(() => decodeRequest(typesRequest({ name: 'f32', data }), types, 1e6)).message).toMatch(/nested more than 32 levels/);
  });

  it('keeps requested outputs in request order, once each', () => {
    const { fetches } = decodeRequest(
      { ...(typesRequest({ name: 'f32' }) as object), outputs: [{ name: 'text_out' }, { name: 'f32_out' }, { name: 'text_out' }] },
      types,
      1e6,
    );
    expect(fetches).toEqual(['text_out', 'f32_out']);
  });
});

describe('encodeResponse', () => {
  it('writes typed arrays as JSON arrays: int64 as numbers, bool as booleans, NaN as null', () => {
    const results = {
      a: new Tensor('int64', BigInt64Array.from([-5n, 2n ** 40n]), [2]),
      b: new Tensor('bool', Uint8Array.from([0, 1]), [2]),
      c: new Tensor('float32', Float32Array.from([0.5, NaN]), [1, 2]),
      d: new Tensor('string', ['x', 'é'], [2]),
    };
    const text = encodeResponse('m', '1', 'id-1', ['d', 'a', 'b', 'c'], results);
    expect(JSON.parse(text)).toEqual({
      model_name: 'm',
      model_version: '1',
      id: 'id-1',
      outputs: [
        { name: 'd', datatype: 'BYTES', shape: [2], data: ['x', 'é'] },
        { name: 'a', datatype: 'INT64', shape: [2], data: [-5, 2 ** 40] },
        { name: 'b', datatype: 'BOOL', shape: [2], data: [false, true] },
        { name: 'c', datatype: 'FP32', shape: [1, 2], data: [0.5, null] },
      ],
    });
    expect(JSON.parse(encodeResponse('m', '1', undefined, ['b'], results))).not.toHaveProperty('id');
  });
});
