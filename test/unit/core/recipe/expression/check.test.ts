import { describe, expect, it } from 'vitest';
import { checkExpression, quoteName } from '../../../../../src/core/recipe/expression/check.ts';
import { ExpressionError } from '../../../../../src/core/recipe/expression/errors.ts';
import type { ColumnInfo } from '../../../../../src/core/recipe/types.ts';

const COLUMNS: ColumnInfo[] = [
  { name: 'age', type: 'integer' },
  { name: 'income', type: 'float' },
  { name: 'city', type: 'categorical' },
  { name: 'signup', type: 'datetime' },
  { name: 'flag', type: 'boolean' },
  { name: 'Body Mass (g)', type: 'float' },
];

function error(text: string): ExpressionError {
  try {
    checkExpression(text, COLUMNS);
  } catch (err) {
    if (err instanceof ExpressionError) return err;
    throw err;
  }
  throw new Error(`no error for ${text}`);
}

describe('checkExpression', () => {
  it('gives the result type and the columns read', () => {
    expect(checkExpression('age * 2 + income', COLUMNS)).toMatchObject({ type: 'number', columns: ['age', 'income'] });
    expect(checkExpression("city == 'Paris' and flag", COLUMNS).type).toBe('bool');
    expect(checkExpression('upper(city)', COLUMNS).type).toBe('string');
    expect(checkExpression('year(signup)', COLUMNS).type).toBe('number');
    expect(checkExpression("signup > '2020-01-01'", COLUMNS).type).toBe('bool');
    expect(checkExpression("signup in ['2020-01-01', '2021-01-01']", COLUMNS).type).toBe('bool');
    expect(checkExpression('if(age > 60, null, income)', COLUMNS).type).toBe('number');
    expect(checkExpression('coalesce(null, city)', COLUMNS).type).toBe('string');
    expect(checkExpression('`Body Mass (g)` / 1000', COLUMNS).columns).toEqual(['Body Mass (g)']);
    expect(checkExpression('concat(city, age, flag)', COLUMNS).type).toBe('string');
    expect(checkExpression('null', COLUMNS).type).toBe('null');
  });

  it('names a missing column and suggests the close one, with its backticks', () => {
    const e = error('bodymass > 3');
    expect(e.message).toBe('There is no column named "bodymass" (character 1)');
    expect(e.hint).toBe('Did you mean `Body Mass (g)`?');
    expect(error('Age > 3').hint).toBe('Did you mean age?');
    expect(error('incme > 3').hint).toBe('Did you mean income?');
    expect(error('zzz > 3').hint).toMatch(/backticks/);
  });

  it('rejects type mistakes at the place they are made', () => {
    expect(error("age > 'old'").message).toMatch(/Cannot compare a number with a text \(character 1\)/);
    const plus = error("age + city");
    expect(plus.message).toMatch(/"\+" adds numbers/);
    expect(plus.position).toBe(6);
    expect(error('age and flag').message).toMatch(/"and" joins conditions/);
    expect(error('not age').message).toMatch(/"not" needs a condition/);
    expect(error('-city').message).toMatch(/"-" needs a number/);
    expect(error('age == null').hint).toMatch(/is null/);
    expect(error('age + null').hint).toMatch(/coalesce/);
    expect(error('flag < true').message).toMatch(/does not order/);
    expect(error("signup > 'soon'").message).toMatch(/"soon" is not a date/);
    expect(error('signup > city').message).toMatch(/date written in quotes/);
    expect(error("age in [1, 'a']").message).toMatch(/list item is a text/);
    expect(error('age in [1, null]').hint).toMatch(/is null/);
  });

  it('checks function names, argument counts and types', () => {
    expect(error('lg(age)').hint).toBe('Did you mean log()?');
    expect(error('log(age, 2)').message).toMatch(/log\(\) takes 1 argument, not 2/);
    expect(error('round()').message).toMatch(/takes 1 or 2 arguments, not 0/);
    expect(error('coalesce()').message).toMatch(/at least 1/);
    const e = error('lower(age)');
    expect(e.message).toMatch(/lower\(\) takes a text here, not a number \(character 7\)/);
    expect(e.hint).toBe('Write lower(text).');
    expect(error('year(age)').message).toMatch(/year\(\) takes a date/);
    expect(error('if(age, 1, 2)').message).toMatch(/needs a condition/);
    expect(error("if(flag, 1, 'a')").message).toMatch(/one type/);
    expect(error('min(age, city)').message).toMatch(/min\(\) takes a number or a date, not a text/);
  });
});

describe('quoteName', () => {
  it('leaves plain names bare and backticks the rest', () => {
    expect(quoteName('age')).toBe('age');
    expect(quoteName('Body Mass (g)')).toBe('`Body Mass (g)`');
    expect(quoteName('and')).toBe('`and`');
    expect(quoteName('a`b')).toBe('`a``b`');
    expect(quoteName('2x')).toBe('`2x`');
  });
});
