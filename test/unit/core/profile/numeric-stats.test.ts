import { describe, expect, it } from 'vitest';
import { numericStats } from '../../../../src/core/profile/numeric-stats.ts';

describe('numericStats', () => {
  it('computes count, mean, sample std, min and max, ignoring NaN', () => {
    const s = numericStats(new Float64Array([2, 4, NaN, 4, 4, 5, 5, 7, 9]));
    expect(s).toMatchObject({ count: 8, missing: 1, finite: 8, min: 2, max: 9, mean: 5 });
    expect(s.std).toBeCloseTo(Math.sqrt(32 / 7), 14);
  });

  it('stays accurate for large values that differ only in their decimals', () => {
    const s = numericStats(new Float64Array([1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3]));
    expect(s.std).toBeCloseTo(0.1, 6);
  });

  it('leaves std out with one value and everything out with none', () => {
    expect(numericStats(new Float64Array([3]))).toEqual({ count: 1, missing: 0, finite: 1, min: 3, max: 3, mean: 3 });
    expect(numericStats(new Float64Array([NaN]))).toEqual({ count: 0, missing: 1, finite: 0 });
    expect(numericStats(new Float64Array([Infinity]))).toEqual({ count: 1, missing: 0, finite: 0, min: Infinity, max: Infinity });
  });
});
