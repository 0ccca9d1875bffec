import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue } from '../../../src/share/value-codec';

const roundTrip = (v: unknown) => {
  const { json, parts } = encodeValue(v);
  // Through text, as in a file: nothing may survive only because it stayed in memory.
  const text = JSON.stringify(json);
  return decodeValue(JSON.parse(text), (i) => parts[i]?.slice());
};

describe('value codec', () => {
  it('round-trips every typed array type with its exact type and bytes', () => {
    const value = {
      i8: Int8Array.from([-128, 0, 127]),
      u8: Uint8Array.from([0, 255]),
      u8c: Uint8ClampedArray.from([0, 128, 255]),
      i16: Int16Array.from([-32768, 32767]),
      u16: Uint16Array.from([65535]),
      i32: Int32Array.from([-1, 2 ** 31 - 1, -(2 ** 31)]),
      u32: Uint32Array.from([2 ** 32 - 1]),
      f32: Float32Array.from([Math.fround(0.1), NaN, -Infinity]),
      f64: Float64Array.from([0.1, NaN, Infinity, -0, 5e-324]),
      big: BigInt64Array.from([-(2n ** 63n), 2n ** 63n - 1n]),
      ubig: BigUint64Array.from([2n ** 64n - 1n]),
      buffer: Uint8Array.from([1, 2, 3]).buffer,
      view: new DataView(Uint8Array.from([9, 8]).buffer),
      empty: new Float64Array(0),
    };
    const back = roundTrip(value) as typeof value;
    expect(back).toStrictEqual(value);
    for (const [k, v] of Object.entries(value)) expect(Object.getPrototypeOf((back as Record<string, unknown>)[k])).toBe(Object.getPrototypeOf(v));
    expect(Object.is(back.f64[3], -0)).toBe(true);
    expect(new Uint8Array(back.view.buffer)).toStrictEqual(Uint8Array.from([9, 8]));
  });

  it('keeps binary out of the JSON: one part per array, holding only the view’s bytes', () => {
    const base = Float64Array.from([1, 2, 3, 4, 5]);
    const sub = base.subarray(1, 3);
    const { json, parts } = encodeValue({ sub, split: { train: Int32Array.from([0, 2]), test: Int32Array.from([1]) } });
    expect(parts.length).toBe(3);
    expect(parts[0].byteLength).toBe(16);
    expect(JSON.stringify(json)).not.toMatch(/\[0,2\]/);
    const back = decodeValue(json, (i) => parts[i]) as { sub: Float64Array };
    expect(Array.from(back.sub)).toEqual([2, 3]);
    expect(back.sub.buffer.byteLength).toBe(16);
  });

  it('decodes parts at any alignment, as zip entries come', () => {
    const { json } = encodeValue(Float64Array.from([1.5, -2.25]));
    const padded = new Uint8Array(17);
    padded.set(new Uint8Array(Float64Array.from([1.5, -2.25]).buffer), 1);
    expect(decodeValue(json, () => padded.subarray(1))).toStrictEqual(Float64Array.from([1.5, -2.25]));
  });

  it('spells out what JSON cannot hold: NaN, ±Infinity, -0, undefined, bigint, Date, Map, Set', () => {
    const value = {
      nan: NaN,
      inf: Infinity,
      ninf: -Infinity,
      nz: -0,
      u: undefined,
      arr: [1, undefined, null, NaN],
      big: 12345678901234567890n,
      when: new Date(Date.UTC(2024, 1, 29, 12)),
      map: new Map<unknown, unknown>([['a', 1], [2, { b: NaN }]]),
      set: new Set(['x', 3]),
      text: 'plain "quotes" and \u2028 separators',
    };
    const back = roundTrip(value) as typeof value;
    expect(back).toStrictEqual(value);
    expect('u' in back).toBe(true);
    expect(Object.is(back.nz, -0)).toBe(true);
  });

  it('never mistakes user data for a tag', () => {
    // A column named "$t" in a config (e.g. chosen types by column name) must come back as it was.
    const value = { types: { $t: 'bin', part: 0, type: 'Float64Array' }, nested: [{ $t: 'num', v: 'NaN' }] };
    expect(roundTrip(value)).toStrictEqual(value);
  });

  it('keeps a "__proto__" key of a crafted file as a plain key, not a prototype', () => {
    const back = decodeValue(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'), () => undefined) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect((back as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.hasOwn(back, '__proto__')).toBe(true);
  });

  it('refuses what cannot be saved, and damaged parts', () => {
    expect(() => encodeValue({ f: () => 1 })).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encodeValue(cyclic)).toThrow(/contains itself/);
    const { json } = encodeValue(Float64Array.from([1]));
    expect(() => decodeValue(json, () => new Uint8Array(7))).toThrow(/damaged/);
    expect(() => decodeValue(json, () => undefined)).toThrow(/missing/);
    expect(() => decodeValue({ $t: 'bin', type: 'Function', part: 0 }, () => new Uint8Array(8))).toThrow(/Unknown array type/);
  });

  it('keeps a shared object twice (not a cycle)', () => {
    const shared = { a: Int32Array.from([1]) };
    expect(roundTrip({ x: shared, y: shared })).toStrictEqual({ x: shared, y: shared });
  });
});
