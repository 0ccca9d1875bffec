import { describe, expect, it } from 'vitest';
import { ValueDecoder, bomLength, decodeWindows1252, detectEncoding, isValidUtf8, notTextReason } from '../../../../src/core/parse/text-decoding.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...enc(p)] : p)));

describe('encoding detection', () => {
  it('finds a UTF-8 byte-order mark', () => {
    expect(bomLength(bytes([0xef, 0xbb, 0xbf], 'a'))).toBe(3);
    expect(bomLength(bytes('abc'))).toBe(0);
    expect(bomLength(bytes([0xef, 0xbb]))).toBe(0);
  });

  it('leaves all-ASCII undecided, calls valid multi-byte text UTF-8 and anything else Latin-1', () => {
    expect(detectEncoding(bytes('a,b\n1,2\n'), true)).toBeNull();
    expect(detectEncoding(bytes('name\ncafé\n'), true)).toBe('utf-8');
    expect(detectEncoding(bytes('name\ncaf', [0xe9], '\n'), true)).toBe('latin-1');
  });

  it('allows a character cut short at the end of a partial sample, not of a whole file', () => {
    const cut = enc('name\ncafé').subarray(0, 9); // é is 2 bytes; keep only the first
    expect(isValidUtf8(cut, false)).toBe(true);
    expect(isValidUtf8(cut, true)).toBe(false);
    expect(detectEncoding(bytes('naïve,', [...enc('é')].slice(0, 1)), false)).toBe('utf-8');
  });
});

describe('notTextReason', () => {
  it('accepts text, in UTF-8 or Latin-1', () => {
    expect(notTextReason(bytes('a,b\r\n1,\t2\n'), true)).toBeNull();
    expect(notTextReason(bytes('名前,値\n東京,1\n'), true)).toBeNull();
    expect(notTextReason(bytes('x\nd', [0xe9], 'j', [0xe0], ' vu\n'), true)).toBeNull();
  });

  it('rejects NUL bytes, control characters, and high bytes that are not UTF-8', () => {
    expect(notTextReason(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), true)).toMatch(/NUL/);
    expect(notTextReason(new Uint8Array(Buffer.from('a,b\n1,2\n', 'utf16le')), true)).toMatch(/NUL/);
    const control = new Uint8Array(100).map((_, i) => (i % 5 === 0 ? 0x01 : 0x41));
    expect(notTextReason(control, true)).toMatch(/control characters/);
    const high = new Uint8Array(1000).map((_, i) => (i % 3 === 0 ? 0xff : 0x41 + (i % 26)));
    expect(notTextReason(high, true)).toMatch(/neither UTF-8 nor Latin-1/);
  });
});

describe('ValueDecoder', () => {
  const decode = (d: ValueDecoder, b: Uint8Array): string => d.decode(b, 0, b.length);

  it('decodes ASCII, short and long, the same in every encoding', () => {
    const long = 'x'.repeat(1000);
    for (const e of ['utf-8', 'latin-1', null] as const) {
      const d = new ValueDecoder(e);
      expect(decode(d, enc('hello'))).toBe('hello');
      expect(decode(d, enc(long))).toBe(long);
      expect(decode(d, new Uint8Array(0))).toBe('');
    }
  });

  it('reads Latin-1 as Windows-1252', () => {
    const d = new ValueDecoder('latin-1');
    expect(decode(d, bytes('caf', [0xe9]))).toBe('café');
    expect(decode(d, bytes([0x80], '5'))).toBe('€5');
    expect(d.encoding).toBe('latin-1');
  });

  it('lets the first non-ASCII value decide an undecided encoding', () => {
    const utf = new ValueDecoder(null);
    expect(utf.encoding).toBe('utf-8');
    expect(decode(utf, enc('Zürich'))).toBe('Zürich');
    expect(utf.encoding).toBe('utf-8');
    const latin = new ValueDecoder(null);
    expect(decode(latin, bytes('Z', [0xfc], 'rich'))).toBe('Zürich');
    expect(latin.encoding).toBe('latin-1');
    // Decided: later values follow it.
    expect(decode(latin, enc('ü'))).toBe('Ã¼');
  });

  it('reads a value that is not valid UTF-8 in a UTF-8 file as Windows-1252, and counts it', () => {
    const d = new ValueDecoder('utf-8');
    expect(decode(d, enc('ok é'))).toBe('ok é');
    expect(d.fallbacks).toBe(0);
    expect(decode(d, bytes('caf', [0xe9]))).toBe('café');
    expect(d.fallbacks).toBe(1);
    expect(d.encoding).toBe('utf-8');
  });
});

describe('decodeWindows1252', () => {
  it('maps 0x80–0x9F by the WHATWG table and every other byte to its own code point', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const text = decodeWindows1252(all);
    expect(text.length).toBe(256);
    expect(text.slice(0x80, 0xa0)).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ');
    for (const b of [0, 0x41, 0x7f, 0xa0, 0xe9, 0xff]) expect(text.charCodeAt(b)).toBe(b);
    expect(decodeWindows1252(new Uint8Array(20_000).fill(0xe9))).toBe('é'.repeat(20_000));
  });
});
