import { describe, expect, it } from 'vitest';
import { dirtyCategories, normalizeCategory } from '../../../../src/core/profile/dirty-categories.ts';

describe('dirty categories', () => {
  it('folds case, accents, compatibility forms and whitespace', () => {
    expect(normalizeCategory('  Café\u00a0 Au\tLait ')).toBe('cafe au lait');
    expect(normalizeCategory('cafe\u0301')).toBe('cafe');
    expect(normalizeCategory('ﬁＬＥ')).toBe('file');
    expect(normalizeCategory('plain')).toBe('plain');
    expect(normalizeCategory('   ')).toBe('');
  });

  it('groups present values with the same normal form, most frequent first', () => {
    const dictionary = ['Café', 'cafe', ' CAFE', 'Tea', 'tea ', 'Bar', 'unused', 'UNUSED', 'bar'];
    const counts = [5, 3, 1, 1, 3, 4, 0, 0, 4];
    expect(dirtyCategories(dictionary, counts)).toEqual([
      { normalized: 'cafe', values: ['Café', 'cafe', ' CAFE'] },
      // Equal counts: code-unit order ("B" before "b").
      { normalized: 'bar', values: ['Bar', 'bar'] },
      { normalized: 'tea', values: ['tea ', 'Tea'] },
    ]);
  });

  it('finds nothing in a tidy column or a lone messy value', () => {
    expect(dirtyCategories(['a', 'b', 'c d'], [1, 1, 1])).toEqual([]);
    expect(dirtyCategories(['Alpha', 'beta'], [1, 1])).toEqual([]);
    expect(dirtyCategories([], [])).toEqual([]);
  });
});
