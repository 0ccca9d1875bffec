import { describe, expect, it } from 'vitest';
import { chiSquareSurvival } from '../../../../src/core/stats/chi-square.ts';
import { expectClose, fixtureJson } from './reference.ts';

/**
 * Reference: scipy.stats.chi2.sf(x, k) (scripts/fixtures/drift_reference.py). Tolerance 1e-9 relative
 * (the regularised gamma's Lanczos log-gamma is good to ~1e-14), 1e-300 absolute.
 */
const ref = fixtureJson<{ chi2_sf: { k: number; x: number; sf: number }[] }>('drift.distributions.json');

describe('chiSquareSurvival (SciPy chi2.sf)', () => {
  it(`matches SciPy on ${ref.chi2_sf.length} points`, () => {
    for (const r of ref.chi2_sf) expectClose(chiSquareSurvival(r.x, r.k), r.sf, 1e-9, 1e-300, `chi2.sf(${r.x}, ${r.k})`);
  });

  it('gives 0 for an infinite statistic (an expected count of 0) and NaN without degrees of freedom', () => {
    expect(chiSquareSurvival(Infinity, 3)).toBe(0);
    expect(chiSquareSurvival(2, 0)).toBeNaN();
  });
});
