// Splits expression text into tokens (numbers, texts, names, operators), each with its place in the text.

import { ExpressionError } from './errors.ts';

export type TokenType = 'number' | 'string' | 'name' | 'quoted' | 'op' | 'eof';

export interface Token {
  type: TokenType;
  /** The number's value, the text's or name's characters (unescaped), or the operator. */
  text: string;
  value?: number;
  /** 0-based offsets [start, end) in the expression. */
  start: number;
  end: number;
}

/** Longest first, so "<=" is not read as "<" then "=". */
const OPERATORS = ['==', '!=', '<>', '<=', '>=', '&&', '||', '<', '>', '=', '+', '-', '*', '/', '%', '(', ')', '[', ']', ','];

const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{N}_]/u;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      i = scanNumber(text, i);
      const raw = text.slice(start, i);
      if (i < n && NAME_START.test(text[i])) {
        throw new ExpressionError(`"${raw}${text[i]}…" is not a number`, start, i - start + 1, 'A name cannot start with a digit: put it in backticks, like `2nd try`.');
      }
      tokens.push({ type: 'number', text: raw, value: Number(raw), start, end: i });
      continue;
    }
    if (c === "'" || c === '"') {
      const { value, end } = scanString(text, i, c);
      tokens.push({ type: 'string', text: value, start, end });
      i = end;
      continue;
    }
    if (c === '`') {
      const { value, end } = scanQuotedName(text, i);
      tokens.push({ type: 'quoted', text: value, start, end });
      i = end;
      continue;
    }
    if (NAME_START.test(c)) {
      i++;
      while (i < n && NAME_PART.test(text[i])) i++;
      tokens.push({ type: 'name', text: text.slice(start, i), start, end: i });
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ type: 'op', text: op, start, end: i + op.length });
      i += op.length;
      continue;
    }
    if (c === '!') throw new ExpressionError('Unexpected "!"', start, 1, 'Write "not" to negate a condition, or "!=" for "is not equal to".');
    if (c === '&' || c === '|') throw new ExpressionError(`Unexpected "${c}"`, start, 1, 'Write "and" / "or" to combine conditions.');
    throw new ExpressionError(`Unexpected character "${c}"`, start, 1, 'Names with spaces or symbols go in backticks, like `Body Mass (g)`; texts go in quotes.');
  }
  tokens.push({ type: 'eof', text: '', start: n, end: n });
  return tokens;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function scanNumber(text: string, i: number): number {
  while (isDigit(text[i] ?? '')) i++;
  if (text[i] === '.') {
    i++;
    while (isDigit(text[i] ?? '')) i++;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    let j = i + 1;
    if (text[j] === '+' || text[j] === '-') j++;
    if (isDigit(text[j] ?? '')) {
      i = j;
      while (isDigit(text[i] ?? '')) i++;
    }
  }
  return i;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };

function scanString(text: string, i: number, quote: string): { value: string; end: number } {
  let value = '';
  let j = i + 1;
  while (j < text.length) {
    const c = text[j];
    if (c === quote) return { value, end: j + 1 };
    if (c === '\\' && j + 1 < text.length) {
      value += ESCAPES[text[j + 1]] ?? text[j + 1];
      j += 2;
      continue;
    }
    value += c;
    j++;
  }
  throw new ExpressionError(`This text is not closed: add ${quote} at its end`, i, text.length - i);
}

/** `name`, with `` standing for one backtick inside. */
function scanQuotedName(text: string, i: number): { value: string; end: number } {
  let value = '';
  let j = i + 1;
  while (j < text.length) {
    if (text[j] === '`') {
      if (text[j + 1] === '`') {
        value += '`';
        j += 2;
        continue;
      }
      if (value === '') throw new ExpressionError('Empty column name in backticks', i, 2);
      return { value, end: j + 1 };
    }
    value += text[j];
    j++;
  }
  throw new ExpressionError('This column name is not closed: add ` at its end', i, text.length - i);
}
