import { describe, expect, it } from 'vitest';
import { jensenShannonDistance } from '../../../../src/core/stats/jensen-shannon-distance.ts';
import { pairs } from '../drift/pairs.ts';
import { expectClose } from './reference.ts';

/** Reference: scipy.spatial.distance.jensenshannon(p, q) and with base=2. Tolerance 1e-12 relative, 1e-15 absolute. */
describe('jensenShannonDistance (SciPy jensenshannon)', () => {
  it('matches SciPy, natural log and base 2, normalising unnormalised inputs', () => {
    for (const v of pairs.jensenshannon_vectors) {
      expectClose(jensenShannonDistance(v.p, v.q), v.distance, 1e-12, 1e-15, `js(${v.p}, ${v.q})`);
      expectClose(jensenShannonDistance(v.p, v.q, 2), v.base2, 1e-12, 1e-15, `js2(${v.p}, ${v.q})`);
    }
  });

  it('is 0 for equal distributions and √ln 2 for disjoint ones', () => {
    expect(jensenShannonDistance([0.3, 0.7], [0.3, 0.7])).toBe(0);
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(Math.sqrt(Math.LN2), 15);
  });
});
