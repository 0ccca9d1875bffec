import { describe, expect, it } from 'vitest';
import { erf, erfc, normalCdf, normalSurvival } from '../../../../src/core/stats/normal.ts';
import { expectClose, fixtureJson } from './reference.ts';

/**
 * References: scipy.special.erf / erfc and scipy.stats.norm.cdf (scripts/fixtures/drift_reference.py).
 * Tolerance: 1e-13 relative (the series and continued fraction are good to a few ulps), 1e-300 absolute.
 */
const REL = 1e-13;
const ABS = 1e-300;

interface Distributions {
  norm_cdf: { z: number; cdf: number }[];
  erf: { x: number; erf: number; erfc: number }[];
}
const ref = fixtureJson<Distributions>('drift.distributions.json');

describe('normal distribution', () => {
  it('erf and erfc match SciPy, far into the tail', () => {
    for (const r of ref.erf) {
      expectClose(erf(r.x), r.erf, REL, 1e-16, `erf(${r.x})`);
      expectClose(erfc(r.x), r.erfc, REL, ABS, `erfc(${r.x})`);
    }
  });

  it('normalCdf matches SciPy norm.cdf, keeping relative precision in the lower tail', () => {
    for (const r of ref.norm_cdf) expectClose(normalCdf(r.z), r.cdf, REL, ABS, `norm.cdf(${r.z})`);
    expect(normalCdf(-37)).toBeGreaterThan(1e-300);
  });

  it('normalSurvival is the upper tail', () => {
    expect(normalSurvival(1.96)).toBeCloseTo(0.025, 4);
    expect(normalSurvival(0)).toBe(0.5);
  });
});
