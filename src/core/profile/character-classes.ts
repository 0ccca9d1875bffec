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
/**
 * Classes of the code points met so far, plus 1 (0 = not yet classified), since regular expressions per
 * character are slow: a 64 KB table for the Basic Multilingual Plane, a map for the rest.
 */
const bmp = new Uint8Array(0x10000);
const astral = new Map<number, number>();

function classOf(cp: number): number {
  if (cp < 0x10000) {
    let known = bmp[cp];
    if (known === 0) bmp[cp] = known = classify(cp) + 1;
    return known - 1;
  }
  let known = astral.get(cp);
  if (known === undefined) astral.set(cp, (known = classify(cp)));
  return known;
}

/**
 * Tallies characters over many texts: per combination of class bits (64 of them) while adding, expanded into
 * classes once at the end, so each character costs one table lookup and one addition.
 */
export class CharacterTally {
  private byClass = new Float64Array(64);
  private nonAscii = 0;

  /** Adds the characters of `text`, `times` over. */
  add(text: string, times: number): void {
    const byClass = this.byClass;
    let nonAscii = 0;
    for (let i = 0; i < text.length; i++) {
      const cp = text.charCodeAt(i);
      if (cp < 128) {
        byClass[ascii[cp]] += times;
        continue;
      }
      nonAscii++;
      let point = cp;
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          point = ((cp - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
          i++;
        }
      }
      byClass[classOf(point)] += times;
    }
    this.nonAscii += nonAscii * times;
  }

  counts(): CharacterCounts {
    const out: CharacterCounts = { total: 0, letters: 0, uppercase: 0, lowercase: 0, digits: 0, spaces: 0, punctuation: 0, other: 0, nonAscii: this.nonAscii };
    for (let bits = 0; bits < 64; bits++) {
      const c = this.byClass[bits];
      if (c === 0) continue;
      out.total += c;
      if (bits & LETTER) out.letters += c;
      if (bits & UPPER) out.uppercase += c;
      if (bits & LOWER) out.lowercase += c;
      if (bits & DIGIT) out.digits += c;
      if (bits & SPACE) out.spaces += c;
      if (bits & PUNCTUATION) out.punctuation += c;
    }
    out.other = out.total - out.letters - out.digits - out.spaces - out.punctuation;
    return out;
  }
}
