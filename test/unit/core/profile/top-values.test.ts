import { describe, expect, it } from 'vitest';
import { topValues } from '../../../../src/core/profile/top-values.ts';

describe('topValues', () => {
  it('orders by count, then by value, and skips missing', () => {
    const codes = new Int32Array([0, 1, 2, 1, 2, -1, 3, 0, 1]);
    expect(topValues(codes, ['c', 'b', 'a', 'd'], 3)).toEqual([
      { value: 'b', count: 3 },
      { value: 'a', count: 2 },
      { value: 'c', count: 2 },
    ]);
  });

  it('leaves out dictionary entries that never occur', () => {
    expect(topValues(new Int32Array([1]), ['unused', 'x'])).toEqual([{ value: 'x', count: 1 }]);
  });
});
