// Converts Open Inference Protocol JSON tensors to onnxruntime tensors and back, checked against the model.

import { Tensor, type InferenceSession } from 'onnxruntime-node';
import { HttpError } from './http-error.ts';

/** A model input or output as the server checks and describes it. */
export interface TensorSpec {
  name: string;
  /** onnxruntime's element type, such as 'float32' or 'string'. */
  type: Tensor.Type;
  /** The protocol's datatype for that element type, such as 'FP32' or 'BYTES'. */
  datatype: string;
  /** A number for a fixed dimension; the symbol ('' when unnamed) for a variable one. */
  dims: readonly (number | string)[];
}

/** What a request is checked against: the model's tensors, by name and in the model's order. */
export interface Signature {
  inputs: readonly TensorSpec[];
  outputs: readonly TensorSpec[];
  inputByName: ReadonlyMap<string, TensorSpec>;
  outputByName: ReadonlyMap<string, TensorSpec>;
  outputNames: readonly string[];
}

/** The decoded request, ready for session.run. */
export interface DecodedRequest {
  feeds: Record<string, Tensor>;
  fetches: string[];
  id?: string;
}

/** A tensor as model metadata lists it: variable dimensions are -1. */
export interface MetadataTensor {
  name: string;
  datatype: string;
  shape: number[];
}

const DATATYPE_OF: Record<Tensor.Type, string> = {
  float32: 'FP32',
  float64: 'FP64',
  float16: 'FP16',
  int8: 'INT8',
  int16: 'INT16',
  int32: 'INT32',
  int64: 'INT64',
  uint8: 'UINT8',
  uint16: 'UINT16',
  uint32: 'UINT32',
  uint64: 'UINT64',
  bool: 'BOOL',
  string: 'BYTES',
  int4: 'INT4',
  uint4: 'UINT4',
};

type Family = 'float' | 'int' | 'bool' | 'bytes';

interface Kind {
  family: Family;
  /** Range of an integer kind; JSON numbers are exact only within ±2^53, so 64-bit kinds stop there. */
  min: number;
  max: number;
}

const SAFE = Number.MAX_SAFE_INTEGER;
const float: Kind = { family: 'float', min: -Infinity, max: Infinity };
const int = (min: number, max: number): Kind => ({ family: 'int', min, max });

/** The datatypes a request may send as JSON. FP16 has no JSON form and is refused. */
const REQUEST_KINDS: Record<string, Kind> = {
  FP32: float,
  FP64: float,
  INT8: int(-128, 127),
  INT16: int(-32768, 32767),
  INT32: int(-2147483648, 2147483647),
  INT64: int(-SAFE, SAFE),
  UINT8: int(0, 255),
  UINT16: int(0, 65535),
  UINT32: int(0, 4294967295),
  UINT64: int(0, SAFE),
  BOOL: { family: 'bool', min: 0, max: 1 },
  BYTES: { family: 'bytes', min: 0, max: 0 },
};

/** The model input types the server can fill, with the array each needs. */
const INPUT_KINDS: Partial<Record<Tensor.Type, Kind & { make: (n: number) => Tensor.DataType }>> = {
  float32: { ...float, make: (n) => new Float32Array(n) },
  float64: { ...float, make: (n) => new Float64Array(n) },
  int8: { ...REQUEST_KINDS.INT8, make: (n) => new Int8Array(n) },
  int16: { ...REQUEST_KINDS.INT16, make: (n) => new Int16Array(n) },
  int32: { ...REQUEST_KINDS.INT32, make: (n) => new Int32Array(n) },
  int64: { ...REQUEST_KINDS.INT64, make: (n) => new BigInt64Array(n) },
  uint8: { ...REQUEST_KINDS.UINT8, make: (n) => new Uint8Array(n) },
  uint16: { ...REQUEST_KINDS.UINT16, make: (n) => new Uint16Array(n) },
  uint32: { ...REQUEST_KINDS.UINT32, make: (n) => new Uint32Array(n) },
  uint64: { ...REQUEST_KINDS.UINT64, make: (n) => new BigUint64Array(n) },
  bool: { ...REQUEST_KINDS.BOOL, make: (n) => new Uint8Array(n) },
  string: { ...REQUEST_KINDS.BYTES, make: (n) => new Array<string>(n) },
};

/** Deeper nesting than any real tensor; the limit keeps a hostile body from exhausting the stack. */
const MAX_DEPTH = 32;

/** The model's tensors as the server uses them; throws (with the reason) for a model it cannot serve. */
export function signatureOf(session: InferenceSession): Signature {
  const inputs = session.inputMetadata.map((m) => {
    if (!m.isTensor) throw new Error(`input "${m.name}" is not a tensor (a sequence or map), which the protocol cannot carry`);
    if (INPUT_KINDS[m.type] === undefined) throw new Error(`input "${m.name}" has element type ${m.type}, which JSON cannot carry`);
    return spec(m.name, m.type, m.shape);
  });
  // A non-tensor output (such as a ZipMap's list of maps) cannot be sent; the others still can.
  const outputs = session.outputMetadata.flatMap((m) => (m.isTensor ? [spec(m.name, m.type, m.shape)] : []));
  if (outputs.length === 0) throw new Error('the model has no tensor outputs to return');
  return {
    inputs,
    outputs,
    inputByName: new Map(inputs.map((s) => [s.name, s])),
    outputByName: new Map(outputs.map((s) => [s.name, s])),
    outputNames: outputs.map((s) => s.name),
  };
}

function spec(name: string, type: Tensor.Type, shape: ReadonlyArray<number | string>): TensorSpec {
  return { name, type, datatype: DATATYPE_OF[type] ?? type.toUpperCase(), dims: [...shape] };
}

/** A tensor for the model-metadata response. */
export function metadataTensor(s: TensorSpec): MetadataTensor {
  return { name: s.name, datatype: s.datatype, shape: s.dims.map((d) => (typeof d === 'number' ? d : -1)) };
}

/**
 * Checks an inference request body against the model and builds its feeds.
 * `maxElements` bounds how many elements a tensor may claim before any memory is set aside for it
 * (the body's length in bytes will do: every JSON element takes at least one byte).
 */
export function decodeRequest(body: unknown, sig: Signature, maxElements: number): DecodedRequest {
  if (!isObject(body)) throw bad('The request body must be a JSON object with an "inputs" array.');
  const { id, inputs, outputs } = body;
  if (id !== undefined && typeof id !== 'string') throw bad('"id" must be a string.');
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw bad(`The request needs an "inputs" array with the model's inputs: ${list(sig.inputs.map((s) => s.name))}.`);
  }
  const feeds: Record<string, Tensor> = {};
  const symbols = new Map<string, { size: number; input: string }>();
  for (let k = 0; k < inputs.length; k++) {
    const raw: unknown = inputs[k];
    if (!isObject(raw) || typeof raw.name !== 'string') throw bad(`inputs[${k}] must be an object with a "name".`);
    const s = sig.inputByName.get(raw.name);
    if (s === undefined) {
      throw bad(`The model has no input "${raw.name}"; its inputs are ${list(sig.inputs.map((x) => x.name))}.`);
    }
    if (Object.hasOwn(feeds, s.name)) throw bad(`Input "${s.name}" is given twice.`);
    const { tensor, shape } = decodeInput(raw, s, maxElements);
    feeds[s.name] = tensor;
    // Inputs that share a named dimension (the batch, usually) must agree on its size.
    for (let d = 0; d < s.dims.length; d++) {
      const sym = s.dims[d];
      if (typeof sym !== 'string' || sym === '') continue;
      const seen = symbols.get(sym);
      if (seen === undefined) symbols.set(sym, { size: shape[d], input: s.name });
      else if (seen.size !== shape[d]) {
        throw bad(`Inputs disagree on dimension "${sym}": "${seen.input}" has ${seen.size}, "${s.name}" has ${shape[d]}.`);
      }
    }
  }
  if (inputs.length !== sig.inputs.length) {
    const missing = sig.inputs.filter((s) => !Object.hasOwn(feeds, s.name)).map((s) => s.name);
    throw bad(`Missing input${missing.length > 1 ? 's' : ''} ${list(missing)}; the model needs every one of its inputs.`);
  }
  return id === undefined ? { feeds, fetches: decodeOutputs(outputs, sig) } : { feeds, fetches: decodeOutputs(outputs, sig), id };
}

function decodeOutputs(outputs: unknown, sig: Signature): string[] {
  if (outputs === undefined) return sig.outputNames as string[];
  if (!Array.isArray(outputs)) throw bad('"outputs" must be an array of {"name": ...} objects.');
  const names: string[] = [];
  for (let k = 0; k < outputs.length; k++) {
    const o: unknown = outputs[k];
    if (!isObject(o) || typeof o.name !== 'string') throw bad(`outputs[${k}] must be an object with a "name".`);
    if (!sig.outputByName.has(o.name)) {
      throw bad(`The model has no output "${o.name}"; its outputs are ${list(sig.outputNames)}.`);
    }
    if (!names.includes(o.name)) names.push(o.name);
  }
  return names.length > 0 ? names : (sig.outputNames as string[]);
}

function decodeInput(raw: Record<string, unknown>, s: TensorSpec, maxElements: number): { tensor: Tensor; shape: number[] } {
  const where = `Input "${s.name}"`;
  const { datatype, shape, data } = raw;
  if (typeof datatype !== 'string') throw bad(`${where} needs a "datatype", such as ${s.datatype}.`);
  const from = Object.hasOwn(REQUEST_KINDS, datatype) ? REQUEST_KINDS[datatype] : undefined;
  if (from === undefined) {
    throw bad(
      datatype === 'FP16'
        ? `${where}: FP16 has no JSON form; send FP32.`
        : `${where}: unknown datatype "${datatype}"; use one of ${Object.keys(REQUEST_KINDS).join(', ')}.`,
    );
  }
  const to = INPUT_KINDS[s.type];
  if (to === undefined) throw bad(`${where}: the model's element type ${s.type} cannot be sent as JSON.`);
  if (!compatible(from.family, to.family)) throw bad(`${where} is ${s.datatype} in the model, not ${datatype}.`);
  const dims = checkShape(where, shape, s);
  if (!Array.isArray(data)) throw bad(`${where} needs "data": an array of values, flat or nested.`);
  let count = 1;
  for (const d of dims) count *= d;
  if (count > maxElements) throw countMismatch(where, dims, count, countElements(data, 0));
  const out = to.make(count);
  const put = writer(where, datatype, from, s.type, to, out);
  const seen = walk(data, count, put, 0, 0);
  if (seen !== count) throw countMismatch(where, dims, count, seen);
  return { tensor: new Tensor(s.type, out, dims), shape: dims };
}

function compatible(from: Family, to: Family): boolean {
  if (from === 'float' || from === 'int') return to === 'float' || to === 'int';
  return from === to;
}

function checkShape(where: string, shape: unknown, s: TensorSpec): number[] {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
    throw bad(`${where} needs a "shape": an array of whole numbers ≥ 0, such as ${formatDims(s.dims)}.`);
  }
  const dims = shape as number[];
  // An empty list means onnxruntime knows nothing of the shape; leave the check to the model then.
  if (s.dims.length === 0) return dims;
  if (dims.length !== s.dims.length) {
    throw bad(`${where} has shape [${dims.join(', ')}], but the model takes ${s.dims.length} dimension${s.dims.length > 1 ? 's' : ''}: ${formatDims(s.dims)}.`);
  }
  for (let d = 0; d < dims.length; d++) {
    const want = s.dims[d];
    if (typeof want === 'number' && dims[d] !== want) {
      throw bad(`${where} has shape [${dims.join(', ')}], but the model takes ${formatDims(s.dims)}.`);
    }
  }
  return dims;
}

type Put = (value: unknown, index: number) => void;

/** Visits flat or nested data in row-major order, storing the elements below `count`; returns the index after the last. */
function walk(data: unknown[], count: number, put: Put, at: number, depth: number): number {
  if (depth > MAX_DEPTH) throw bad(`"data" is nested more than ${MAX_DEPTH} levels deep.`);
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    if (Array.isArray(v)) at = walk(v, count, put, at, depth + 1);
    else {
      if (at < count) put(v, at);
      at++;
    }
  }
  return at;
}

function countElements(data: unknown[], depth: number): number {
  if (depth > MAX_DEPTH) throw bad(`"data" is nested more than ${MAX_DEPTH} levels deep.`);
  let n = 0;
  for (const v of data) n += Array.isArray(v) ? countElements(v, depth + 1) : 1;
  return n;
}

/** A function that checks one element against the request's datatype and the model's type, and stores it. */
function writer(where: string, datatype: string, from: Kind, type: Tensor.Type, to: Kind, out: Tensor.DataType): Put {
  if (to.family === 'bytes') {
    const strings = out as string[];
    return (v, i) => {
      if (typeof v !== 'string') throw element(where, i, v, `is not a string (${datatype} elements are strings)`);
      strings[i] = v;
    };
  }
  if (to.family === 'bool') {
    const bytes = out as Uint8Array;
    return (v, i) => {
      if (typeof v !== 'boolean') throw element(where, i, v, 'is not true or false (BOOL)');
      bytes[i] = v ? 1 : 0;
    };
  }
  // Numbers: the element must fit both the datatype the request declares and the model's type.
  const integer = from.family === 'int' || to.family === 'int';
  const min = Math.max(from.min, to.min);
  const max = Math.min(from.max, to.max);
  const nullIsNaN = from.family === 'float' && to.family === 'float';
  const check = (v: unknown, i: number): number => {
    if (typeof v !== 'number') {
      if (v === null && nullIsNaN) return NaN;
      throw element(where, i, v, nullIsNaN ? 'is not a number (null stands for a missing value)' : 'is not a number');
    }
    if (integer && !Number.isInteger(v)) throw element(where, i, v, `is not a whole number, as ${from.family === 'int' ? datatype : `the model's ${type}`} needs`);
    if (v < min || v > max) {
      throw element(where, i, v, v < from.min || v > from.max ? `does not fit ${datatype}` : `does not fit the model's ${type}`);
    }
    return v;
  };
  if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
    const big = out;
    return (v, i) => {
      big[i] = BigInt(check(v, i));
    };
  }
  const numbers = out as Float32Array;
  return (v, i) => {
    numbers[i] = check(v, i);
  };
}

/** The protocol's response body for the fetched outputs, as JSON text. */
export function encodeResponse(
  modelName: string,
  modelVersion: string,
  id: string | undefined,
  fetches: readonly string[],
  results: InferenceSession.ReturnType,
): string {
  const outputs = fetches.map((name) => {
    const t = results[name] as Tensor;
    return { name, datatype: DATATYPE_OF[t.type] ?? t.type.toUpperCase(), shape: t.dims, data: plainData(name, t) };
  });
  return JSON.stringify(
    id === undefined
      ? { model_name: modelName, model_version: modelVersion, outputs }
      : { model_name: modelName, model_version: modelVersion, id, outputs },
  );
}

/** Output elements as JSON values. NaN and ±Infinity have no JSON form and come out as null. */
function plainData(name: string, t: Tensor): unknown[] {
  const data = t.data;
  switch (t.type) {
    case 'string':
      return data as string[];
    case 'bool':
      return Array.from(data as Uint8Array, (b) => b !== 0);
    case 'int64':
    case 'uint64':
      // Beyond ±2^53 a JSON number loses digits; class labels and counts never get there.
      return Array.from(data as BigInt64Array, Number);
    case 'float16':
    case 'int4':
    case 'uint4':
      throw new HttpError(500, `Output "${name}" has element type ${t.type}, which this server cannot write as JSON.`);
    default:
      return Array.from(data as Float32Array);
  }
}

function formatDims(dims: readonly (number | string)[]): string {
  return `[${dims.map((d) => (typeof d === 'number' ? d : -1)).join(', ')}]`;
}

function countMismatch(where: string, dims: number[], count: number, seen: number): HttpError {
  return bad(`${where}: shape [${dims.join(', ')}] holds ${count} value${count === 1 ? '' : 's'}, but "data" has ${seen}.`);
}

function element(where: string, index: number, value: unknown, problem: string): HttpError {
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 40 ? value.slice(0, 39) + '…' : value) : JSON.stringify(value) ?? String(value);
  return bad(`${where}: element ${index} (${shown}) ${problem}.`);
}

function list(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

function bad(message: string): HttpError {
  return new HttpError(400, message);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
