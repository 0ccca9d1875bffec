import { describe, expect, it } from 'vitest';
import { codeCounts, topFromCounts, topValues } from '../../../../src/core/profile/top-values.ts';

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

  it('selects the same top values as sorting everything', () => {
    const dictionary = Array.from({ length: 500 }, (_, i) => `v${(i * 37) % 500}`);
    const counts = Array.from({ length: 500 }, (_, i) => (i * 7919) % 13);
    const sorted = dictionary
      .map((value, i) => ({ value, count: counts[i] }))
      .filter((e) => e.count > 0)
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, 10);
    expect(topFromCounts(dictionary, counts, 10)).toEqual(sorted);
    expect(Array.from(codeCounts(new Int32Array([2, -1, 2, 0]), 3))).toEqual([1, 0, 2]);
  });
});
