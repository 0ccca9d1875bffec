import { describe, expect, it } from 'vitest';
import { textStats } from '../../../../src/core/profile/text-stats.ts';

describe('textStats', () => {
  it('weights lengths and characters by counts', () => {
    // Lengths 1 ×3, 3 ×1, 4 ×2 ("a", "abc", "ab 1"); an unused entry is left out.
    const t = textStats(['a', 'abc', 'ab 1', 'unused entry'], [3, 1, 2, 0]);
    expect(t.length.min).toBe(1);
    expect(t.length.max).toBe(4);
    expect(t.length.mean).toBeCloseTo((3 + 3 + 8) / 6, 14);
    // Sorted lengths 1 1 1 3 4 4: median (1 + 3) / 2.
    expect(t.length.median).toBe(2);
    expect(t.length.histogram).toEqual([
      { x0: 0.5, x1: 1.5, count: 3 },
      { x0: 1.5, x1: 2.5, count: 0 },
      { x0: 2.5, x1: 3.5, count: 1 },
      { x0: 3.5, x1: 4.5, count: 2 },
    ]);
    expect(t.characters).toMatchObject({ total: 14, letters: 10, digits: 2, spaces: 2 });
    expect(t.dirty).toEqual([]);
  });

  it('measures length in UTF-16 code units', () => {
    expect(textStats(['😀'], [1]).length.max).toBe(2);
  });

  it('is empty over no present values', () => {
    const t = textStats(['x'], [0]);
    expect(t.length).toEqual({ min: NaN, mean: NaN, median: NaN, max: NaN, histogram: [] });
    expect(t.characters.total).toBe(0);
  });
});
