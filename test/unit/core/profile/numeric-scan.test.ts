import { describe, expect, it } from 'vitest';
import { scanNumeric } from '../../../../src/core/profile/numeric-scan.ts';

const scan = (values: number[]) => scanNumeric(Float64Array.from(values));

describe('scanNumeric', () => {
  it('counts present, finite, zeros, negatives and infinities', () => {
    expect(scan([NaN, -0, 0, -2, Infinity, -Infinity, 3, NaN])).toMatchObject({
      count: 6,
      finite: 4,
      sum: 1,
      min: -Infinity,
      max: Infinity,
      finiteMin: -2,
      finiteMax: 3,
      zeros: 2,
      negatives: 2,
      positiveInfinite: 1,
      negativeInfinite: 1,
    });
    expect(scan([NaN, NaN])).toMatchObject({ count: 0, finite: 0, sum: 0, min: NaN, max: NaN, finiteMin: NaN });
    expect(scan([Infinity, Infinity])).toMatchObject({ count: 2, finite: 0, min: Infinity, max: Infinity, finiteMin: NaN });
  });

  it('sums without losing small terms among large ones', () => {
    // 1e16 + 1 + 1 − 1e16 is 2; a plain running sum gives 0.
    expect(scan([1e16, 1, 1, -1e16]).sum).toBe(2);
    const tenths = scanNumeric(new Float64Array(1000).fill(0.1));
    expect(tenths.sum).toBe(100);
  });

  it("follows ydata's monotonicity over present values in row order", () => {
    expect(scan([1, NaN, 2, 5]).monotonicity).toBe('strictly increasing');
    expect(scan([4]).monotonicity).toBe('strictly increasing');
    expect(scan([5, 2, NaN, -1]).monotonicity).toBe('strictly decreasing');
    expect(scan([1, 1, 2]).monotonicity).toBe('increasing');
    expect(scan([2, 2, 2]).monotonicity).toBe('increasing');
    expect(scan([0, -0]).monotonicity).toBe('increasing');
    expect(scan([3, 1, 1]).monotonicity).toBe('decreasing');
    expect(scan([1, 3, 2]).monotonicity).toBe('none');
    expect(scan([-Infinity, 0, Infinity]).monotonicity).toBe('strictly increasing');
  });
});
