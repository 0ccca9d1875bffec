import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../../../../../src/core/recipe/expression/errors.ts';
import { parseExpression, type Node } from '../../../../../src/core/recipe/expression/parse.ts';
import { tokenize } from '../../../../../src/core/recipe/expression/tokenize.ts';

/** The tree as a compact string, to compare structure and precedence. */
function show(node: Node): string {
  switch (node.type) {
    case 'number':
    case 'bool':
      return String(node.value);
    case 'string':
      return JSON.stringify(node.value);
    case 'null':
      return 'null';
    case 'column':
      return `[${node.name}]`;
    case 'negate':
      return `(-${show(node.arg)})`;
    case 'not':
      return `(not ${show(node.arg)})`;
    case 'binary':
      return `(${show(node.left)} ${node.op} ${show(node.right)})`;
    case 'is-null':
      return `(${show(node.arg)} is${node.negated ? ' not' : ''} null)`;
    case 'in':
      return `(${show(node.arg)}${node.negated ? ' not' : ''} in [${node.list.map(show).join(', ')}])`;
    case 'call':
      return `${node.name}(${node.args.map(show).join(', ')})`;
  }
}

function errorOf(text: string): ExpressionError {
  try {
    parseExpression(text);
  } catch (err) {
    if (err instanceof ExpressionError) return err;
    throw err;
  }
  throw new Error(`no error for ${text}`);
}

describe('tokenize', () => {
  it('reads numbers, texts with escapes, names, backticked names and operators with their places', () => {
    const tokens = tokenize("x1 >= 2.5e3 and `Body Mass (g)` != 'it\\'s' <> .5");
    expect(tokens.map((t) => [t.type, t.text, t.start, t.end])).toEqual([
      ['name', 'x1', 0, 2],
      ['op', '>=', 3, 5],
      ['number', '2.5e3', 6, 11],
      ['name', 'and', 12, 15],
      ['quoted', 'Body Mass (g)', 16, 31],
      ['op', '!=', 32, 34],
      ['string', "it's", 35, 42],
      ['op', '<>', 43, 45],
      ['number', '.5', 46, 48],
      ['eof', '', 48, 48],
    ]);
    expect(tokens[2].value).toBe(2500);
  });

  it('reads a doubled backtick inside a quoted name as one backtick, and accented names bare', () => {
    expect(tokenize('`a``b`')[0].text).toBe('a`b');
    expect(tokenize('Région')[0]).toMatchObject({ type: 'name', text: 'Région' });
  });

  it('says where a text or name is left open, and what an unknown character is', () => {
    expect(() => tokenize("city == 'Paris")).toThrow(/not closed.*character 9/);
    expect(() => tokenize('`Body Mass')).toThrow(/column name is not closed.*character 1/);
    expect(() => tokenize('x # 2')).toThrow(/Unexpected character "#".*character 3/);
    expect(() => tokenize('!x')).toThrow(/"!"/);
    expect(() => tokenize('2nd > 1')).toThrow(/not a number/);
  });
});

describe('parseExpression', () => {
  it('follows precedence: or < and < not < comparison < + - < * / % < unary minus', () => {
    expect(show(parseExpression('a or b and not c > 1 + 2 * -d'))).toBe('([a] or ([b] and (not ([c] > (1 + (2 * (-[d])))))))');
    expect(show(parseExpression('(a or b) and c'))).toBe('(([a] or [b]) and [c])');
    expect(show(parseExpression('a - b - c'))).toBe('(([a] - [b]) - [c])');
    expect(show(parseExpression('a / b % c'))).toBe('(([a] / [b]) % [c])');
  });

  it('reads comparison spellings, is null, in lists, calls, literals and && ||', () => {
    expect(show(parseExpression('x = 1 && y <> 2 || z == 3'))).toBe('((([x] == 1) and ([y] != 2)) or ([z] == 3))');
    expect(show(parseExpression('x IS NOT NULL and y is null'))).toBe('(([x] is not null) and ([y] is null))');
    expect(show(parseExpression("c in ['a', \"b\"] or c not in [-1, 2.5]"))).toBe('(([c] in ["a", "b"]) or ([c] not in [-1, 2.5]))');
    expect(show(parseExpression('IF(x > 0, LOG(x), null)'))).toBe('if(([x] > 0), log([x]), null)');
    expect(show(parseExpression('true != False'))).toBe('(true != false)');
    expect(show(parseExpression('x in []'))).toBe('([x] in [])');
  });

  it('keeps spans of the text for each node', () => {
    const node = parseExpression('  log(`a b`) > 2');
    expect(node).toMatchObject({ start: 2, end: 16 });
    expect(node.type === 'binary' && node.left).toMatchObject({ type: 'call', start: 2, end: 12 });
  });

  it('says what was expected and where', () => {
    const e1 = errorOf('x >');
    expect(e1.message).toBe('Expected a value after ">", found the end of the expression (character 4)');
    expect(e1.position).toBe(3);
    expect(errorOf('x > 1 y').message).toMatch(/Expected an operator or the end of the expression, found "y" \(character 7\)/);
    expect(errorOf('(x > 1').message).toMatch(/Expected a closing "\)".*character 7/);
    expect(errorOf('log(x').message).toMatch(/comma or "\)" to close log\(/);
    expect(errorOf('x is 3').message).toMatch(/Expected "null" after "is"/);
    expect(errorOf('x in 3').message).toMatch(/list in square brackets/);
    expect(errorOf('x in [y]').message).toMatch(/numbers or texts only/);
    expect(errorOf('1 < x < 3').message).toMatch(/cannot be chained/);
    expect(errorOf('x and and y').message).toMatch(/Expected a condition after "and", found "and"/);
    expect(errorOf('').message).toMatch(/empty/);
    expect(errorOf('   ').details).toMatchObject({ kind: 'expression', position: 0 });
    expect(errorOf('in > 2').hint).toMatch(/backticks/);
  });
});
