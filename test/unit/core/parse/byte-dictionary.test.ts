import { describe, expect, it } from 'vitest';
import { ByteDictionary } from '../../../../src/core/parse/byte-dictionary.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A decoder that counts its calls. */
function countingDecoder(): { decode(buf: Uint8Array, start: number, end: number): string; calls: number } {
  const d = {
    calls: 0,
    decode(buf: Uint8Array, start: number, end: number): string {
      d.calls++;
      return new TextDecoder().decode(buf.subarray(start, end));
    },
  };
  return d;
}

describe('ByteDictionary', () => {
  it('codes values in order of first appearance and decodes each once', () => {
    const decoder = countingDecoder();
    const dict = new ByteDictionary(decoder);
    const buf = enc('b,a,b,,é,a,é');
    const codes: number[] = [];
    let start = 0;
    for (let i = 0; i <= buf.length; i++) {
      if (i === buf.length || buf[i] === 44) {
        codes.push(dict.code(buf, start, i));
        start = i + 1;
      }
    }
    expect(codes).toEqual([0, 1, 0, 2, 3, 1, 3]);
    expect(dict.values).toEqual(['b', 'a', '', 'é']);
    expect(decoder.calls).toBe(4);
    expect(dict.size).toBe(4);
  });

  it('agrees with a Map on 50,000 random values, through many rehashes', () => {
    const dict = new ByteDictionary(countingDecoder());
    const reference = new Map<string, number>();
    let seed = 99;
    const wrong: string[] = [];
    for (let k = 0; k < 50_000; k++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      // Many near-identical keys (shared prefixes, different lengths) to exercise collisions.
      const text = `k${seed % 20_000}`.repeat(1 + (seed % 3));
      if (!reference.has(text)) reference.set(text, reference.size);
      const bytes = enc(`..${text}..`);
      const code = dict.code(bytes, 2, bytes.length - 2);
      if (code !== reference.get(text)) wrong.push(text);
    }
    expect(wrong).toEqual([]);
    expect(dict.values).toEqual([...reference.keys()]);
  });

  it('decodes entries added for later only when their text is asked for, once', () => {
    const decoder = countingDecoder();
    const dict = new ByteDictionary(decoder);
    const buf = enc('12.5,7,12.5,x');
    expect(dict.code(buf, 0, 4, null, true)).toBe(0);
    expect(dict.code(buf, 5, 6, null, true)).toBe(1);
    expect(dict.code(buf, 7, 11, null, true)).toBe(0);
    expect(dict.code(buf, 12, 13)).toBe(2);
    expect(decoder.calls).toBe(1);
    expect(dict.text(1)).toBe('7');
    expect(dict.text(1)).toBe('7');
    expect(decoder.calls).toBe(2);
    expect(dict.values).toEqual(['12.5', '7', 'x']);
    expect(decoder.calls).toBe(3);
    expect(dict.entries().values).toEqual(['12.5', '7', 'x']);
  });
});
