import { describe, expect, it } from 'vitest';
import { ksPValue, ksStatistic, ksTwoSample, KS_EXACT_MAX_N } from '../../../../src/core/stats/ks-two-sample.ts';
import { ksOuterProbInside, ksProbOutsideSquare } from '../../../../src/core/stats/ks-two-sample-exact.ts';
import { pairs } from '../drift/pairs.ts';
import { expectClose } from './reference.ts';

/**
 * Reference: scipy.stats.ks_2samp(a, b) (two-sided, method='auto') on the sample pairs of
 * scripts/fixtures/drift_reference.py: small and tiny samples, equal sizes (n₁ = n₂ formula), ties, identical
 * and disjoint samples, exact with unequal sizes, and the asymptotic path (a side over 10,000 values, once
 * with round(mn/(m+n)) ≤ 140 and once above). Tolerance: D exact to 1e-15; p 1e-9 relative, 1e-300 absolute.
 */
describe('ksTwoSample (SciPy ks_2samp)', () => {
  it('matches SciPy on every fixture pair', () => {
    const sorted = (v: number[]) => Float64Array.from(v).sort();
    for (const p of pairs.numeric) {
      const r = ksTwoSample(sorted(p.reference), sorted(p.current));
      expectClose(r.statistic, p.ks.statistic, 1e-15, 1e-15, `${p.name} D`);
      expectClose(r.pValue, p.ks.p_value!, 1e-9, 1e-300, `${p.name} p`);
      expect(r.method, p.name).toBe(Math.max(p.reference.length, p.current.length) <= KS_EXACT_MAX_N ? 'exact' : 'asymp');
    }
  });

  it('covers both the exact and the asymptotic path', () => {
    const big = pairs.numeric.filter((p) => Math.max(p.reference.length, p.current.length) > KS_EXACT_MAX_N);
    expect(big.length).toBeGreaterThanOrEqual(2);
  });

  it('gives D = 0 and p = 1 for identical samples, D = 1 for disjoint ones', () => {
    const a = Float64Array.from([1, 2, 2, 3, 5]);
    expect(ksTwoSample(a, a)).toMatchObject({ statistic: 0, pValue: 1 });
    expect(ksStatistic(Float64Array.from([1, 2]), Float64Array.from([3, 4, 5]))).toBe(1);
  });

  it('has the textbook exact values for tiny samples', () => {
    // n = m = 3, D = 1: only 2 of the C(6,3) = 20 orderings separate the samples completely.
    expect(ksProbOutsideSquare(3, 3)).toBeCloseTo(2 / 20, 15);
    // The square and the general lattice count agree where both apply.
    expect(ksOuterProbInside(4, 4, 4, 2)).toBeCloseTo(ksProbOutsideSquare(4, 2), 14);
    expect(ksPValue(3, 3, 1).pValue).toBeCloseTo(0.1, 15);
  });
});
