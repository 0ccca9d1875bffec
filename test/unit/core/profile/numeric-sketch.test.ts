import { describe, expect, it } from 'vitest';
import { hashFloat, SEED_TABLE } from '../../../../src/core/profile/float-hash.ts';
import { sketchNumeric } from '../../../../src/core/profile/numeric-sketch.ts';

describe('sketchNumeric', () => {
  it('gives the same sketch from hashes computed beforehand as from its own', () => {
    let s = 5;
    const r = (): number => {
      s = (Math.imul(s, 48271) + 3) >>> 0;
      return s / 2 ** 32;
    };
    const values = Float64Array.from({ length: 50_000 }, () => (r() < 0.05 ? NaN : r() < 0.3 ? Math.floor(r() * 20) : r() < 0.01 ? -0 : r() * 100));
    const hashes = Uint32Array.from(values, (v) => (Number.isFinite(v) ? hashFloat(v, SEED_TABLE) : 0));
    const edges = Array.from({ length: 11 }, (_, k) => k * 10);
    const ps = [0.05, 0.5, 0.95];
    const own = sketchNumeric(values, 47_000, 30, edges, ps, 10, 5);
    const given = sketchNumeric(values, 47_000, 30, edges, ps, 10, 5, hashes);
    expect(given).toEqual(own);
    expect(own.common.length).toBeGreaterThan(0);
  });
});
