import { describe, expect, it } from 'vitest';
import { wassersteinDistance } from '../../../../src/core/stats/wasserstein-distance.ts';
import { populationStd } from '../../../../src/core/stats/standard-deviation.ts';
import { pairs } from '../drift/pairs.ts';
import { expectClose } from './reference.ts';

/**
 * Reference: scipy.stats.wasserstein_distance(a, b) and numpy.std(a) on the fixture pairs. Tolerance 1e-9
 * relative (SciPy sums with numpy's pairwise summation, here a running sum), 1e-12 absolute.
 */
describe('wassersteinDistance (SciPy wasserstein_distance)', () => {
  it('matches SciPy on every fixture pair', () => {
    for (const p of pairs.numeric) {
      const d = wassersteinDistance(Float64Array.from(p.reference).sort(), Float64Array.from(p.current).sort());
      expectClose(d, p.wasserstein.distance, 1e-9, 1e-12, `${p.name} distance`);
      expectClose(populationStd(p.reference), p.wasserstein.std, 1e-9, 1e-12, `${p.name} std`);
    }
  });

  it('is the shift between two translated samples and 0 between equal ones', () => {
    const a = Float64Array.from([0, 1, 2, 3]);
    expect(wassersteinDistance(a, a.map((v) => v + 2.5))).toBeCloseTo(2.5, 12);
    expect(wassersteinDistance(a, a)).toBe(0);
  });
});
