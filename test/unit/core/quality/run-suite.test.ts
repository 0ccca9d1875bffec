import { describe, expect, it } from 'vitest';
import { runSuite } from '../../../../src/core/quality/run-suite.ts';
import { MAX_EXAMPLES, type Rule, type RuleResult } from '../../../../src/core/quality/types.ts';
import type { CodedColumn, NumericColumn, Table } from '../../../../src/core/table/table.ts';

// Small tables built by hand; every expected figure below is counted from the values written here.

function num(name: string, values: (number | null)[], type: NumericColumn['type'] = 'float'): NumericColumn {
  return { kind: 'numeric', name, type, values: Float64Array.from(values, (v) => (v === null ? NaN : v)) };
}
function cat(name: string, values: (string | null)[], type: CodedColumn['type'] = 'categorical'): CodedColumn {
  const dictionary: string[] = [];
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let k = dictionary.indexOf(v);
    if (k < 0) k = dictionary.push(v) - 1;
    return k;
  });
  return { kind: 'coded', name, type, codes, dictionary };
}
function tableOf(...columns: (NumericColumn | CodedColumn)[]): Table {
  return { rowCount: columns[0]?.kind === 'numeric' ? columns[0].values.length : (columns[0]?.codes.length ?? 0), columns };
}
const one = (table: Table, rule: Rule): RuleResult => runSuite(table, { rules: [rule] }).results[0];

describe('mostly (GE: share of the values considered that pass)', () => {
  const t = tableOf(num('x', [1, 2, 3, 4, 5, 6, 7, 8, 9, 100]));
  it('passes exactly at the threshold and fails just above it', () => {
    expect(one(t, { type: 'between', column: 'x', min: 0, max: 10, mostly: 0.9 }).success).toBe(true);
    expect(one(t, { type: 'between', column: 'x', min: 0, max: 10, mostly: 0.91 }).success).toBe(false);
    expect(one(t, { type: 'between', column: 'x', min: 0, max: 10 }).success).toBe(false);
    expect(one(t, { type: 'between', column: 'x', min: 0, max: 10, mostly: 0 }).success).toBe(true);
  });
  it('counts over present values only, except for not_null', () => {
    const gaps = tableOf(num('x', [1, null, null, 50, 2]));
    const r = one(gaps, { type: 'between', column: 'x', min: 0, max: 10 });
    expect(r).toMatchObject({ considered: 3, unexpectedCount: 1, success: false });
    expect(r.observed).toBeCloseTo(2 / 3, 15);
    expect(r.unexpectedPercent).toBeCloseTo(100 / 3, 12);
    expect(r.examples).toEqual([{ row: 3, value: '50' }]);
    const nn = one(gaps, { type: 'not_null', column: 'x', mostly: 0.6 });
    expect(nn).toMatchObject({ considered: 5, unexpectedCount: 2, success: true, observed: 0.6 });
    expect(nn.examples).toEqual([
      { row: 1, value: null },
      { row: 2, value: null },
    ]);
  });
});

describe('each value rules', () => {
  it('unique: every copy of a repeated value fails, missing values are not repeats, 0 and -0 are one value', () => {
    const t = tableOf(num('x', [1, 2, 2, null, null, 0, -0, 3]), cat('c', ['a', 'b', 'a', null, null, 'c', 'd', 'e']));
    const x = one(t, { type: 'unique', column: 'x' });
    expect(x).toMatchObject({ considered: 6, unexpectedCount: 4 });
    expect(x.examples.map((e) => e.row)).toEqual([1, 2, 5, 6]);
    const c = one(t, { type: 'unique', column: 'c' });
    expect(c).toMatchObject({ considered: 6, unexpectedCount: 2 });
    expect(c.examples).toEqual([
      { row: 0, value: 'a' },
      { row: 2, value: 'a' },
    ]);
  });

  it('unique: two dictionary entries with the same text are one value', () => {
    const column: CodedColumn = { kind: 'coded', name: 'c', type: 'categorical', codes: Int32Array.from([0, 1, 2]), dictionary: ['a', 'a', 'b'] };
    expect(one(tableOf(column), { type: 'unique', column: 'c' }).unexpectedCount).toBe(2);
  });

  it('in_set / not_in_set: numbers match numbers, texts match texts, booleans match true/false', () => {
    const t = tableOf(num('n', [1, 2, 3, null]), cat('c', ['1', 'x', 'y', null]), num('b', [1, 0, 1, null], 'boolean'));
    expect(one(t, { type: 'in_set', column: 'n', values: [1, '2'] })).toMatchObject({ considered: 3, unexpectedCount: 1 });
    expect(one(t, { type: 'in_set', column: 'c', values: [1, 'x'] })).toMatchObject({ considered: 3, unexpectedCount: 1 });
    expect(one(t, { type: 'in_set', column: 'b', values: [true] })).toMatchObject({ considered: 3, unexpectedCount: 1 });
    const not = one(t, { type: 'not_in_set', column: 'c', values: ['x', 'y'] });
    expect(not).toMatchObject({ considered: 3, unexpectedCount: 2 });
    expect(not.examples).toEqual([
      { row: 1, value: 'x' },
      { row: 2, value: 'y' },
    ]);
  });

  it('between: inclusive by default, strict on request, one-sided, infinities are values', () => {
    const t = tableOf(num('x', [0, 5, 10, Infinity, -Infinity, null]));
    expect(one(t, { type: 'between', column: 'x', min: 0, max: 10 }).unexpectedCount).toBe(2);
    expect(one(t, { type: 'between', column: 'x', min: 0, max: 10, strict_min: true }).unexpectedCount).toBe(3);
    expect(one(t, { type: 'between', column: 'x', min: 0, max: 10, strict_min: true, strict_max: true }).unexpectedCount).toBe(4);
    expect(one(t, { type: 'between', column: 'x', min: 5 }).unexpectedCount).toBe(2);
    expect(one(t, { type: 'between', column: 'x', max: 5 }).unexpectedCount).toBe(2);
  });

  it('between on dates: bounds written as ISO dates, in UTC', () => {
    const day = (s: string) => Date.parse(s + 'T00:00:00Z');
    const t = tableOf(num('d', [day('2023-01-01'), day('2023-06-30'), day('2024-01-01'), null], 'datetime'));
    const r = one(t, { type: 'between', column: 'd', min: '2023-01-01', max: '2023-12-31' });
    expect(r).toMatchObject({ considered: 3, unexpectedCount: 1, examples: [{ row: 2, value: '2024-01-01' }] });
    expect(one(t, { type: 'between', column: 'd', min: '2023-01-01T00:00:01Z' }).unexpectedCount).toBe(1);
  });

  it('between says why it cannot judge text, or a date bound on numbers', () => {
    const t = tableOf(cat('c', ['a']), num('x', [1]));
    expect(one(t, { type: 'between', column: 'c', min: 0 }).error).toMatch(/"c" holds categorical values/);
    expect(one(t, { type: 'between', column: 'x', min: '2020-01-01' }).error).toMatch(/"min" is a date .* not dates/);
  });

  it('regex searches (not a full match) unless anchored; numbers are matched as shown', () => {
    const t = tableOf(cat('c', ['cat', 'hat', 'aa', 'fish', 'dog', null]));
    const n = tableOf(num('n', [10, 21, 1.5]));
    // GE's own example: "[at]+" finds cat, hat, aa and not fish, dog.
    const r = one(t, { type: 'regex', column: 'c', pattern: '[at]+' });
    expect(r).toMatchObject({ considered: 5, unexpectedCount: 2 });
    expect(r.examples.map((e) => e.value)).toEqual(['fish', 'dog']);
    expect(one(t, { type: 'regex', column: 'c', pattern: '^at$' }).unexpectedCount).toBe(5);
    expect(one(n, { type: 'regex', column: 'n', pattern: '^1' }).unexpectedCount).toBe(1);
    expect(one(n, { type: 'regex', column: 'n', pattern: '\\.5$' }).unexpectedCount).toBe(2);
  });

  it('regex: a pattern that stalls backtracking engines finishes quickly', () => {
    const t = tableOf(cat('c', ['a'.repeat(3000) + '!', 'aaa']));
    const started = performance.now();
    const r = one(t, { type: 'regex', column: 'c', pattern: '^(a+)+$' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r).toMatchObject({ considered: 2, unexpectedCount: 1 });
  });

  it('length_between counts code points, as Python does', () => {
    const t = tableOf(cat('c', ['ab', 'abc', 'é', '🐧🐧', 'abcdef', null]));
    const r = one(t, { type: 'length_between', column: 'c', min: 2, max: 3 });
    expect(r).toMatchObject({ considered: 5, unexpectedCount: 2 });
    expect(r.examples.map((e) => e.value)).toEqual(['é', 'abcdef']);
  });

  it('keeps at most 20 failing examples, in row order, while counting them all', () => {
    const values = Array.from({ length: 50 }, (_, i) => i);
    const r = one(tableOf(num('x', values)), { type: 'between', column: 'x', max: 9 });
    expect(r.unexpectedCount).toBe(40);
    expect(r.examples).toHaveLength(MAX_EXAMPLES);
    expect(r.examples[0]).toEqual({ row: 10, value: '10' });
    expect(r.examples[19]).toEqual({ row: 29, value: '29' });
  });
});

describe('rules across columns', () => {
  const t = tableOf(cat('a', ['x', 'x', 'y', null, null, 'x']), num('b', [1, 1, 1, null, null, null]));
  it('compound_unique: ignores rows where all are missing by default; missing values compare equal', () => {
    const r = one(t, { type: 'compound_unique', columns: ['a', 'b'] });
    expect(r).toMatchObject({ considered: 4, unexpectedCount: 2 });
    expect(r.examples).toEqual([
      { row: 0, value: 'x, 1' },
      { row: 1, value: 'x, 1' },
    ]);
    expect(one(t, { type: 'compound_unique', columns: ['a', 'b'], ignore_row_if: 'never' })).toMatchObject({ considered: 6, unexpectedCount: 4 });
    expect(one(t, { type: 'compound_unique', columns: ['a', 'b'], ignore_row_if: 'any_value_is_missing' })).toMatchObject({
      considered: 3,
      unexpectedCount: 2,
    });
  });

  it('column_pair_greater: both missing are ignored, one missing fails, or_equal lets ties pass', () => {
    const p = tableOf(num('end', [5, 3, 3, null, 4, null]), num('start', [1, 3, 4, null, null, 2]));
    const r = one(p, { type: 'column_pair_greater', column: 'end', other: 'start' });
    expect(r).toMatchObject({ considered: 5, unexpectedCount: 4 });
    expect(r.examples.map((e) => e.value)).toEqual(['3 vs 3', '3 vs 4', '4 vs missing', 'missing vs 2']);
    expect(one(p, { type: 'column_pair_greater', column: 'end', other: 'start', or_equal: true }).unexpectedCount).toBe(3);
    expect(one(p, { type: 'column_pair_greater', column: 'end', other: 'start', ignore_row_if: 'either_value_is_missing' })).toMatchObject({
      considered: 3,
      unexpectedCount: 2,
    });
    expect(one(p, { type: 'column_pair_greater', column: 'end', other: 'start', ignore_row_if: 'neither' }).considered).toBe(6);
  });

  it('column_pair_greater refuses text and a date against a number', () => {
    const q = tableOf(cat('c', ['a']), num('n', [1]), num('d', [0], 'datetime'));
    expect(one(q, { type: 'column_pair_greater', column: 'c', other: 'n' }).error).toMatch(/"c" holds categorical/);
    expect(one(q, { type: 'column_pair_greater', column: 'd', other: 'n' }).error).toMatch(/cannot be compared/);
  });
});

describe('rules on one figure', () => {
  const t = tableOf(num('x', [1, 2, 3, 4, null]), cat('c', ['a', 'b', 'a', null, null]));
  it('row count, mean, median, std, distinct count with inclusive and strict bounds', () => {
    expect(one(t, { type: 'row_count_between', min: 5, max: 5 })).toMatchObject({ success: true, observed: 5, unexpectedCount: null });
    expect(one(t, { type: 'row_count_between', min: 5, strict_min: true }).success).toBe(false);
    expect(one(t, { type: 'mean_between', column: 'x', min: 2.5, max: 2.5 })).toMatchObject({ success: true, observed: 2.5 });
    expect(one(t, { type: 'median_between', column: 'x', max: 2.5, strict_max: true })).toMatchObject({ success: false, observed: 2.5 });
    // Sample std of 1..4: sqrt(5/3).
    const std = one(t, { type: 'std_between', column: 'x', min: 1.29, max: 1.3 });
    expect(std.success).toBe(true);
    expect(std.observed).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(one(t, { type: 'distinct_count_between', column: 'c', min: 2, max: 2 })).toMatchObject({ success: true, observed: 2 });
    expect(one(t, { type: 'distinct_count_between', column: 'x', min: 5 })).toMatchObject({ success: false, observed: 4 });
  });

  it('says why a figure cannot be computed', () => {
    expect(one(t, { type: 'mean_between', column: 'c', min: 0 }).error).toMatch(/needs numbers, and "c" holds categorical/);
    const single = tableOf(num('x', [7, null]));
    expect(one(single, { type: 'std_between', column: 'x', min: 0 })).toMatchObject({ success: false, observed: null });
    expect(one(single, { type: 'std_between', column: 'x', min: 0 }).error).toMatch(/at least 2 values/);
  });
});

describe('empty tables and all-missing columns', () => {
  const empty = tableOf(num('x', []), cat('c', []));
  it('each-value rules pass vacuously with nothing to consider (GE)', () => {
    for (const rule of [
      { type: 'not_null', column: 'x' },
      { type: 'unique', column: 'c' },
      { type: 'between', column: 'x', min: 0 },
      { type: 'regex', column: 'c', pattern: 'a' },
      { type: 'compound_unique', columns: ['x', 'c'] },
    ] as Rule[]) {
      expect(one(empty, rule), rule.type).toMatchObject({ success: true, considered: 0, observed: null, unexpectedPercent: null });
    }
  });
  it('figures of an empty column fail with a reason; row count is 0', () => {
    expect(one(empty, { type: 'row_count_between', min: 1 })).toMatchObject({ success: false, observed: 0 });
    expect(one(empty, { type: 'mean_between', column: 'x', min: 0 }).error).toMatch(/no values/);
    expect(one(empty, { type: 'distinct_count_between', column: 'c', max: 0 })).toMatchObject({ success: true, observed: 0 });
  });
  it('an all-missing column fails not_null and passes value rules vacuously', () => {
    const t = tableOf(num('x', [null, null, null]));
    expect(one(t, { type: 'not_null', column: 'x' })).toMatchObject({ success: false, considered: 3, unexpectedCount: 3, observed: 0 });
    expect(one(t, { type: 'between', column: 'x', min: 0 })).toMatchObject({ success: true, considered: 0 });
    expect(one(t, { type: 'median_between', column: 'x', min: 0 }).error).toMatch(/no values/);
  });
});

describe('a rule that cannot run fails alone, with a message', () => {
  const t = tableOf(num('Body Mass (g)', [3000, 4000]), cat('Species', ['Adelie', 'Gentoo']));
  it('a missing column: the rule fails saying so, the others still run', () => {
    const result = runSuite(t, {
      rules: [
        { type: 'not_null', column: 'body mass' },
        { type: 'between', column: 'Body Mass (g)', min: 0 },
        { type: 'column_exists', column: 'wings' },
        { type: 'compound_unique', columns: ['Species', 'island'] },
        { type: 'column_pair_greater', column: 'Body Mass (g)', other: 'height' },
      ],
    });
    expect(result.results.map((r) => r.success)).toEqual([false, true, false, false, false]);
    expect(result.results[0].error).toBe('Column "body mass" is not in the data. Its columns: "Body Mass (g)", "Species".');
    expect(result.results[2]).toMatchObject({ observed: 0, error: 'Column "wings" is not in the data. Its columns: "Body Mass (g)", "Species".' });
    expect(result.results[3].error).toMatch(/Column "island" is not in the data/);
    expect(result.results[4].error).toMatch(/Column "height" is not in the data/);
    expect(result).toMatchObject({ passed: 1, failed: 4, success: false, rows: 2 });
  });
  it('a column that differs only in case or spacing is named', () => {
    expect(one(t, { type: 'not_null', column: 'species' }).error).toBe('Column "species" is not in the data. Did you mean "Species"?');
  });
  it('a half-edited rule in a config fails with the parser’s message', () => {
    const r = one(t, { type: 'between', column: 'Body Mass (g)' } as Rule);
    expect(r).toMatchObject({ success: false, error: 'Rule 1 (between) needs "min", "max" or both.' });
    const bad = one(t, { type: 'regex', column: 'Species', pattern: '(a)\\1' });
    expect(bad.error).toMatch(/back-references/);
  });
  it('a rule past its time budget stops with how far it got', () => {
    let clock = 0;
    const rows = 5000;
    const big = tableOf(num('x', Array.from({ length: rows }, (_, i) => i)));
    // Each reading of the clock moves it 1 s on; the budget is 2.5 s.
    const result = runSuite(big, { rules: [{ type: 'not_null', column: 'x' }, { type: 'row_count_between', min: 1 }] }, { budgetMs: 2500, now: () => (clock += 1000) });
    expect(result.results[0].success).toBe(false);
    expect(result.results[0].error).toBe('Stopped after 3,072 of 5,000 rows: the rule took longer than 2.5 s.');
    expect(result.results[1].success).toBe(true);
  });
});
