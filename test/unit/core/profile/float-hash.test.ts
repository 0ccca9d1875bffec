import { describe, expect, it } from 'vitest';
import { hashFloat, hashWords, SEED_INDEX, SEED_RANK, SEED_TABLE } from '../../../../src/core/profile/float-hash.ts';

describe('hashWords', () => {
  // MurmurHash3_x86_32 of the 8 little-endian bytes, from a Python implementation of the reference algorithm
  // that reproduces its published vectors (0x2362f9de for "\0\0\0\0" seed 0, 0x5a97808a for "aaaa" seed 0x9747b28c).
  it('is MurmurHash3 (x86, 32-bit) of the two words', () => {
    expect(hashWords(0x61616161, 0x61616161, 0x9747b28c)).toBe(842165033);
    expect(hashFloat(0, 0)).toBe(1669671676);
    expect(hashFloat(1, 0)).toBe(4152582287);
    expect(hashFloat(-2.5, 0x2545f491)).toBe(2908203804);
    expect(hashFloat(1e300, 0x9e3779b9)).toBe(358674842);
  });

  it('hashes −0 as 0 and gives independent-looking hashes per seed', () => {
    expect(hashFloat(-0, SEED_TABLE)).toBe(hashFloat(0, SEED_TABLE));
    // Top 4 bits of 16,000 consecutive integers spread evenly over 16 buckets, for each seed.
    for (const seed of [SEED_TABLE, SEED_INDEX, SEED_RANK]) {
      const buckets = new Array<number>(16).fill(0);
      for (let i = 0; i < 16_000; i++) buckets[hashFloat(i, seed) >>> 28]++;
      for (const b of buckets) expect(Math.abs(b - 1000)).toBeLessThan(130); // about 4 standard deviations
    }
    expect(hashFloat(12345, SEED_TABLE)).not.toBe(hashFloat(12345, SEED_INDEX));
  });
});
