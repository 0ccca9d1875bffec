// Rules and results in words, shared by the Quality cell and `lathe check`: "0 ≤ "age" ≤ 120", "96.8% pass".

import type { Rule, RuleResult, SetValue } from './types.ts';

const SHOWN_VALUES = 5;

/** A figure for people: grouped digits, at most 6 significant digits. */
export function formatFigure(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '—' : v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e12 || a < 1e-4)) return v.toExponential(3);
  return v.toLocaleString('en-US', { maximumSignificantDigits: Number.isInteger(v) && a < 1e12 ? 21 : 6 });
}

const quoted = (name: string): string => `"${name}"`;
const bound = (b: number | string): string => (typeof b === 'number' ? formatFigure(b) : b);

function range(subject: string, r: { min?: number | string | null; max?: number | string | null; strict_min?: boolean; strict_max?: boolean }): string {
  const lo = r.min ?? undefined;
  const hi = r.max ?? undefined;
  const lt = (strict: boolean | undefined) => (strict ? '<' : '≤');
  if (lo !== undefined && hi !== undefined) return `${bound(lo)} ${lt(r.strict_min)} ${subject} ${lt(r.strict_max)} ${bound(hi)}`;
  if (lo !== undefined) return `${subject} ${r.strict_min ? '>' : '≥'} ${bound(lo)}`;
  if (hi !== undefined) return `${subject} ${lt(r.strict_max)} ${bound(hi)}`;
  return subject;
}

function valueList(values: readonly SetValue[]): string {
  const shown = values.slice(0, SHOWN_VALUES).map((v) => (typeof v === 'string' ? v : String(v)));
  const more = values.length - shown.length;
  return `{${shown.join(', ')}${more > 0 ? `, +${more} more` : ''}}`;
}

/** The rule as one line, e.g. `"Sex" is not null (≥ 96%)`. */
export function ruleLabel(rule: Rule): string {
  const base = ruleBody(rule);
  const mostly = 'mostly' in rule && rule.mostly !== undefined && rule.mostly < 1 ? ` (≥ ${formatFigure(rule.mostly * 100)}% of values)` : '';
  return base + mostly;
}

function ruleBody(rule: Rule): string {
  switch (rule.type) {
    case 'column_exists':
      return `${quoted(rule.column)} exists`;
    case 'not_null':
      return `${quoted(rule.column)} is not null`;
    case 'unique':
      return `${quoted(rule.column)} is unique`;
    case 'in_set':
      return `${quoted(rule.column)} in ${valueList(rule.values)}`;
    case 'not_in_set':
      return `${quoted(rule.column)} not in ${valueList(rule.values)}`;
    case 'between':
      return range(quoted(rule.column), rule);
    case 'regex':
      return `${quoted(rule.column)} matches /${rule.pattern}/`;
    case 'length_between':
      return range(`length of ${quoted(rule.column)}`, rule);
    case 'row_count_between':
      return range('row count', rule);
    case 'mean_between':
      return range(`mean of ${quoted(rule.column)}`, rule);
    case 'median_between':
      return range(`median of ${quoted(rule.column)}`, rule);
    case 'std_between':
      return range(`std of ${quoted(rule.column)}`, rule);
    case 'distinct_count_between':
      return range(`distinct values of ${quoted(rule.column)}`, rule);
    case 'compound_unique':
      return `(${rule.columns.map(quoted).join(', ')}) unique together`;
    case 'column_pair_greater':
      return `${quoted(rule.column)} ${rule.or_equal ? '≥' : '>'} ${quoted(rule.other)}`;
  }
}

/** What was observed, in words: "96.8% pass (11 of 344 fail)", "mean 4,201.75", "missing". */
export function observedText(result: RuleResult): string {
  const { rule, observed } = result;
  if (result.error) return result.error;
  if (rule.type === 'column_exists') return observed === 1 ? 'present' : 'missing';
  if (result.considered !== null) {
    const n = result.considered;
    const bad = result.unexpectedCount ?? 0;
    if (n === 0) return 'no values to check';
    if (bad === 0) return `all ${formatFigure(n)} pass`;
    // Rounded down, so a rule with any failure never reads "100.0% pass".
    const share = Math.floor((observed ?? 0) * 1000 + 1e-9) / 10;
    return `${share.toFixed(1)}% pass (${formatFigure(bad)} of ${formatFigure(n)} fail)`;
  }
  const name: Partial<Record<Rule['type'], string>> = {
    row_count_between: 'rows',
    mean_between: 'mean',
    median_between: 'median',
    std_between: 'std',
    distinct_count_between: 'distinct values',
  };
  return observed === null ? 'not computable' : `${name[rule.type] ?? 'observed'} ${formatFigure(observed)}`;
}

/** The column a result is about, for listings: null for table rules, the first column for compound ones. */
export function ruleColumn(rule: Rule): string | null {
  if (rule.type === 'row_count_between') return null;
  if (rule.type === 'compound_unique') return null;
  return rule.column;
}
