// Parses a user's regular expression (JavaScript syntax, plus Python's (?P<name>…), \A, \Z and a leading
// (?i)) into a tree. Back-references and look-around are refused: they are what makes matching
// unbounded, and the matcher (linear-regex.ts) promises time linear in the text.

/** Characters a node matches: ranges of UTF-16 code units and nested sets (e.g. \D inside a class). */
export interface CharSet {
  items: (readonly [number, number] | CharSet)[];
  negate: boolean;
}

export type RegexNode =
  | { t: 'char'; set: CharSet }
  | { t: 'seq'; items: RegexNode[] }
  | { t: 'alt'; options: RegexNode[] }
  | { t: 'repeat'; node: RegexNode; min: number; max: number }
  | { t: 'assert'; kind: 'start' | 'end' | 'word' | 'notword' };

export interface ParsedRegex {
  node: RegexNode;
  ignoreCase: boolean;
}

/** A pattern Lathe cannot run: `message` says what and where. */
export class RegexSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegexSyntaxError';
  }
}

/** Counted repeats above this are refused: {1,100000} would expand into a program too large to run quickly. */
export const MAX_REPEAT = 1000;

const range = (lo: number, hi: number) => [lo, hi] as const;
const code = (c: string) => c.charCodeAt(0);
export const DIGIT: CharSet = { items: [range(48, 57)], negate: false };
export const WORD: CharSet = { items: [range(48, 57), range(65, 90), range(95, 95), range(97, 122)], negate: false };
// JavaScript's \s: WhiteSpace and LineTerminator code points.
export const SPACE: CharSet = {
  items: [
    range(9, 13),
    range(32, 32),
    range(0xa0, 0xa0),
    range(0x1680, 0x1680),
    range(0x2000, 0x200a),
    range(0x2028, 0x2029),
    range(0x202f, 0x202f),
    range(0x205f, 0x205f),
    range(0x3000, 0x3000),
    range(0xfeff, 0xfeff),
  ],
  negate: false,
};
/** `.`: anything but a line terminator, as in JavaScript without the s flag. */
export const DOT: CharSet = { items: [range(10, 10), range(13, 13), range(0x2028, 0x2029)], negate: true };

const not = (set: CharSet): CharSet => ({ items: [set], negate: true });
const single = (c: number): CharSet => ({ items: [range(c, c)], negate: false });

export function parseRegex(pattern: string): ParsedRegex {
  let ignoreCase = false;
  let source = pattern;
  // Python's inline flag, common in patterns written for Great Expectations; JavaScript has no inline flags.
  if (source.startsWith('(?i)')) {
    ignoreCase = true;
    source = source.slice(4);
  }
  const parser = new Parser(source, pattern.length - source.length);
  const node = parser.alternation();
  if (!parser.done()) parser.fail(`unmatched ")"`);
  return { node, ignoreCase };
}

class Parser {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly offset: number,
  ) {}

  done(): boolean {
    return this.i >= this.s.length;
  }

  fail(what: string, at = this.i): never {
    throw new RegexSyntaxError(`${what} at position ${at + this.offset + 1}`);
  }

  alternation(): RegexNode {
    const options = [this.sequence()];
    while (this.s[this.i] === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0] : { t: 'alt', options };
  }

  private sequence(): RegexNode {
    const items: RegexNode[] = [];
    while (!this.done() && this.s[this.i] !== '|' && this.s[this.i] !== ')') items.push(this.quantified());
    return items.length === 1 ? items[0] : { t: 'seq', items };
  }

  private quantified(): RegexNode {
    const start = this.i;
    const atom = this.atom();
    const q = this.quantifier();
    if (!q) return atom;
    if (atom.t === 'assert') this.fail('nothing to repeat', start);
    if (this.s[this.i] === '?') this.i++; // lazy: the same strings match
    if (this.quantifierAhead()) this.fail('multiple repeat');
    return { t: 'repeat', node: atom, min: q.min, max: q.max };
  }

  private quantifierAhead(): boolean {
    const c = this.s[this.i];
    return c === '*' || c === '+' || c === '?' || (c === '{' && COUNTED.test(this.s.slice(this.i)));
  }

  private quantifier(): { min: number; max: number } | undefined {
    const c = this.s[this.i];
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      return { min: c === '+' ? 1 : 0, max: c === '?' ? 1 : Infinity };
    }
    if (c !== '{') return undefined;
    // As in JavaScript (without the u flag) and Python, a brace that is not a counted repeat is a literal.
    const m = COUNTED.exec(this.s.slice(this.i));
    if (!m) return undefined;
    const at = this.i;
    this.i += m[0].length;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[2] === '' ? Infinity : Number(m[2]);
    if (max < min) this.fail(`{${m[1]},${m[2]}} has its numbers the wrong way round`, at);
    if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) this.fail(`a counted repeat above ${MAX_REPEAT}`, at);
    return { min, max };
  }

  private atom(): RegexNode {
    const c = this.s[this.i];
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return { t: 'char', set: this.charClass() };
      case '.':
        this.i++;
        return { t: 'char', set: DOT };
      case '^':
        this.i++;
        return { t: 'assert', kind: 'start' };
      case '$':
        this.i++;
        return { t: 'assert', kind: 'end' };
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
        return this.fail('nothing to repeat');
      default:
        if (c === '{' && COUNTED.test(this.s.slice(this.i))) this.fail('nothing to repeat');
        this.i++;
        return { t: 'char', set: single(code(c)) };
    }
  }

  private group(): RegexNode {
    const open = this.i;
    this.i++;
    if (this.s[this.i] === '?') {
      const rest = this.s.slice(this.i);
      if (rest.startsWith('?:')) this.i += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!') || rest.startsWith('?<=') || rest.startsWith('?<!'))
        this.fail('look-around ((?=…), (?!…), (?<=…), (?<!…)) is not supported', open);
      else {
        const named = /^\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
        if (!named) this.fail('unsupported group syntax "(?"', open);
        this.i += named[0].length;
      }
    }
    const inner = this.alternation();
    if (this.s[this.i] !== ')') this.fail('missing ")"', open);
    this.i++;
    // A grouped assertion may be repeated, e.g. (^)*; only a bare one may not.
    return inner.t === 'assert' ? { t: 'seq', items: [inner] } : inner;
  }

  private escape(): RegexNode {
    const at = this.i;
    this.i++;
    const c = this.s[this.i];
    if (c === undefined) this.fail('a pattern cannot end with "\\"', at);
    switch (c) {
      case 'b':
        this.i++;
        return { t: 'assert', kind: 'word' };
      case 'B':
        this.i++;
        return { t: 'assert', kind: 'notword' };
      case 'A':
        this.i++;
        return { t: 'assert', kind: 'start' };
      case 'Z':
      case 'z':
        this.i++;
        return { t: 'assert', kind: 'end' };
      default:
        return { t: 'char', set: this.escapedSet(at) };
    }
  }

  /** An escape that stands for characters (outside or inside a class); this.i is just after the backslash. */
  private escapedSet(at: number): CharSet {
    const c = this.s[this.i++];
    switch (c) {
      case 'd':
        return DIGIT;
      case 'D':
        return not(DIGIT);
      case 'w':
        return WORD;
      case 'W':
        return not(WORD);
      case 's':
        return SPACE;
      case 'S':
        return not(SPACE);
      case 't':
        return single(9);
      case 'n':
        return single(10);
      case 'v':
        return single(11);
      case 'f':
        return single(12);
      case 'r':
        return single(13);
      case 'b':
        // Only reached inside a class, where \b is a backspace.
        return single(8);
      case '0':
        if (/[0-9]/.test(this.s[this.i] ?? '')) this.fail('octal escapes are not supported', at);
        return single(0);
      case 'x':
      case 'u': {
        const digits = c === 'x' ? 2 : 4;
        const hex = this.s.slice(this.i, this.i + digits);
        if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) this.fail(`\\${c} needs ${digits} hexadecimal digits`, at);
        this.i += digits;
        return single(parseInt(hex, 16));
      }
      case 'k':
        return this.fail('back-references (\\k<name>) are not supported', at);
      default:
        if (/[1-9]/.test(c)) this.fail(`back-references (\\${c}) are not supported`, at);
        if (/[A-Za-z]/.test(c)) this.fail(`unknown escape "\\${c}"`, at);
        // Punctuation escapes (\. \( \] …) stand for themselves.
        return single(code(c));
    }
  }

  private charClass(): CharSet {
    const open = this.i;
    this.i++;
    const set: CharSet = { items: [], negate: false };
    if (this.s[this.i] === '^') {
      set.negate = true;
      this.i++;
    }
    let first = true;
    for (;;) {
      if (this.done()) this.fail('missing "]"', open);
      const c = this.s[this.i];
      // As in Python, a "]" first in the class is a literal; JavaScript reads "[]" as the empty class.
      if (c === ']' && !first) {
        this.i++;
        return set;
      }
      first = false;
      const lo = this.classAtom();
      if (this.s[this.i] === '-' && this.s[this.i + 1] !== ']' && this.s[this.i + 1] !== undefined) {
        const dash = this.i;
        this.i++;
        const hi = this.classAtom();
        if (typeof lo === 'number' && typeof hi === 'number') {
          if (hi < lo) this.fail('a character range the wrong way round', dash);
          set.items.push(range(lo, hi));
        } else {
          // A class escape on either side of "-" makes the dash a literal (JavaScript without the u flag).
          set.items.push(typeof lo === 'number' ? range(lo, lo) : lo, range(45, 45), typeof hi === 'number' ? range(hi, hi) : hi);
        }
      } else {
        set.items.push(typeof lo === 'number' ? range(lo, lo) : lo);
      }
    }
  }

  /** One member of a class: a code unit, or a set for \d, \w, \s and their negations. */
  private classAtom(): number | CharSet {
    const c = this.s[this.i];
    if (c !== '\\') {
      this.i++;
      return code(c);
    }
    const at = this.i;
    this.i++;
    if (this.s[this.i] === undefined) this.fail('a pattern cannot end with "\\"', at);
    const set = this.escapedSet(at);
    const only = set.items.length === 1 && !set.negate ? set.items[0] : undefined;
    return only && !('items' in only) && only[0] === only[1] ? only[0] : set;
  }
}

const COUNTED = /^\{(\d+)(?:,(\d*))?\}/;
