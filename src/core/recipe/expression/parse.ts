// Parses expression text into a tree (recursive descent, one function per precedence level); never evaluates text.

import { ExpressionError } from './errors.ts';
import { tokenize, type Token } from './tokenize.ts';

/** Offsets [start, end) of a node in the expression text, for messages. */
interface Span {
  start: number;
  end: number;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

export type Node =
  | ({ type: 'number'; value: number } & Span)
  | ({ type: 'string'; value: string } & Span)
  | ({ type: 'bool'; value: boolean } & Span)
  | ({ type: 'null' } & Span)
  | ({ type: 'column'; name: string } & Span)
  | ({ type: 'negate'; arg: Node } & Span)
  | ({ type: 'not'; arg: Node } & Span)
  | ({ type: 'binary'; op: BinaryOp; left: Node; right: Node } & Span)
  | ({ type: 'is-null'; arg: Node; negated: boolean } & Span)
  | ({ type: 'in'; arg: Node; list: Node[]; negated: boolean } & Span)
  | ({ type: 'call'; name: string; args: Node[] } & Span);

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'null', 'true', 'false']);

/** The operators a comparison may use, as written → as meant. */
const COMPARISONS: Record<string, BinaryOp> = { '==': '==', '=': '==', '!=': '!=', '<>': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

export function parseExpression(text: string): Node {
  if (text.trim() === '') throw new ExpressionError('The expression is empty', 0, 1, 'Write a condition such as `Body Mass (g)` > 4000.');
  const parser = new Parser(tokenize(text));
  const node = parser.expression();
  const next = parser.peek();
  if (next.type !== 'eof') {
    throw new ExpressionError(`Expected an operator or the end of the expression, found ${describe(next)}`, next.start, next.end - next.start, 'Combine conditions with "and" / "or".');
  }
  return node;
}

function describe(t: Token): string {
  switch (t.type) {
    case 'eof':
      return 'the end of the expression';
    case 'number':
      return `the number ${t.text}`;
    case 'string':
      return `the text "${t.text}"`;
    case 'quoted':
      return `the column \`${t.text}\``;
    case 'name':
      return `"${t.text}"`;
    default:
      return `"${t.text}"`;
  }
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.i];
  }

  private next(): Token {
    return this.tokens[this.i++];
  }

  private isKeyword(word: string, t: Token = this.peek()): boolean {
    return t.type === 'name' && t.text.toLowerCase() === word;
  }

  private isOp(op: string, t: Token = this.peek()): boolean {
    return t.type === 'op' && t.text === op;
  }

  private expect(op: string, what: string): Token {
    const t = this.peek();
    if (!this.isOp(op)) throw new ExpressionError(`Expected ${what}, found ${describe(t)}`, t.start, t.end - t.start);
    return this.next();
  }

  expression(): Node {
    return this.or();
  }

  private or(): Node {
    let left = this.and();
    while (this.isKeyword('or') || this.isOp('||')) {
      this.next();
      const right = this.operand(() => this.and(), 'a condition after "or"');
      left = { type: 'binary', op: 'or', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private and(): Node {
    let left = this.not();
    while (this.isKeyword('and') || this.isOp('&&')) {
      this.next();
      const right = this.operand(() => this.not(), 'a condition after "and"');
      left = { type: 'binary', op: 'and', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private not(): Node {
    if (this.isKeyword('not')) {
      const t = this.next();
      const arg = this.operand(() => this.not(), 'a condition after "not"');
      return { type: 'not', arg, start: t.start, end: arg.end };
    }
    return this.comparison();
  }

  private comparison(): Node {
    const left = this.additive();
    const t = this.peek();
    if (t.type === 'op' && COMPARISONS[t.text]) {
      this.next();
      const right = this.operand(() => this.additive(), `a value after "${t.text}"`);
      const node: Node = { type: 'binary', op: COMPARISONS[t.text], left, right, start: left.start, end: right.end };
      const after = this.peek();
      if (after.type === 'op' && COMPARISONS[after.text]) {
        throw new ExpressionError(`Comparisons cannot be chained ("${t.text}" then "${after.text}")`, after.start, after.end - after.start, 'Write two comparisons joined by "and", like x > 1 and x < 5.');
      }
      return node;
    }
    if (this.isKeyword('is')) {
      this.next();
      const negated = this.isKeyword('not');
      if (negated) this.next();
      const n = this.peek();
      if (!this.isKeyword('null')) throw new ExpressionError(`Expected "null" after "is${negated ? ' not' : ''}", found ${describe(n)}`, n.start, n.end - n.start);
      this.next();
      return { type: 'is-null', arg: left, negated, start: left.start, end: n.end };
    }
    if (this.isKeyword('in') || (this.isKeyword('not') && this.isKeyword('in', this.tokens[this.i + 1]))) {
      const negated = this.isKeyword('not');
      if (negated) this.next();
      this.next();
      this.expect('[', 'a list in square brackets after "in", like [\'a\', \'b\']');
      const list: Node[] = [];
      if (!this.isOp(']')) {
        for (;;) {
          list.push(this.listItem());
          if (this.isOp(',')) {
            this.next();
            continue;
          }
          break;
        }
      }
      const close = this.expect(']', 'a comma or "]" to close the list');
      return { type: 'in', arg: left, list, negated, start: left.start, end: close.end };
    }
    return left;
  }

  /** List items are literals: the set is known before any row is read. */
  private listItem(): Node {
    const t = this.peek();
    const item = this.operand(() => this.unary(), 'a value in the list');
    const literal = item.type === 'number' || item.type === 'string' || item.type === 'bool' || item.type === 'null';
    if (!literal) throw new ExpressionError('A list after "in" holds numbers or texts only', t.start, item.end - t.start);
    return item;
  }

  private additive(): Node {
    let left = this.multiplicative();
    for (;;) {
      const t = this.peek();
      if (!(this.isOp('+') || this.isOp('-'))) return left;
      this.next();
      const right = this.operand(() => this.multiplicative(), `a value after "${t.text}"`);
      left = { type: 'binary', op: t.text as BinaryOp, left, right, start: left.start, end: right.end };
    }
  }

  private multiplicative(): Node {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (!(this.isOp('*') || this.isOp('/') || this.isOp('%'))) return left;
      this.next();
      const right = this.operand(() => this.unary(), `a value after "${t.text}"`);
      left = { type: 'binary', op: t.text as BinaryOp, left, right, start: left.start, end: right.end };
    }
  }

  private unary(): Node {
    if (this.isOp('-')) {
      const t = this.next();
      const arg = this.operand(() => this.unary(), 'a value after "-"');
      // A negative literal stays a literal (so it may stand in an "in" list).
      if (arg.type === 'number') return { type: 'number', value: -arg.value, start: t.start, end: arg.end };
      return { type: 'negate', arg, start: t.start, end: arg.end };
    }
    if (this.isOp('+')) {
      this.next();
      return this.operand(() => this.unary(), 'a value after "+"');
    }
    return this.primary();
  }

  /** Parses with `parse`, turning "found the end / an operator" into "expected <what>". */
  private operand(parse: () => Node, what: string): Node {
    const t = this.peek();
    if (t.type === 'eof' || (t.type === 'op' && t.text !== '(' && t.text !== '-' && t.text !== '+' && t.text !== '[')) {
      throw new ExpressionError(`Expected ${what}, found ${describe(t)}`, t.start, t.end - t.start);
    }
    if (t.type === 'name' && ['and', 'or', 'is', 'in'].includes(t.text.toLowerCase())) {
      throw new ExpressionError(`Expected ${what}, found ${describe(t)}`, t.start, t.end - t.start);
    }
    return parse();
  }

  private primary(): Node {
    const t = this.peek();
    switch (t.type) {
      case 'number':
        this.next();
        return { type: 'number', value: t.value as number, start: t.start, end: t.end };
      case 'string':
        this.next();
        return { type: 'string', value: t.text, start: t.start, end: t.end };
      case 'quoted':
        this.next();
        return { type: 'column', name: t.text, start: t.start, end: t.end };
      case 'name': {
        this.next();
        const word = t.text.toLowerCase();
        if (word === 'true' || word === 'false') return { type: 'bool', value: word === 'true', start: t.start, end: t.end };
        if (word === 'null') return { type: 'null', start: t.start, end: t.end };
        if (this.isOp('(')) return this.call(t);
        if (KEYWORDS.has(word)) throw new ExpressionError(`Expected a value, found "${t.text}"`, t.start, t.end - t.start, `A column named "${t.text}" must be written in backticks: \`${t.text}\`.`);
        return { type: 'column', name: t.text, start: t.start, end: t.end };
      }
      case 'op':
        if (t.text === '(') {
          this.next();
          const inner = this.operand(() => this.expression(), 'an expression after "("');
          const close = this.expect(')', 'a closing ")"');
          return { ...inner, start: t.start, end: close.end };
        }
        throw new ExpressionError(`Expected a value, found ${describe(t)}`, t.start, t.end - t.start);
      default:
        throw new ExpressionError(`Expected a value, found ${describe(t)}`, t.start, Math.max(1, t.end - t.start));
    }
  }

  private call(name: Token): Node {
    this.next(); // (
    const args: Node[] = [];
    if (!this.isOp(')')) {
      for (;;) {
        args.push(this.operand(() => this.expression(), `an argument of ${name.text}()`));
        if (this.isOp(',')) {
          this.next();
          continue;
        }
        break;
      }
    }
    const close = this.expect(')', `a comma or ")" to close ${name.text}(`);
    return { type: 'call', name: name.text.toLowerCase(), args, start: name.start, end: close.end };
  }
}
