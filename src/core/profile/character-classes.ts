// Counts the characters of a text by Unicode class: letters (upper/lower), digits, spaces, punctuation, other, non-ASCII.

import type { TextStats } from './types.ts';

export type CharacterCounts = TextStats['characters'];

const LETTER = 1;
const UPPER = 2;
const LOWER = 4;
const DIGIT = 8;
const SPACE = 16;
const PUNCTUATION = 32;

/**
 * Classes by Unicode property, over code points (a surrogate pair is one character):
 * letters \p{L} (of which uppercase \p{Lu} and lowercase \p{Ll}; title case and other letters are neither),
 * digits \p{Nd}, spaces \p{White_Space}, punctuation \p{P} or \p{S} (symbols such as $ + < ^ | ~ included),
 * other = the rest (marks, other numbers, controls, format characters), nonAscii = above U+007F.
 * The first five classes do not overlap.
 */
const patterns: [RegExp, number][] = [
  [/\p{Lu}/u, LETTER | UPPER],
  [/\p{Ll}/u, LETTER | LOWER],
  [/\p{L}/u, LETTER],
  [/\p{Nd}/u, DIGIT],
  [/\p{White_Space}/u, SPACE],
  [/[\p{P}\p{S}]/u, PUNCTUATION],
];

function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  for (const [re, bits] of patterns) if (re.test(ch)) return bits;
  return 0;
}

const ascii = new Uint8Array(128).map((_, cp) => classify(cp));
/** Classes of the non-ASCII code points met so far (regular expressions per character are slow). */
const seen = new Map<number, number>();

export function emptyCounts(): CharacterCounts {
  return { total: 0, letters: 0, uppercase: 0, lowercase: 0, digits: 0, spaces: 0, punctuation: 0, other: 0, nonAscii: 0 };
}

/** Adds the characters of `text`, `times` over, to `into`. */
export function addCharacters(into: CharacterCounts, text: string, times: number): void {
  let total = 0;
  let letters = 0;
  let uppercase = 0;
  let lowercase = 0;
  let digits = 0;
  let spaces = 0;
  let punctuation = 0;
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    let bits: number;
    if (cp < 128) bits = ascii[cp];
    else {
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = ((cp - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
          i++;
        }
      }
      nonAscii++;
      let known = seen.get(cp);
      if (known === undefined) {
        known = classify(cp);
        seen.set(cp, known);
      }
      bits = known;
    }
    total++;
    if (bits & LETTER) letters++;
    if (bits & UPPER) uppercase++;
    if (bits & LOWER) lowercase++;
    if (bits & DIGIT) digits++;
    if (bits & SPACE) spaces++;
    if (bits & PUNCTUATION) punctuation++;
  }
  into.total += total * times;
  into.letters += letters * times;
  into.uppercase += uppercase * times;
  into.lowercase += lowercase * times;
  into.digits += digits * times;
  into.spaces += spaces * times;
  into.punctuation += punctuation * times;
  into.nonAscii += nonAscii * times;
  into.other = into.total - into.letters - into.digits - into.spaces - into.punctuation;
}
