import { describe, expect, it } from 'vitest';
import { fromBase64url, toBase64url } from '../../../src/share/base64url';
import { UserError } from '../../../src/core/errors/user-error';

describe('base64url', () => {
  it('agrees with Node’s base64url for every length remainder and across chunk boundaries', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 63, 64, 65, 12287, 12288, 12289, 100_003]) {
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = (i * 7919 + 13) & 255;
      const text = toBase64url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64url(text)).toEqual(bytes);
    }
  });

  it('uses only characters a fragment keeps as they are', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(toBase64url(all)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('says a mangled link is damaged', () => {
    expect(() => fromBase64url('abc$')).toThrow(UserError);
    expect(() => fromBase64url('abcde')).toThrow(/damaged/);
    expect(() => fromBase64url('ab cd')).toThrow(UserError);
  });
});
