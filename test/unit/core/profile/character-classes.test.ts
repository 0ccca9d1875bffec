import { describe, expect, it } from 'vitest';
import { CharacterTally } from '../../../../src/core/profile/character-classes.ts';

const count = (text: string, times = 1) => {
  const tally = new CharacterTally();
  tally.add(text, times);
  return tally.counts();
};

describe('character classes', () => {
  it('classifies ASCII letters, digits, spaces, punctuation and symbols', () => {
    expect(count('Ab 1\t$+.~\u0001')).toEqual({
      total: 10,
      letters: 2,
      uppercase: 1,
      lowercase: 1,
      digits: 1,
      spaces: 2,
      punctuation: 4,
      other: 1,
      nonAscii: 0,
    });
  });

  it('classifies other scripts by Unicode property, a surrogate pair as one character', () => {
    // é (Ll), Ω (Lu), 日 (Lo: a letter, neither case), ٣ (Nd), NBSP (White_Space), € (Sc), 😀 (So), U+0301 (Mn: other), ǅ (Lt).
    expect(count('éΩ日٣\u00a0€😀\u0301ǅ')).toEqual({
      total: 9,
      letters: 4,
      uppercase: 1,
      lowercase: 1,
      digits: 1,
      spaces: 1,
      punctuation: 2,
      other: 1,
      nonAscii: 9,
    });
  });

  it('weights a text by how often it occurs and accumulates', () => {
    const tally = new CharacterTally();
    tally.add('ab', 3);
    tally.add('C', 2);
    expect(tally.counts()).toMatchObject({ total: 8, letters: 8, lowercase: 6, uppercase: 2, other: 0 });
    expect(count('')).toEqual({ total: 0, letters: 0, uppercase: 0, lowercase: 0, digits: 0, spaces: 0, punctuation: 0, other: 0, nonAscii: 0 });
  });
});
