import { describe, expect, it } from 'vitest';
import { observedText, ruleLabel } from '../../../../src/core/quality/describe.ts';
import type { RuleResult } from '../../../../src/core/quality/types.ts';

describe('ruleLabel', () => {
  it('says each rule in one line', () => {
    expect(ruleLabel({ type: 'between', column: 'age', min: 0, max: 120 })).toBe('0 ≤ "age" ≤ 120');
    expect(ruleLabel({ type: 'between', column: 'age', min: 0, strict_min: true })).toBe('"age" > 0');
    expect(ruleLabel({ type: 'between', column: 'age', max: 1200, strict_max: true, mostly: 0.95 })).toBe('"age" < 1,200 (≥ 95% of values)');
    expect(ruleLabel({ type: 'not_null', column: 'Sex', mostly: 0.97 })).toBe('"Sex" is not null (≥ 97% of values)');
    expect(ruleLabel({ type: 'not_null', column: 'Sex', mostly: 1 })).toBe('"Sex" is not null');
    expect(ruleLabel({ type: 'in_set', column: 'c', values: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] })).toBe('"c" in {a, b, c, d, e, +2 more}');
    expect(ruleLabel({ type: 'row_count_between', min: 309, max: 379 })).toBe('309 ≤ row count ≤ 379');
    expect(ruleLabel({ type: 'compound_unique', columns: ['a', 'b'] })).toBe('("a", "b") unique together');
    expect(ruleLabel({ type: 'column_pair_greater', column: 'end', other: 'start', or_equal: true })).toBe('"end" ≥ "start"');
    expect(ruleLabel({ type: 'regex', column: 'code', pattern: '^[A-Z]+$' })).toBe('"code" matches /^[A-Z]+$/');
    expect(ruleLabel({ type: 'between', column: 'd', min: '2024-01-01' })).toBe('"d" ≥ 2024-01-01');
  });
});

describe('observedText', () => {
  const base = { examples: [], considered: null, unexpectedCount: null, unexpectedPercent: null };
  it('shares for each-value rules, never rounding a failure up to 100%', () => {
    const r: RuleResult = { ...base, rule: { type: 'not_null', column: 'x' }, success: false, observed: 9999 / 10000, considered: 10000, unexpectedCount: 1, unexpectedPercent: 0.01 };
    expect(observedText(r)).toBe('99.9% pass (1 of 10,000 fail)');
    expect(observedText({ ...r, observed: 1, unexpectedCount: 0, success: true })).toBe('all 10,000 pass');
    expect(observedText({ ...r, observed: null, considered: 0, unexpectedCount: 0 })).toBe('no values to check');
  });
  it('figures, presence, and errors', () => {
    expect(observedText({ ...base, rule: { type: 'mean_between', column: 'x', min: 0 }, success: true, observed: 4201.754386 })).toBe('mean 4,201.75');
    expect(observedText({ ...base, rule: { type: 'column_exists', column: 'x' }, success: false, observed: 0 })).toBe('missing');
    expect(observedText({ ...base, rule: { type: 'not_null', column: 'x' }, success: false, observed: null, error: 'Column "x" is not in the data.' })).toBe(
      'Column "x" is not in the data.',
    );
  });
});
