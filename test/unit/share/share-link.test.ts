import { describe, expect, it } from 'vitest';
import { appBase, parseShareFragment, SAFE_LINK_LENGTH, shareFragment, srcFragment } from '../../../src/share/share-link';
import { fromBase64url } from '../../../src/share/base64url';

describe('share link fragments', () => {
  it('carries the payload inline, with the key last', () => {
    const payload = Uint8Array.from([80, 75, 3, 4, 250, 251]);
    const hash = shareFragment(payload, 'KEY_abc-123');
    expect(hash).toMatch(/^#share=[A-Za-z0-9_-]+&key=KEY_abc-123$/);
    const parsed = parseShareFragment(hash)!;
    expect(parsed.kind).toBe('inline');
    expect(parsed.key).toBe('KEY_abc-123');
    expect(fromBase64url((parsed as { payload: string }).payload)).toEqual(payload);
    expect(parseShareFragment(shareFragment(payload))).toEqual({ kind: 'inline', payload: (parsed as { payload: string }).payload });
  });

  it('names a hosted file by its URL, even one holding & and #', () => {
    const url = 'https://example.org/files/a b.lathe?x=1&key=not-ours#frag';
    const parsed = parseShareFragment(srcFragment(url, 'k1'));
    expect(parsed).toEqual({ kind: 'url', url, key: 'k1' });
    expect(parseShareFragment(srcFragment(url))).toEqual({ kind: 'url', url });
    // Hand-written, unencoded: the key is still only the last &key=.
    expect(parseShareFragment('#src=https://h.example/p.lathe?a=1&b=2&key=zz')).toEqual({ kind: 'url', url: 'https://h.example/p.lathe?a=1&b=2', key: 'zz' });
  });

  it('ignores other routes', () => {
    expect(parseShareFragment('#/p/123')).toBeNull();
    expect(parseShareFragment('')).toBeNull();
    expect(parseShareFragment('#shared=1')).toBeNull();
  });

  it('builds on the page address without its fragment', () => {
    expect(appBase('https://lathe.example/app/?debug#/p/1')).toBe('https://lathe.example/app/?debug');
    expect(appBase('https://lathe.example/')).toBe('https://lathe.example/');
    expect(SAFE_LINK_LENGTH).toBe(32_000);
  });
});
