import { describe, expect, it } from 'vitest';
import { parseRule, parseSuite, parseSuiteText, ruleProblem, suiteJson } from '../../../../src/core/quality/parse-suite.ts';
import { RULE_TYPES } from '../../../../src/core/quality/rule-specs.ts';
import { userError } from '../../helpers/user-error.ts';

describe('parseSuiteText', () => {
  it('reads the format of the issue', () => {
    const suite = parseSuiteText(
      '{"rules": [{"type": "not_null", "column": "age", "mostly": 0.99}, {"type": "between", "column": "age", "min": 0, "max": 120}]}',
    );
    expect(suite).toEqual({
      rules: [
        { type: 'not_null', column: 'age', mostly: 0.99 },
        { type: 'between', column: 'age', min: 0, max: 120 },
      ],
    });
  });

  it('round-trips every rule type through suiteJson', () => {
    const rules = [
      { type: 'column_exists', column: 'a' },
      { type: 'not_null', column: 'a', mostly: 0.5 },
      { type: 'unique', column: 'a' },
      { type: 'in_set', column: 'a', values: ['x', 1, true] },
      { type: 'not_in_set', column: 'a', values: ['y'], mostly: 1 },
      { type: 'between', column: 'a', min: '2020-01-01', max: '2020-12-31', strict_max: true },
      { type: 'regex', column: 'a', pattern: '^[A-Z]{2}-\\d+$' },
      { type: 'length_between', column: 'a', min: 1, max: 3, mostly: 0.9 },
      { type: 'row_count_between', min: 1 },
      { type: 'mean_between', column: 'a', min: -1.5, max: 2 },
      { type: 'median_between', column: 'a', max: 2, strict_min: false },
      { type: 'std_between', column: 'a', min: 0 },
      { type: 'distinct_count_between', column: 'a', min: 1, max: 1 },
      { type: 'compound_unique', columns: ['a', 'b'], ignore_row_if: 'never' },
      { type: 'column_pair_greater', column: 'b', other: 'a', or_equal: true, ignore_row_if: 'neither', mostly: 0.75 },
    ];
    expect(new Set(rules.map((r) => r.type))).toEqual(new Set(RULE_TYPES));
    const suite = parseSuite({ rules });
    expect(suite.rules).toEqual(rules);
    expect(parseSuiteText(suiteJson(suite))).toEqual(suite);
  });

  it('treats a null bound as absent', () => {
    expect(parseRule({ type: 'between', column: 'a', min: null, max: 3 }, 0)).toEqual({ type: 'between', column: 'a', max: 3 });
  });
});

describe('errors name the rule (from 1) and the field', () => {
  const message = (value: unknown) => userError(() => parseSuite(value)).message;
  const ruleMessage = (rule: unknown, index = 2) => userError(() => parseRule(rule, index));

  it('the outer shape', () => {
    expect(userError(() => parseSuiteText('{"rules": [')).message).toMatch(/^The rules are not valid JSON: /);
    expect(userError(() => parseSuiteText('{}', 'rules.json')).message).toBe('rules.json must be a JSON object with a "rules" list.');
    expect(message([])).toMatch(/"rules" list/);
    expect(message({ rules: [], expectations: [] })).toBe('The rules have an unknown field "expectations" beside "rules".');
  });

  it('type', () => {
    expect(ruleMessage({ column: 'a' }).message).toBe('Rule 3 has no "type".');
    const typo = ruleMessage({ type: 'betwen', column: 'a' });
    expect(typo.message).toBe('Rule 3 has an unknown type "betwen".');
    expect(typo.hint).toMatch(/^Did you mean "between"\?/);
    expect(ruleMessage('not_null').message).toMatch(/^Rule 3 must be an object/);
  });

  it('fields', () => {
    expect(ruleMessage({ type: 'not_null' }).message).toBe('Rule 3 (not_null) needs "column".');
    expect(ruleMessage({ type: 'not_null', column: 7 }).message).toBe('Rule 3 (not_null): "column" must be a column name, not 7.');
    expect(ruleMessage({ type: 'not_null', column: 'a', mostly: 1.5 }).message).toBe('Rule 3 (not_null): "mostly" must be a number from 0 to 1, not 1.5.');
    expect(ruleMessage({ type: 'between', column: 'a', min: 'ten' }).message).toMatch(/^Rule 3 \(between\): "min" must be a number, or a date/);
    expect(ruleMessage({ type: 'between', column: 'a' }).message).toBe('Rule 3 (between) needs "min", "max" or both.');
    expect(ruleMessage({ type: 'between', column: 'a', min: 5, max: 1 }).message).toBe('Rule 3 (between): "min" (5) is above "max" (1).');
    expect(ruleMessage({ type: 'between', column: 'a', min: 0, max: '2020-01-01' }).message).toMatch(/both be numbers or both be dates/);
    expect(ruleMessage({ type: 'length_between', column: 'a', min: 1.5 }).message).toMatch(/"min" must be a whole number/);
    expect(ruleMessage({ type: 'in_set', column: 'a', values: [] }).message).toMatch(/"values" must be a list of at least one value/);
    expect(ruleMessage({ type: 'in_set', column: 'a', values: [{}] }).message).toMatch(/"values" may hold strings, numbers and true\/false/);
    expect(ruleMessage({ type: 'compound_unique', columns: ['a', 'a'] }).message).toMatch(/"columns" names "a" twice/);
    expect(ruleMessage({ type: 'column_pair_greater', column: 'a', other: 'b', ignore_row_if: 'always' }).message).toMatch(
      /"ignore_row_if" must be one of "both_values_are_missing"/,
    );
    expect(ruleMessage({ type: 'regex', column: 'a', pattern: 'a(?=b)' }).message).toMatch(
      /^Rule 3 \(regex\): the pattern "a\(\?=b\)" cannot be used: look-around such as "\(\?=…\)" is not supported\.$/,
    );
  });

  it('unknown fields, with a suggestion, and mostly on a figure rule', () => {
    const typo = ruleMessage({ type: 'between', column: 'a', min: 0, maxx: 3 });
    expect(typo.message).toBe('Rule 3 (between) has an unknown field "maxx".');
    expect(typo.hint).toMatch(/Did you mean "max"\?/);
    const mostly = ruleMessage({ type: 'mean_between', column: 'a', min: 0, mostly: 0.9 });
    expect(mostly.message).toBe('Rule 3 (mean_between) has an unknown field "mostly".');
    expect(mostly.hint).toMatch(/mean_between judges one figure/);
  });

  it('a suite names the first bad rule', () => {
    expect(message({ rules: [{ type: 'not_null', column: 'a' }, { type: 'unique' }] })).toBe('Rule 2 (unique) needs "column".');
  });

  it('ruleProblem gives the message without throwing', () => {
    expect(ruleProblem({ type: 'unique', column: 'a' }, 0)).toBeUndefined();
    expect(ruleProblem({ type: 'unique', column: '' }, 4)).toBe('Rule 5 (unique): "column" must be a column name, not "".');
  });
});
