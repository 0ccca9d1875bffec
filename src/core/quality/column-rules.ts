// Rules that judge each value of one column: not_null, unique, in_set, not_in_set, between, regex,
// length_between. As in Great Expectations, missing values are left out of every rule but not_null.

import { parseIsoDate } from '../parse/type-rules.ts';
import { cellText, type Column } from '../table/table.ts';
import { canonicalCodes, codePointLength, isPresent, textTest } from './column-access.ts';
import { FAIL, judgeRows, PASS, SKIP, type Budget, type Judgement, type Verdict } from './judge-rows.ts';
import { compileRegex } from './safe-regex.ts';
import { RuleProblem } from './rule-problem.ts';
import type { BetweenRule, Bound, InSetRule, LengthBetweenRule, NotInSetRule, NotNullRule, RegexRule, UniqueRule } from './types.ts';

export type ColumnRule = NotNullRule | UniqueRule | InSetRule | NotInSetRule | BetweenRule | RegexRule | LengthBetweenRule;

export function judgeColumnRule(rule: ColumnRule, column: Column, rows: number, budget: Budget): Judgement {
  const display = (row: number) => cellText(column, row);
  return judgeRows(rows, verdictOf(rule, column), display, budget);
}

function verdictOf(rule: ColumnRule, column: Column): (row: number) => Verdict {
  switch (rule.type) {
    case 'not_null':
      // The one rule that judges missing values, so it considers every row.
      return (r) => (isPresent(column, r) ? PASS : FAIL);
    case 'unique':
      return uniqueVerdict(column);
    case 'in_set':
    case 'not_in_set': {
      const member = membership(column, rule.values);
      const want = rule.type === 'in_set';
      return (r) => (!isPresent(column, r) ? SKIP : member(r) === want ? PASS : FAIL);
    }
    case 'between':
      return betweenVerdict(rule, column);
    case 'regex': {
      const regex = compileRegex(rule.pattern);
      const matches = textTest(column, (t) => regex.test(t));
      return (r) => (!isPresent(column, r) ? SKIP : matches(r) ? PASS : FAIL);
    }
    case 'length_between': {
      const min = rule.min ?? -Infinity;
      const max = rule.max ?? Infinity;
      const fits = textTest(column, (t) => {
        const n = codePointLength(t);
        return n >= min && n <= max;
      });
      return (r) => (!isPresent(column, r) ? SKIP : fits(r) ? PASS : FAIL);
    }
  }
}

/** Every copy of a value that occurs more than once fails (pandas' duplicated(keep=False), as GE). */
function uniqueVerdict(column: Column): (row: number) => Verdict {
  if (column.kind === 'coded') {
    const canonical = canonicalCodes(column);
    const counts = new Int32Array(column.dictionary.length);
    for (const code of column.codes) if (code >= 0) counts[canonical[code]]++;
    return (r) => {
      const code = column.codes[r];
      return code < 0 ? SKIP : counts[canonical[code]] > 1 ? FAIL : PASS;
    };
  }
  // A Map compares keys with SameValueZero: 0 and -0 are one value, as in pandas.
  const counts = new Map<number, number>();
  for (const v of column.values) if (!Number.isNaN(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  return (r) => {
    const v = column.values[r];
    return Number.isNaN(v) ? SKIP : (counts.get(v) as number) > 1 ? FAIL : PASS;
  };
}

/**
 * Whether a present value is in a list: equal as numbers to a numeric member, or equal as text to a member
 * written as text ("3" and 3 both find the category "3"; true finds the boolean true).
 */
function membership(column: Column, values: readonly (string | number | boolean)[]): (row: number) => boolean {
  const texts = new Set(values.map((v) => String(v)));
  if (column.kind === 'coded') return textTest(column, (t) => texts.has(t));
  const numbers = new Set(values.filter((v): v is number => typeof v === 'number'));
  return (r) => numbers.has(column.values[r]) || texts.has(cellText(column, r) as string);
}

function betweenVerdict(rule: BetweenRule, column: Column): (row: number) => Verdict {
  if (column.kind === 'coded') {
    throw new RuleProblem(`"between" compares numbers or dates, and "${column.name}" holds ${column.type} values. Use in_set, regex or length_between for text.`);
  }
  const lo = boundNumber(rule.min, column, 'min');
  const hi = boundNumber(rule.max, column, 'max');
  const values = column.values;
  const strictMin = rule.strict_min === true;
  const strictMax = rule.strict_max === true;
  return (r) => {
    const v = values[r];
    if (Number.isNaN(v)) return SKIP;
    const above = strictMin ? v > lo : v >= lo;
    const below = strictMax ? v < hi : v <= hi;
    return above && below ? PASS : FAIL;
  };
}

/** A bound as a number in the column's units (dates as ms since the epoch); absent bounds are infinite. */
function boundNumber(bound: Bound | null | undefined, column: Column, name: 'min' | 'max'): number {
  if (bound === undefined || bound === null) return name === 'min' ? -Infinity : Infinity;
  if (typeof bound === 'number') return bound;
  if (column.type !== 'datetime') {
    throw new RuleProblem(`"${name}" is a date (${bound}), but "${column.name}" holds ${column.type} values, not dates.`);
  }
  const ms = parseIsoDate(bound);
  if (ms === null) throw new RuleProblem(`"${name}" (${bound}) is not a date Lathe can read; write it as 2024-01-31 or 2024-01-31T12:00:00Z.`);
  return ms;
}
