import { describe, expect, it } from 'vitest';
import { moments } from '../../../../src/core/profile/moments.ts';

/** Central sums of a small sample, written out. */
function sums(x: number[]): { m2: number; m3: number; m4: number } {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  return {
    m2: x.reduce((s, v) => s + (v - mean) ** 2, 0),
    m3: x.reduce((s, v) => s + (v - mean) ** 3, 0),
    m4: x.reduce((s, v) => s + (v - mean) ** 4, 0),
  };
}

describe('moments', () => {
  it("applies pandas' sample corrections", () => {
    // x = 1, 2, 3, 10: mean 4, deviations −3 −2 −1 6: m2 = 50, m3 = 180, m4 = 1394.
    const m = moments(4, sums([1, 2, 3, 10]), false);
    expect(m.variance).toBeCloseTo(50 / 3, 14);
    expect(m.std).toBeCloseTo(Math.sqrt(50 / 3), 14);
    expect(m.skewness).toBeCloseTo(((4 * Math.sqrt(3)) / 2) * (180 / 50 ** 1.5), 14);
    expect(m.kurtosis).toBeCloseTo((4 * 5 * 3 * 1394) / (2 * 1 * 2500) - (3 * 9) / 2, 12);
  });

  it('is NaN below 2, 3 and 4 values, and 0 for a constant column', () => {
    expect(moments(1, sums([5]), false)).toEqual({ variance: NaN, std: NaN, skewness: NaN, kurtosis: NaN });
    const two = moments(2, sums([1, 3]), false);
    expect(two.variance).toBe(2);
    expect(two.skewness).toBeNaN();
    const three = moments(3, sums([1, 2, 4]), false);
    expect(three.skewness).not.toBeNaN();
    expect(three.kurtosis).toBeNaN();
    // Rounding dust from a mean like 0.1 · 3 / 3 must not become a skewness.
    expect(moments(4, { m2: 1e-33, m3: 1e-50, m4: 1e-66 }, true)).toEqual({ variance: 0, std: 0, skewness: 0, kurtosis: 0 });
  });
});
