import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { attr, GraphBuilder, ML_DOMAIN } from '../../../../src/ml/onnx/graph.ts';
import { DataType, decodeModel, encodeModel } from '../../../../src/ml/onnx/proto.ts';
import { runOnnx } from './fixtures.ts';

const meta = { producerName: 'Lathe', producerVersion: '9.9.9' };

describe('GraphBuilder and the ModelProto encoding', () => {
  it('writes a graph that ORT runs: Gemm with a [in, out] weight and bias, then Relu', async () => {
    const g = new GraphBuilder('tiny');
    g.reserve('y');
    g.addInput('x', 'FLOAT', ['N', 2]);
    const w = g.floatTensor('w', [2, 3], [1, 2, 3, -4, -5, -6]);
    const b = g.floatTensor('b', [3], [0.5, 0, -0.5]);
    const h = g.op('Gemm', ['x', w, b], { transB: attr.int(0) });
    g.node('Relu', [h], { outputs: ['y'] });
    g.addOutput('y', 'FLOAT', ['N', 3]);
    const out = await runOnnx(g.toModelBytes(meta), { x: new ort.Tensor('float32', Float32Array.of(1, 1, 2, 0.5), [2, 2]) });
    // Row 1: [1-4+0.5, 2-5, 3-6-0.5] → relu; row 2: [2-2+0.5, 4-2.5, 6-3-0.5].
    expect(Array.from(out.y.data as Float32Array)).toEqual([0, 0, 0, 0.5, 1.5, 2.5]);
  });

  it('round-trips through the encoding: IR 8, both opsets, types, shapes, little-endian raw data, metadata', () => {
    const g = new GraphBuilder('roundtrip');
    g.reserve('out');
    g.addInput('text', 'STRING', ['N', 1], 'a column');
    const k = g.doubleTensor('k', [2], [0.1, -3]);
    const names = g.stringTensor('names', [2], ['a', 'ü']);
    g.int64Tensor('axes', [1], [-1]);
    g.node('LabelEncoder', ['text'], {
      outputs: ['out'],
      domain: ML_DOMAIN,
      attrs: { keys_strings: attr.strings(['a']), values_int64s: attr.ints([7]), default_int64: attr.int(-1) },
    });
    g.addOutput('out', 'INT64', ['N', 1]);
    const bytes = g.toModelBytes({ ...meta, metadata: { 'lathe.task': 'classification' } });
    const model = decodeModel(bytes);

    expect(model.irVersion).toBe(8);
    expect(model.opsetImport.map((o) => [o.domain ?? '', o.version])).toEqual([['', 13], ['ai.onnx.ml', 3]]);
    expect([model.producerName, model.producerVersion]).toEqual(['Lathe', '9.9.9']);
    expect(model.metadataProps).toEqual([{ key: 'lathe.task', value: 'classification' }]);
    const input = model.graph.input[0];
    expect(input.name).toBe('text');
    expect(input.docString).toBe('a column');
    expect(input.type.tensorType.elemType).toBe(DataType.STRING);
    expect(input.type.tensorType.shape.dim).toEqual([{ dimParam: 'N' }, { dimValue: 1 }]);
    expect(model.graph.output[0].type.tensorType.elemType).toBe(DataType.INT64);

    const [kt, nt, at] = model.graph.initializer;
    expect([kt.name, nt.name, at.name]).toEqual([k, names, 'axes']);
    const raw = kt.rawData as Uint8Array;
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    expect([view.getFloat64(0, true), view.getFloat64(8, true)]).toEqual([0.1, -3]);
    expect((nt.stringData ?? []).map((s) => new TextDecoder().decode(s))).toEqual(['a', 'ü']);
    expect(at.int64Data).toEqual([-1]);

    const node = model.graph.node[0];
    expect([node.opType, node.domain, node.input, node.output]).toEqual(['LabelEncoder', 'ai.onnx.ml', ['text'], ['out']]);
    const byName = Object.fromEntries(node.attribute.map((a) => [a.name, a]));
    expect(byName.values_int64s.ints).toEqual([7]);
    expect(byName.default_int64.i).toBe(-1);
  });

  it('keeps every value name unique, whatever the column names', () => {
    const g = new GraphBuilder('names');
    g.addInput('Relu', 'FLOAT', ['N', 1]);
    g.reserve('out');
    const a = g.op('Relu', ['Relu']);
    const b = g.op('Relu', [a]);
    expect(new Set(['Relu', 'out', a, b]).size).toBe(4);
    expect(() => g.reserve('out')).toThrow(/already has a value named "out"/);
    expect(() => g.addInput('Relu', 'STRING', ['N', 1])).toThrow(/already has a value named "Relu"/);
    expect(() => g.addOutput('never', 'FLOAT', [1])).toThrow(/must be reserved/);
  });

  it('refuses tensors whose values do not fill their shape, and malformed messages', () => {
    const g = new GraphBuilder('bad');
    expect(() => g.floatTensor('w', [2, 2], [1, 2, 3])).toThrow(/has 3 values for shape \[2,2\]/);
    expect(() => g.stringTensor('s', [3], ['a'])).toThrow(/needs 3 values, got 1/);
    const model = decodeModel(g.toModelBytes(meta));
    // A dimension that is neither a number nor a name fails protobufjs's verification before any bytes are written.
    const broken = { ...model, irVersion: 'eight' as unknown as number };
    expect(() => encodeModel(broken)).toThrow(/malformed/);
  });
});
