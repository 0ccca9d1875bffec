// Turns structured-cloneable values into JSON plus binary parts and back, keeping typed arrays' types and bytes.

/**
 * A value as JSON can hold it. Everything JSON cannot say exactly is a tagged object `{ "$t": tag, … }`:
 * typed arrays and ArrayBuffers point at a binary part by index (`part`), so a model's weights or a split's
 * row indices travel as raw bytes, never as long arrays of numbers; NaN, ±Infinity and -0 (common in
 * statistics) are spelled out, as are undefined, bigint, Date, Map and Set. A plain object that happens to
 * have a "$t" key of its own is written as `{ "$t": "obj", "v": [[key, value], …] }`, so no user data can
 * be mistaken for a tag.
 */
export type Encoded = null | boolean | number | string | Encoded[] | { [key: string]: Encoded };

const TYPED = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
type TypedName = keyof typeof TYPED;
type AnyTyped = InstanceType<(typeof TYPED)[TypedName]>;

export interface EncodedValue {
  json: Encoded;
  /** Binary parts, referenced from `json` by index. Views into the values' own memory: not copies. */
  parts: Uint8Array[];
}

export function encodeValue(value: unknown): EncodedValue {
  const parts: Uint8Array[] = [];
  const seen = new Set<object>();
  const part = (bytes: Uint8Array): number => parts.push(bytes) - 1;

  const enc = (v: unknown): Encoded => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        if (Number.isNaN(v)) return { $t: 'num', v: 'NaN' };
        if (v === Infinity) return { $t: 'num', v: 'Infinity' };
        if (v === -Infinity) return { $t: 'num', v: '-Infinity' };
        if (Object.is(v, -0)) return { $t: 'num', v: '-0' };
        return v;
      case 'undefined':
        return { $t: 'undef' };
      case 'bigint':
        return { $t: 'bigint', v: v.toString() };
      case 'function':
      case 'symbol':
        throw new TypeError(`A ${typeof v} cannot be saved in a project file.`);
    }
    if (v === null) return null;
    const o = v as object;
    if (ArrayBuffer.isView(o)) {
      const name = typedName(o);
      return { $t: 'bin', type: name, part: part(new Uint8Array(o.buffer, o.byteOffset, o.byteLength)) };
    }
    if (o instanceof ArrayBuffer) return { $t: 'bin', type: 'ArrayBuffer', part: part(new Uint8Array(o)) };
    if (typeof Blob !== 'undefined' && o instanceof Blob) throw new TypeError('A Blob cannot be saved inline: read its bytes first.');
    // A cycle cannot be written as JSON; structured clone allows one, but no Lathe output has any.
    if (seen.has(o)) throw new TypeError('A value that contains itself cannot be saved in a project file.');
    seen.add(o);
    try {
      if (Array.isArray(o)) return o.map(enc);
      if (o instanceof Date) return { $t: 'date', v: enc(o.getTime()) };
      if (o instanceof Map) return { $t: 'map', v: [...o].map(([k, x]) => [enc(k), enc(x)]) };
      if (o instanceof Set) return { $t: 'set', v: [...o].map(enc) };
      const entries = Object.entries(o);
      if (Object.hasOwn(o, '$t')) return { $t: 'obj', v: entries.map(([k, x]) => [k, enc(x)]) };
      const out: { [key: string]: Encoded } = {};
      for (const [k, x] of entries) out[k] = enc(x);
      return out;
    } finally {
      seen.delete(o);
    }
  };
  return { json: enc(value), parts };
}

/** The inverse of encodeValue. `part(i)` returns part i's bytes (any alignment: they are copied). */
export function decodeValue(json: Encoded, part: (index: number) => Uint8Array | undefined): unknown {
  const dec = (v: Encoded): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(dec);
    // fromEntries defines own properties: a "__proto__" key in a crafted file stays a plain key.
    if (!Object.hasOwn(v, '$t')) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, dec(x)]));
    const t = v.$t;
    switch (t) {
      case 'num':
        return v.v === 'NaN' ? NaN : v.v === 'Infinity' ? Infinity : v.v === '-Infinity' ? -Infinity : -0;
      case 'undef':
        return undefined;
      case 'bigint':
        return BigInt(v.v as string);
      case 'date':
        return new Date(dec(v.v) as number);
      case 'map':
        return new Map((v.v as Encoded[][]).map(([k, x]) => [dec(k), dec(x)]));
      case 'set':
        return new Set((v.v as Encoded[]).map(dec));
      case 'obj':
        return Object.fromEntries((v.v as [string, Encoded][]).map(([k, x]) => [k, dec(x)]));
      case 'bin':
        return binary(String(v.type), Number(v.part));
      default:
        throw new Error(`Unknown tag “${String(t)}” in a project file.`);
    }
  };
  const binary = (type: string, index: number): ArrayBuffer | DataView | AnyTyped => {
    const bytes = part(index);
    if (!bytes) throw new Error(`Binary part ${index} is missing from the project file.`);
    // A copy into a buffer of its own: zip entries sit at any offset, and Float64Array needs 8-byte alignment.
    const buffer = bytes.slice().buffer;
    if (type === 'ArrayBuffer') return buffer;
    if (type === 'DataView') return new DataView(buffer);
    if (!Object.hasOwn(TYPED, type)) throw new Error(`Unknown array type “${type}” in a project file.`);
    const Ctor = TYPED[type as TypedName];
    if (buffer.byteLength % Ctor.BYTES_PER_ELEMENT) throw new Error(`Binary part ${index} has a size that does not fit a ${type}: the file is damaged.`);
    return new Ctor(buffer);
  };
  return dec(json);
}

function typedName(view: ArrayBufferView): TypedName | 'DataView' {
  if (view instanceof DataView) return 'DataView';
  for (const name of Object.keys(TYPED) as TypedName[]) if (view instanceof TYPED[name]) return name;
  // Node's Buffer is a Uint8Array subclass and is caught above; anything else is a view we do not know.
  throw new TypeError(`${view.constructor.name} cannot be saved in a project file.`);
}
