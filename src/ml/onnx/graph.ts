// A small ONNX graph builder: unique value names, typed initializers and attributes, nodes in order.

import {
  AttributeType,
  DataType,
  IR_VERSION,
  encodeModel,
  type AttributeProto,
  type DataTypeCode,
  type DimensionProto,
  type GraphProto,
  type NodeProto,
  type OperatorSetIdProto,
  type TensorProto,
  type ValueInfoProto,
} from './proto.ts';

export type ElemType = 'FLOAT' | 'DOUBLE' | 'INT64' | 'STRING' | 'BOOL';

/** A dimension of a graph input or output: a fixed size, or a symbolic name for a size the caller picks. */
export type Dim = number | string;

/** The domain of the ai.onnx.ml operators (Imputer, OneHotEncoder, LabelEncoder, TreeEnsemble…). */
export const ML_DOMAIN = 'ai.onnx.ml';

/**
 * ai.onnx 13 and ai.onnx.ml 3: every op Lathe emits exists there (TreeEnsembleClassifier/Regressor
 * included, for the tree models to come), onnxruntime has supported both since 1.6, and onnx 1.12's
 * checker knows them.
 */
export const OPSETS: OperatorSetIdProto[] = [
  { domain: '', version: 13 },
  { domain: ML_DOMAIN, version: 3 },
];

const ELEM: Record<ElemType, DataTypeCode> = {
  FLOAT: DataType.FLOAT,
  DOUBLE: DataType.DOUBLE,
  INT64: DataType.INT64,
  STRING: DataType.STRING,
  BOOL: DataType.BOOL,
};

const utf8 = new TextEncoder();

export const attr = {
  int: (i: number) => ({ type: AttributeType.INT, i }) as const,
  float: (f: number) => ({ type: AttributeType.FLOAT, f }) as const,
  string: (s: string) => ({ type: AttributeType.STRING, s: utf8.encode(s) }) as const,
  ints: (ints: ArrayLike<number>) => ({ type: AttributeType.INTS, ints: Array.from(ints) }) as const,
  floats: (floats: ArrayLike<number>) => ({ type: AttributeType.FLOATS, floats: Array.from(floats) }) as const,
  strings: (strings: readonly string[]) => ({ type: AttributeType.STRINGS, strings: strings.map((s) => utf8.encode(s)) }) as const,
  tensor: (t: TensorProto) => ({ type: AttributeType.TENSOR, t }) as const,
};
export type AttrValue = Omit<AttributeProto, 'name'>;

export interface NodeOptions {
  attrs?: Record<string, AttrValue>;
  domain?: string;
  /** Names for the outputs; fresh names from the op type otherwise. */
  outputs?: string[];
  /** How many outputs to name when `outputs` is absent (1 by default). */
  outputCount?: number;
}

export interface ModelOptions {
  producerName: string;
  producerVersion: string;
  docString?: string;
  modelVersion?: number;
  metadata?: Record<string, string>;
}

export class GraphBuilder {
  private readonly used = new Set<string>();
  private readonly nodes: NodeProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private readonly valueInfos: ValueInfoProto[] = [];

  constructor(private readonly name: string) {}

  /** Claims names (graph inputs and outputs) before any internal value can take them. */
  reserve(...names: string[]): void {
    for (const n of names) {
      if (this.used.has(n)) throw new Error(`The graph already has a value named "${n}"`);
      this.used.add(n);
    }
  }

  /** A name no other value has: the hint itself when free, else the hint with a numeric suffix. */
  fresh(hint: string): string {
    let name = hint;
    for (let k = 2; this.used.has(name); k++) name = `${hint}_${k}`;
    this.used.add(name);
    return name;
  }

  addInput(name: string, type: ElemType, shape: Dim[], doc?: string): string {
    this.reserve(name);
    this.inputs.push(valueInfo(name, type, shape, doc));
    return name;
  }

  /** Declares a graph output; `name` must have been reserved and be produced by some node. */
  addOutput(name: string, type: ElemType, shape: Dim[], doc?: string): void {
    if (!this.used.has(name)) throw new Error(`Output "${name}" must be reserved before it is produced`);
    this.outputs.push(valueInfo(name, type, shape, doc));
  }

  /**
   * States the type and shape of an intermediate value. onnx's shape inference has no rule for some
   * ai.onnx.ml ops (OneHotEncoder), and without this a strict checker stops at the next node.
   */
  annotate(name: string, type: ElemType, shape: Dim[]): void {
    this.valueInfos.push(valueInfo(name, type, shape));
  }

  floatTensor(hint: string, dims: number[], values: ArrayLike<number>): string {
    return this.initializer(hint, dims, DataType.FLOAT, littleEndian(values, 4, (v, o, x) => v.setFloat32(o, x, true)));
  }

  doubleTensor(hint: string, dims: number[], values: ArrayLike<number>): string {
    return this.initializer(hint, dims, DataType.DOUBLE, littleEndian(values, 8, (v, o, x) => v.setFloat64(o, x, true)));
  }

  int64Tensor(hint: string, dims: number[], values: ArrayLike<number>): string {
    checkSize(dims, values.length);
    const name = this.fresh(hint);
    this.initializers.push({ name, dims, dataType: DataType.INT64, int64Data: Array.from(values) });
    return name;
  }

  stringTensor(hint: string, dims: number[], values: readonly string[]): string {
    checkSize(dims, values.length);
    const name = this.fresh(hint);
    this.initializers.push({ name, dims, dataType: DataType.STRING, stringData: values.map((s) => utf8.encode(s)) });
    return name;
  }

  /** Appends a node; returns its output names. Nodes must be added in an order where inputs exist already. */
  node(opType: string, inputs: string[], options: NodeOptions = {}): string[] {
    const outputs = options.outputs ?? Array.from({ length: options.outputCount ?? 1 }, () => this.fresh(opType));
    const attribute = Object.entries(options.attrs ?? {}).map(([name, value]) => ({ name, ...value }));
    const node: NodeProto = { input: inputs, output: outputs, name: this.fresh(`node_${opType}`), opType, attribute };
    if (options.domain) node.domain = options.domain;
    this.nodes.push(node);
    return outputs;
  }

  /** A single-output node. */
  op(opType: string, inputs: string[], attrs?: Record<string, AttrValue>, domain?: string): string {
    return this.node(opType, inputs, { attrs, domain })[0];
  }

  toGraph(docString?: string): GraphProto {
    const graph: GraphProto = {
      name: this.name,
      node: this.nodes,
      initializer: this.initializers,
      input: this.inputs,
      output: this.outputs,
      valueInfo: this.valueInfos,
    };
    if (docString) graph.docString = docString;
    return graph;
  }

  toModelBytes(options: ModelOptions): Uint8Array {
    return encodeModel({
      irVersion: IR_VERSION,
      opsetImport: OPSETS,
      producerName: options.producerName,
      producerVersion: options.producerVersion,
      ...(options.modelVersion !== undefined ? { modelVersion: options.modelVersion } : {}),
      ...(options.docString ? { docString: options.docString } : {}),
      graph: this.toGraph(),
      metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
    });
  }

  private initializer(hint: string, dims: number[], dataType: DataTypeCode, rawData: Uint8Array): string {
    const name = this.fresh(hint);
    const size = dims.reduce((a, b) => a * b, 1);
    const width = dataType === DataType.DOUBLE ? 8 : 4;
    if (rawData.length !== size * width) throw new Error(`Tensor "${name}" has ${rawData.length / width} values for shape [${dims}]`);
    this.initializers.push({ name, dims, dataType, rawData });
    return name;
  }
}

function valueInfo(name: string, type: ElemType, shape: Dim[], doc?: string): ValueInfoProto {
  const dim: DimensionProto[] = shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  const info: ValueInfoProto = { name, type: { tensorType: { elemType: ELEM[type], shape: { dim } } } };
  if (doc) info.docString = doc;
  return info;
}

/** raw_data is little-endian whatever the machine: written through a DataView, not a typed array's bytes. */
function littleEndian(
  values: ArrayLike<number>,
  width: number,
  set: (view: DataView, offset: number, x: number) => void,
): Uint8Array {
  const bytes = new Uint8Array(values.length * width);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) set(view, i * width, values[i]);
  return bytes;
}

function checkSize(dims: number[], n: number): void {
  const size = dims.reduce((a, b) => a * b, 1);
  if (size !== n) throw new Error(`A tensor of shape [${dims}] needs ${size} values, got ${n}`);
}
