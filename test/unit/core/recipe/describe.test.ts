import { describe, expect, it } from 'vitest';
import { describeStep, nameList, stepScope } from '../../../../src/core/recipe/describe.ts';
import type { Step } from '../../../../src/core/recipe/types.ts';

describe('describeStep', () => {
  it('says what each kind does in one sentence', () => {
    const cases: [Step, string][] = [
      [{ id: '1', kind: 'select', columns: ['a', 'b'] }, 'Keep only columns a and b'],
      [{ id: '1', kind: 'drop', columns: ['a'] }, 'Drop column a'],
      [{ id: '1', kind: 'rename', names: { a: 'x', b: 'y' } }, 'Rename a → x and b → y'],
      [{ id: '1', kind: 'cast', column: 'n', to: 'integer' }, 'Cast n to integer (integers)'],
      [{ id: '1', kind: 'filter', expression: ' x > 1 ' }, 'Keep rows where x > 1'],
      [{ id: '1', kind: 'impute', columns: ['income'], method: 'median' }, 'Fill missing values in income with the median'],
      [{ id: '1', kind: 'impute', columns: ['income'], method: 'median', fitted: { values: { income: 44.45 } } }, 'Fill missing values in income with the median (44.45)'],
      [{ id: '1', kind: 'impute', columns: ['c'], method: 'constant', value: 'none' }, 'Fill missing values in c with "none"'],
      [{ id: '1', kind: 'impute', columns: ['a', 'b', 'c', 'd'], method: 'ffill', infinite: true }, 'Fill missing and infinite values in a, b, c and 1 more with the previous value'],
      [{ id: '1', kind: 'outliers', columns: ['s'], method: 'iqr', factor: 1.5, action: 'clip' }, 'Clip s values outside Q1 − 1.5·IQR … Q3 + 1.5·IQR'],
      [
        { id: '1', kind: 'outliers', columns: ['s'], method: 'zscore', factor: 3, action: 'drop', fitted: { bounds: { s: { lower: -1, upper: 2.5 } } } },
        'Drop rows where s is more than 3 standard deviations from the mean [-1, 2.5]',
      ],
      [{ id: '1', kind: 'dedupe', columns: [], keep: 'first' }, 'Remove duplicate rows, keeping the first'],
      [{ id: '1', kind: 'dedupe', columns: ['a', 'b'], keep: 'last' }, 'Remove duplicate rows (same a and b), keeping the last'],
      [{ id: '1', kind: 'text', columns: ['c'], trim: true, collapse: true, case: 'lower', accents: false }, 'Trim, collapse spaces and lower-case in c'],
      [{ id: '1', kind: 'merge', column: 'city', auto: true, mapping: { a: 'b' } }, 'Merge look-alike values and 1 listed value in city'],
      [{ id: '1', kind: 'derive', name: 'r', expression: 'a / b' }, 'Set r = a / b'],
      [{ id: '1', kind: 'bin', column: 's', name: 'band', method: 'quantile', bins: 4 }, 'Bin s into 4 equal-count ranges as band'],
      [{ id: '1', kind: 'parse-dates', column: 'j', order: 'auto', fitted: { order: 'dmy' } }, 'Parse j as dates (day/month/year)'],
    ];
    for (const [step, text] of cases) expect(describeStep(step)).toBe(text);
  });

  it('lists names for a sentence', () => {
    expect(nameList([])).toBe('no columns');
    expect(nameList(['a', 'b', 'c'])).toBe('a, b and c');
  });
});

describe('stepScope', () => {
  it('marks the steps that remove rows (training only) apart from those serving must apply', () => {
    const rows: Step[] = [
      { id: '1', kind: 'filter', expression: 'x' },
      { id: '1', kind: 'dedupe', columns: [], keep: 'first' },
      { id: '1', kind: 'outliers', columns: ['s'], method: 'iqr', factor: 1.5, action: 'drop' },
    ];
    for (const s of rows) expect(stepScope(s)).toBe('rows');
    expect(stepScope({ id: '1', kind: 'outliers', columns: ['s'], method: 'iqr', factor: 1.5, action: 'clip' })).toBe('values');
    expect(stepScope({ id: '1', kind: 'impute', columns: ['s'], method: 'mean' })).toBe('values');
    expect(stepScope({ id: '1', kind: 'derive', name: 'a', expression: '1' })).toBe('values');
  });
});
