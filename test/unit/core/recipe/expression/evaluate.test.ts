import { describe, expect, it } from 'vitest';
import { evaluateExpression } from '../../../../../src/core/recipe/expression/evaluate.ts';
import { roundHalfEven } from '../../../../../src/core/recipe/expression/functions.ts';
import { BOOL_MISSING, vecToColumn, type Vec } from '../../../../../src/core/recipe/expression/vectors.ts';
import { civilFromDays } from '../../../../../src/core/recipe/expression/dates.ts';
import type { Table } from '../../../../../src/core/table/table.ts';
import { close, messy, num, reference, refNumber, table, txt } from '../helpers.ts';

function evaluate(text: string, t: Table): Vec {
  return evaluateExpression(text, t).vec;
}

function numbers(v: Vec): number[] {
  if (v.type !== 'number' && v.type !== 'date') throw new Error(`not numbers: ${v.type}`);
  return Array.from(v.values);
}

function bools(v: Vec): (boolean | null)[] {
  if (v.type !== 'bool') throw new Error(`not bool: ${v.type}`);
  return Array.from(v.values, (x) => (x === BOOL_MISSING ? null : x === 1));
}

function strings(v: Vec): (string | null)[] {
  if (v.type !== 'string') throw new Error(`not string: ${v.type}`);
  return Array.from(v.codes, (c) => (c < 0 ? null : v.dictionary[c]));
}

describe('evaluateExpression against pandas (test/fixtures/recipe.reference.json)', () => {
  const t = messy();

  for (const f of reference.filters) {
    it(`keeps as many rows as pandas for ${f.expression}`, () => {
      const kept = bools(evaluate(f.expression, t)).filter((b) => b === true).length;
      expect(kept).toBe(f.count);
    });
  }

  // Tolerance: 1e-12 relative (one rounding in a different order at most).
  for (const d of reference.derive) {
    it(`computes ${d.expression} as pandas does`, () => {
      const got = numbers(evaluate(d.expression, t));
      expect(got.length).toBe(d.values.length);
      const bad = got.map((v, i) => [i, v, refNumber(d.values[i])] as const).filter(([, v, w]) => !close(v, w));
      expect(bad.slice(0, 5)).toEqual([]);
    });
  }

  for (const part of ['year', 'month', 'day', 'weekday', 'hour'] as const) {
    it(`reads ${part}() of dates as pandas' .dt (weekday: Monday = 0)`, () => {
      const got = numbers(evaluate(`${part}(signup)`, t));
      expect(got).toEqual(reference.dates[part].map(refNumber));
    });
  }

  it('rounds halves to even, as np.round', () => {
    for (const [x, digits, want] of reference.round) expect([x, digits, roundHalfEven(x, digits)]).toEqual([x, digits, want]);
    const got = numbers(evaluate('round(x)', table(num('x', [0.5, 1.5, 2.5, -2.5, NaN]))));
    expect(got).toEqual([0, 2, 2, -2, NaN]);
  });
});

describe('civilFromDays', () => {
  it('agrees with Date for days across four centuries, negative days included', () => {
    for (let days = -150000; days <= 150000; days += 211) {
      const d = new Date(days * 86_400_000);
      expect(civilFromDays(days)).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
    }
  });
});

describe('evaluateExpression semantics', () => {
  const t = table(
    num('x', [1, NaN, 3, 0, -2]),
    num('y', [2, 2, NaN, 0, 4]),
    txt('c', ['a', 'B', null, ' a ', 'b']),
    num('f', [1, 0, NaN, 1, 0], 'boolean'),
    num('d', [Date.UTC(2020, 0, 1), NaN, Date.UTC(2021, 5, 15, 13), Date.UTC(1969, 11, 31, 23, 59), Date.UTC(2024, 1, 29)], 'datetime'),
  );

  it('spreads missing values through arithmetic and comparisons', () => {
    expect(numbers(evaluate('x + y', t))).toEqual([3, NaN, NaN, 0, 2]);
    expect(bools(evaluate('x < y', t))).toEqual([true, null, null, false, true]);
  });

  it('turns a non-finite result of finite inputs into missing (x / 0, log(0), sqrt(-1)), and keeps infinite inputs', () => {
    expect(numbers(evaluate('x / y', t))).toEqual([0.5, NaN, NaN, NaN, -0.5]);
    expect(numbers(evaluate('log(x)', t))).toEqual([0, NaN, Math.log(3), NaN, NaN]);
    expect(numbers(evaluate('sqrt(x)', t))).toEqual([1, NaN, Math.sqrt(3), 0, NaN]);
    expect(numbers(evaluate('z * 2', table(num('z', [Infinity, -Infinity]))))).toEqual([Infinity, -Infinity]);
  });

  it('takes the remainder with the sign of the divisor, as Python', () => {
    expect(numbers(evaluate('x % 2', table(num('x', [5, -5, 4.5, -0.5]))))).toEqual([1, 1, 0.5, 1.5]);
  });

  it('uses three-valued logic: false and missing is false, true or missing is true', () => {
    const u = table(num('p', [1, 0, NaN, NaN, NaN, 1], 'boolean'), num('q', [NaN, NaN, 1, 0, NaN, 1], 'boolean'));
    expect(bools(evaluate('p and q', u))).toEqual([null, false, null, false, null, true]);
    expect(bools(evaluate('p or q', u))).toEqual([true, null, true, null, null, true]);
    expect(bools(evaluate('not p', u))).toEqual([false, true, null, null, null, false]);
  });

  it('tests for missing values with is null / is not null on every type', () => {
    expect(bools(evaluate('x is null', t))).toEqual([false, true, false, false, false]);
    expect(bools(evaluate('c is not null', t))).toEqual([true, true, false, true, true]);
    expect(bools(evaluate('f is null', t))).toEqual([false, false, true, false, false]);
    expect(bools(evaluate('d is null', t))).toEqual([false, true, false, false, false]);
  });

  it('compares texts exactly (case and spaces count) and tests membership', () => {
    expect(bools(evaluate("c == 'a'", t))).toEqual([true, false, null, false, false]);
    expect(bools(evaluate("c < 'b'", t))).toEqual([true, true, null, true, false]);
    expect(bools(evaluate("c in ['a', 'b']", t))).toEqual([true, false, null, false, true]);
    expect(bools(evaluate("c not in ['a', 'b']", t))).toEqual([false, true, null, true, false]);
    expect(bools(evaluate('x in [1, 3, -2]', t))).toEqual([true, null, true, false, true]);
    expect(bools(evaluate('f == true', t))).toEqual([true, false, null, true, false]);
    expect(bools(evaluate('f in [false]', t))).toEqual([false, true, null, false, true]);
  });

  it('compares two text columns row by row', () => {
    const u = table(txt('a', ['x', 'y', null, 'z']), txt('b', ['x', 'x', 'x', 'zz']));
    expect(bools(evaluate('a == b', u))).toEqual([true, false, null, false]);
    expect(bools(evaluate('a < b', u))).toEqual([false, false, null, true]);
    expect(bools(evaluate('contains(b, a)', u))).toEqual([true, false, null, true]);
  });

  it('transforms texts per distinct value and merges equal results into one code', () => {
    const v = evaluate('upper(trim(c))', t);
    expect(strings(v)).toEqual(['A', 'B', null, 'A', 'B']);
    expect(v.type === 'string' && v.dictionary).toEqual(['A', 'B']);
    expect(numbers(evaluate('length(c)', t))).toEqual([1, 1, NaN, 3, 1]);
    expect(bools(evaluate("starts_with(c, ' ')", t))).toEqual([false, false, null, true, false]);
    expect(bools(evaluate("ends_with(lower(c), 'b')", t))).toEqual([false, true, null, false, true]);
    expect(strings(evaluate("replace(c, 'a', 'A!')", t))).toEqual(['A!', 'B', null, ' A! ', 'b']);
  });

  it('joins texts with concat, leaving missing parts out', () => {
    expect(strings(evaluate("concat(c, '-', x, '-', f)", t))).toEqual(['a-1-true', 'B--false', '-3-', ' a -0-true', 'b--2-false']);
    expect(strings(evaluate('concat(c)', t))).toEqual(['a', 'B', null, ' a ', 'b']);
    expect(strings(evaluate('text(d)', t))).toEqual(['2020-01-01', null, '2021-06-15T13:00:00.000Z', '1969-12-31T23:59:00.000Z', '2024-02-29']);
  });

  it('compares dates with quoted ISO dates and reads their parts in UTC', () => {
    expect(bools(evaluate("d >= '2021-01-01'", t))).toEqual([false, null, true, false, true]);
    expect(numbers(evaluate('year(d)', t))).toEqual([2020, NaN, 2021, 1969, 2024]);
    expect(numbers(evaluate('month(d) * 100 + day(d)', t))).toEqual([101, NaN, 615, 1231, 229]);
    expect(numbers(evaluate('hour(d)', t))).toEqual([0, NaN, 13, 23, 0]);
    expect(numbers(evaluate('minute(d)', t))).toEqual([0, NaN, 0, 59, 0]);
    // 2020-01-01 was a Wednesday, 2021-06-15 a Tuesday, 1969-12-31 a Wednesday, 2024-02-29 a Thursday.
    expect(numbers(evaluate('weekday(d)', t))).toEqual([2, NaN, 1, 2, 3]);
  });

  it('chooses with if(): a missing condition gives a missing result', () => {
    expect(strings(evaluate("if(x > 0, 'pos', 'neg')", t))).toEqual(['pos', null, 'pos', 'neg', 'neg']);
    expect(numbers(evaluate('if(x > 0, x, null)', t))).toEqual([1, NaN, 3, NaN, NaN]);
    expect(bools(evaluate('if(f, x > 0, true)', t))).toEqual([true, true, null, false, true]);
  });

  it('takes the first present value with coalesce(), and min/max skip missing', () => {
    expect(numbers(evaluate('coalesce(x, y, 0)', t))).toEqual([1, 2, 3, 0, -2]);
    expect(strings(evaluate("coalesce(c, 'none')", t))).toEqual(['a', 'B', 'none', ' a ', 'b']);
    expect(numbers(evaluate('min(x, y)', t))).toEqual([1, 2, 3, 0, -2]);
    expect(numbers(evaluate('max(x, y, 3)', t))).toEqual([3, 3, 3, 3, 4]);
  });

  it('converts with number(), text() and date()', () => {
    const u = table(txt('s', ['1.5', ' 2 ', 'abc', null, 'NA', '2020-02-03']));
    expect(numbers(evaluate('number(s)', u))).toEqual([1.5, 2, NaN, NaN, NaN, NaN]);
    expect(numbers(evaluate('date(s)', u))).toEqual([NaN, NaN, NaN, NaN, NaN, Date.UTC(2020, 1, 3)]);
    expect(strings(evaluate('text(x)', t))).toEqual(['1', null, '3', '0', '-2']);
    expect(numbers(evaluate('number(f)', t))).toEqual([1, 0, NaN, 1, 0]);
  });

  it('evaluates a constant expression for every row, on an empty table too', () => {
    expect(numbers(evaluate('1 + 2', t))).toEqual([3, 3, 3, 3, 3]);
    expect(numbers(evaluate('x * 2', table(num('x', []))))).toEqual([]);
  });

  it('makes table columns of the right type from results', () => {
    expect(vecToColumn(evaluate('x > 0', t), 'b', 5)).toMatchObject({ kind: 'numeric', type: 'boolean', values: Float64Array.of(1, NaN, 1, 0, 0) });
    const c = vecToColumn(evaluate("if(x > 0, 'p', 'n')", t), 's', 5);
    expect(c).toMatchObject({ kind: 'coded', type: 'categorical' });
    expect(vecToColumn(evaluate('null', t), 'z', 5)).toMatchObject({ kind: 'numeric', type: 'float' });
    expect(vecToColumn(evaluate('d', t), 'dd', 5).type).toBe('datetime');
  });
});
