import { describe, expect, it } from 'vitest';
import { hashString, hashValue, stableStringify } from '../../../../src/core/hash/stable-hash';

describe('hashString', () => {
  // Reference values from a direct 64-bit FNV-1a over the UTF-16 code units (Python big integers).
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['hello world', '779a65e7023cd2e7'],
    ['{"a":1}', '9c3e82dd6fcae8b1'],
  ])('FNV-1a 64 of %j', (text, expected) => {
    expect(hashString(text)).toBe(expected);
  });
});

describe('stableStringify / hashValue', () => {
  it('ignores key order and undefined fields', () => {
    expect(stableStringify({ b: 1, a: [1, { d: 2, c: 3 }], u: undefined })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
    expect(hashValue({ x: 1, y: 2 })).toBe(hashValue({ y: 2, x: 1 }));
  });
  it('changes when any value changes', () => {
    expect(hashValue({ x: 1, y: 2 })).not.toBe(hashValue({ x: 1, y: 3 }));
    expect(hashValue([1, 2])).not.toBe(hashValue([2, 1]));
  });
  it('keeps non-finite numbers distinct', () => {
    expect(hashValue({ v: Infinity })).not.toBe(hashValue({ v: null }));
  });
});
