import { describe, expect, it } from 'vitest';
import { compileRegex, RegexSyntaxError } from '../../../../src/core/quality/safe-regex.ts';
import { createRng } from '../../../../src/core/random.ts';

/** Whether RE2 and V8's RegExp agree on a pattern for every text. */
function agree(pattern: string, texts: string[]): void {
  const mine = compileRegex(pattern);
  const native = new RegExp(pattern);
  for (const t of texts) expect(mine.test(t), `/${pattern}/ on ${JSON.stringify(t)}`).toBe(native.test(t));
}

const TEXTS = [
  '',
  'a',
  'b',
  'ab',
  'ba',
  'aab',
  'abc',
  'cat',
  'hat',
  'fish',
  'dog',
  'A1',
  'abc123',
  '123',
  'x-y_z',
  'foo bar',
  'foo\nbar',
  ' lead',
  'trail ',
  'Adelie',
  'Gentoo penguin',
  'MALE',
  '2019-07-01',
  '19-7-1',
  'user@example.com',
  'a.b',
  'a]b',
  'tab\there',
  'é',
  '{}',
  'a{2}',
  'aaaa',
  'abab',
];

describe('compileRegex: same answers as RegExp (search, not full match)', () => {
  it('agrees on hand-picked patterns', () => {
    const patterns = [
      '[at]+',
      'a',
      '^a',
      'a$',
      '^$',
      '^a.c$',
      'a|b',
      '^(a|b)+$',
      'ab*c?',
      'a{2}',
      'a{2,}',
      'a{1,3}b',
      '^a{0,2}$',
      '\\d+',
      '^\\d{4}-\\d{2}-\\d{2}$',
      '\\D',
      '\\w+@\\w+\\.com',
      '\\W',
      '\\s',
      '\\S+$',
      '\\bcat\\b',
      '\\Bat',
      '[^a-z]',
      '[a-c0-9_]+',
      '[\\d.]+',
      '[\\w-]+',
      '[.]',
      'a\\.b',
      '\\]',
      '(?:ab)+',
      '(?<word>[A-Z][a-z]+)',
      '^(?:[A-Z][a-z]+)( [a-z]+)?$',
      'a+?b',
      '(a*)*b',
      '(a|ab)(c|bcd)',
      '{}',
      'a{,2}',
      'x*',
      '\\t',
      '\\x41',
      '\\u00e9',
      'x\\\\Z',
      '\\/',
      '.',
      '^.$',
      'MALE|FEMALE',
      '^(Adelie|Gentoo|Chinstrap)$',
    ];
    for (const p of patterns) agree(p, TEXTS);
  });

  it('agrees on 400 random patterns over random texts', () => {
    const rand = createRng(7);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
    const atoms = ['a', 'b', 'c', '.', '[ab]', '[^a]', '\\d', '\\w', '\\s', '\\b', '^', '$', '1', ' '];
    const quant = ['', '', '', '*', '+', '?', '{2}', '{1,2}', '{0,}', '*?'];
    const gen = (depth: number): string => {
      const n = 1 + Math.floor(rand() * 4);
      let s = '';
      for (let i = 0; i < n; i++) {
        const r = rand();
        let atom: string;
        if (depth < 2 && r < 0.2) atom = `(${gen(depth + 1)})`;
        else if (depth < 2 && r < 0.3) atom = `(?:${gen(depth + 1)}|${gen(depth + 1)})`;
        else atom = pick(atoms);
        const q = atom === '^' || atom === '$' || atom === '\\b' ? '' : pick(quant);
        s += atom + q;
      }
      return s;
    };
    const texts: string[] = [];
    for (let i = 0; i < 40; i++) {
      let t = '';
      const len = Math.floor(rand() * 8);
      for (let k = 0; k < len; k++) t += pick(['a', 'b', 'c', '1', ' ', '\n', 'x']);
      texts.push(t);
    }
    for (let i = 0; i < 400; i++) agree(gen(0), texts);
  });

  it('honours a leading (?i) as Python does', () => {
    const r = compileRegex('(?i)^male$');
    expect(r.test('MALE')).toBe(true);
    expect(r.test('Male')).toBe(true);
    expect(r.test('FEMALE')).toBe(false);
    expect(compileRegex('(?i)[a-c]+').test('ABC')).toBe(true);
    expect(compileRegex('^male$').test('MALE')).toBe(false);
  });

  it("reads Python's (?P<name>…), \\A and \\Z", () => {
    expect(compileRegex('^(?P<code>[A-Z]{2})-\\d+$').test('AB-12')).toBe(true);
    expect(compileRegex('^(?P<code>[A-Z]{2})-\\d+$').test('A-12')).toBe(false);
    expect(compileRegex('\\Aab\\Z').test('ab')).toBe(true);
    expect(compileRegex('\\Aab\\Z').test('cab')).toBe(false);
    expect(compileRegex('\\Aab\\Z').test('abc')).toBe(false);
    // \Z is the very end, as in Python (not before a final newline, as $ is there).
    expect(compileRegex('ab\\Z').test('ab\n')).toBe(false);
  });

  it('reads "]" first in a class as a literal, as Python does (JavaScript reads [] as an empty class)', () => {
    expect(compileRegex('[]a]').test(']')).toBe(true);
    expect(compileRegex('[^]]').test(']')).toBe(false);
    expect(compileRegex('[^]]').test('a')).toBe(true);
  });

  it('differs from JavaScript where RE2 does: \\s is ASCII whitespace and . matches all but \\n', () => {
    // Stated here so that a change of engine or of these rules shows up as a failing test.
    expect(compileRegex('\\s').test('\u00a0')).toBe(false);
    expect(compileRegex('\\s').test('\v')).toBe(false);
    expect(compileRegex('^.$').test('\r')).toBe(true);
    expect(compileRegex('^.$').test('\n')).toBe(false);
  });
});

describe('compileRegex: no catastrophic backtracking', () => {
  it('answers patterns that make backtracking engines exponential in well under a second', () => {
    const evil = 'a'.repeat(5000) + '!';
    for (const p of ['(a+)+$', '(a|a)*$', '(a*)*b', '^(a|aa)+$', '(\\w+\\s?)+$', '(.*a){20}$', '(x+x+)+y']) {
      const started = performance.now();
      compileRegex(p).test(evil);
      expect(performance.now() - started, p).toBeLessThan(1000);
    }
    expect(compileRegex('(a+)+$').test('a'.repeat(30) + '!')).toBe(false);
    expect(compileRegex('^(a|aa)+$').test('a'.repeat(31))).toBe(true);
  });
});

describe('compileRegex: patterns it refuses, with the reason and the part at fault', () => {
  const refused = (p: string): string => {
    try {
      compileRegex(p);
    } catch (err) {
      expect(err).toBeInstanceOf(RegexSyntaxError);
      return (err as Error).message;
    }
    throw new Error(`expected ${p} to be refused`);
  };
  it('refuses back-references and look-around (they cannot run in linear time)', () => {
    expect(refused('(a)\\1')).toBe('back-references such as "\\1" are not supported');
    expect(refused('(?<x>a)\\k<x>')).toBe('back-references such as "\\k" are not supported');
    expect(refused('a(?=b)')).toBe('look-around such as "(?=…)" is not supported');
    expect(refused('a(?!b)')).toBe('look-around such as "(?!…)" is not supported');
    expect(refused('(?<=a)b')).toBe('look-around such as "(?<=…)" is not supported');
    expect(refused('(?<!a)b')).toBe('look-around such as "(?<!…)" is not supported');
  });
  it('refuses malformed patterns, quoting the part at fault', () => {
    expect(refused('(ab')).toBe('missing closing ) at "(ab"');
    expect(refused('ab)')).toMatch(/^unexpected \)/);
    expect(refused('[ab')).toBe('missing closing ] at "[ab"');
    expect(refused('*a')).toBe('missing argument to repetition operator at "*"');
    expect(refused('a**')).toMatch(/^invalid nested repetition operator/);
    expect(refused('a{3,1}')).toBe('invalid repeat count at "{3,1}"');
    expect(refused('[z-a]')).toBe('invalid character class range at "z-a"');
    expect(refused('a\\')).toMatch(/trailing backslash/);
    expect(refused('\\q')).toBe('invalid escape sequence at "\\q"');
  });
  it('refuses repeats too large to check quickly', () => {
    expect(refused('a{2000}')).toBe('invalid repeat count at "{2000}"');
    expect(refused('(a{1000}){1000}')).toMatch(/^invalid repeat count/);
  });
});
