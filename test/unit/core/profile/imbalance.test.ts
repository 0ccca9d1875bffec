import { describe, expect, it } from 'vitest';
import { imbalance } from '../../../../src/core/profile/imbalance.ts';

describe('imbalance', () => {
  it('is 1 − entropy / log2(classes)', () => {
    // Shares 3/4 and 1/4: entropy 0.8113 bits over log2(2) = 1.
    const h = -(0.75 * Math.log2(0.75) + 0.25 * Math.log2(0.25));
    expect(imbalance([3, 1])).toBeCloseTo(1 - h, 14);
    expect(imbalance([5, 5, 5])).toBe(0);
    expect(imbalance([10, 0, 10])).toBe(0);
  });

  it('is 0 for one class or none', () => {
    expect(imbalance([7])).toBe(0);
    expect(imbalance([0, 4, 0])).toBe(0);
    expect(imbalance([])).toBe(0);
  });
});
