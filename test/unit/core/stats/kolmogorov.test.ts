import { describe, expect, it } from 'vitest';
import { kolmogorovSurvival } from '../../../../src/core/stats/kolmogorov.ts';
import { smirnovSurvival } from '../../../../src/core/stats/smirnov.ts';
import { expectClose, fixtureJson } from './reference.ts';

/**
 * References: scipy.stats.kstwo.sf(x, n) and scipy.special.smirnov(n, x) (SciPy 1.10), from
 * scripts/fixtures/drift_reference.py, on grids that reach every branch of SciPy's method selection
 * (Ruben–Gambino, Durbin's matrix, Pomeranz, Pelz–Good, 2 × Smirnov, 0 beyond n·x² ≥ 370).
 * Tolerance: 1e-9 relative, or 1e-15 absolute for probabilities this close to 0.
 */
const REL = 1e-9;
const ABS = 1e-15;

interface Distributions {
  kstwo_sf: { n: number; x: number; sf: number | string }[];
  smirnov: { n: number; x: number; sf: number | string }[];
}
const ref = fixtureJson<Distributions>('drift.distributions.json');

describe('kolmogorovSurvival (SciPy kstwo.sf)', () => {
  it(`matches SciPy on ${ref.kstwo_sf.length} (n, x) points`, () => {
    expect(ref.kstwo_sf.length).toBeGreaterThan(300);
    for (const r of ref.kstwo_sf) expectClose(kolmogorovSurvival(r.n, r.x), r.sf, REL, ABS, `kstwo.sf(${r.x}, ${r.n})`);
  });

  it('is 1 at 0, 0 at 1, and decreasing in x', () => {
    expect(kolmogorovSurvival(50, 0)).toBe(1);
    expect(kolmogorovSurvival(50, 1)).toBe(0);
    let last = 1;
    for (let x = 0.01; x < 1; x += 0.01) {
      const p = kolmogorovSurvival(200, x);
      expect(p).toBeLessThanOrEqual(last + 1e-12);
      last = p;
    }
  });
});

describe('smirnovSurvival (SciPy special.smirnov)', () => {
  it(`matches SciPy on ${ref.smirnov.length} points`, () => {
    for (const r of ref.smirnov) expectClose(smirnovSurvival(r.n, r.x), r.sf, REL, ABS, `smirnov(${r.n}, ${r.x})`);
  });
});
