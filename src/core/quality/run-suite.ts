// Runs a suite on a table: every rule gets a result, and a rule that cannot be checked (a missing column,
// a wrong type, an invalid rule, a time limit) fails with a message while the others still run.

import { UserError } from '../errors/user-error.ts';
import { getColumn, type Column, type Table } from '../table/table.ts';
import { judgeColumnRule, type ColumnRule } from './column-rules.ts';
import { columnFigure, type Figure } from './column-figures.ts';
import { BudgetExceeded, type Budget, type Judgement } from './judge-rows.ts';
import { judgeColumnPairGreater, judgeCompoundUnique } from './multi-column-rules.ts';
import { parseRule } from './parse-suite.ts';
import { RuleProblem } from './rule-problem.ts';
import type { Rule, RuleResult, Suite, SuiteResult } from './types.ts';

export interface RunSuiteOptions {
  /**
   * Time a rule may take (default 10 s). Rules run in linear time, so only very large tables reach it; the
   * rule then fails with a message saying how far it got, and the suite goes on.
   */
  budgetMs?: number;
  /** The clock (tests replace it). */
  now?: () => number;
}

export const DEFAULT_BUDGET_MS = 10_000;

export function runSuite(table: Table, suite: Suite, opts: RunSuiteOptions = {}): SuiteResult {
  const budget: Budget = { ms: opts.budgetMs ?? DEFAULT_BUDGET_MS, now: opts.now ?? (() => performance.now()) };
  const results = suite.rules.map((rule, i) => runRule(table, rule, i, budget));
  const passed = results.filter((r) => r.success).length;
  return { success: passed === results.length, rows: table.rowCount, passed, failed: results.length - passed, results };
}

function runRule(table: Table, rule: Rule, index: number, budget: Budget): RuleResult {
  try {
    // Rules from a cell's config are re-checked: one left half-edited fails alone.
    const checked = parseRule(rule, index);
    return evaluate(table, checked, budget);
  } catch (err) {
    return failed(rule, problemText(err));
  }
}

function problemText(err: unknown): string {
  if (err instanceof RuleProblem) return err.message;
  if (err instanceof UserError) return err.message;
  if (err instanceof BudgetExceeded) {
    return (
      `Stopped after ${err.checked.toLocaleString('en-US')} of ${err.total.toLocaleString('en-US')} rows: ` +
      `the rule took longer than ${err.budgetMs / 1000} s.`
    );
  }
  return 'Something went wrong checking this rule: ' + (err instanceof Error ? err.message : String(err));
}

function failed(rule: Rule, error: string): RuleResult {
  return { rule, success: false, observed: null, considered: null, unexpectedCount: null, unexpectedPercent: null, examples: [], error };
}

function evaluate(table: Table, rule: Rule, budget: Budget): RuleResult {
  switch (rule.type) {
    case 'column_exists': {
      const there = getColumn(table, rule.column) !== undefined;
      const result = figureResult(rule, there ? 1 : 0, there);
      return there ? result : { ...result, error: missingColumn(table, rule.column) };
    }
    case 'row_count_between':
      return figureResult(rule, table.rowCount, inRange(table.rowCount, rule));
    case 'mean_between':
    case 'median_between':
    case 'std_between':
    case 'distinct_count_between': {
      const figure = FIGURES[rule.type];
      const value = columnFigure(figure, column(table, rule.column));
      return figureResult(rule, value, inRange(value, rule));
    }
    case 'compound_unique': {
      const columns = rule.columns.map((name) => column(table, name));
      return mapResult(rule, judgeCompoundUnique(rule, columns, table.rowCount, budget));
    }
    case 'column_pair_greater': {
      const a = column(table, rule.column);
      const b = column(table, rule.other);
      return mapResult(rule, judgeColumnPairGreater(rule, a, b, table.rowCount, budget));
    }
    default:
      return mapResult(rule, judgeColumnRule(rule as ColumnRule, column(table, rule.column), table.rowCount, budget));
  }
}

const FIGURES: Record<'mean_between' | 'median_between' | 'std_between' | 'distinct_count_between', Figure> = {
  mean_between: 'mean',
  median_between: 'median',
  std_between: 'std',
  distinct_count_between: 'distinct',
};

function column(table: Table, name: string): Column {
  const c = getColumn(table, name);
  if (!c) throw new RuleProblem(missingColumn(table, name));
  return c;
}

/** Says the column is missing, and names a column that differs only in case or spacing when there is one. */
export function missingColumn(table: Table, name: string): string {
  const loose = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  const near = table.columns.find((c) => loose(c.name) === loose(name));
  const base = `Column "${name}" is not in the data.`;
  if (near) return `${base} Did you mean "${near.name}"?`;
  const names = table.columns.map((c) => `"${c.name}"`);
  return `${base} Its columns: ${names.slice(0, 12).join(', ')}${names.length > 12 ? `, and ${names.length - 12} more` : ''}.`;
}

/** GE's semantics: success when the share passing reaches mostly (default 1); vacuously when nothing is considered. */
function mapResult(rule: Rule, j: Judgement): RuleResult {
  const mostly = 'mostly' in rule && rule.mostly !== undefined ? rule.mostly : 1;
  const share = j.considered > 0 ? (j.considered - j.unexpected) / j.considered : null;
  return {
    rule,
    success: share === null || share >= mostly,
    observed: share,
    considered: j.considered,
    unexpectedCount: j.unexpected,
    unexpectedPercent: j.considered > 0 ? (j.unexpected / j.considered) * 100 : null,
    examples: j.examples,
  };
}

function figureResult(rule: Rule, observed: number, success: boolean): RuleResult {
  // JSON has no NaN or Infinity; a figure that is not finite (a mean with ±∞ values) is reported as null.
  return {
    rule,
    success,
    observed: Number.isFinite(observed) ? observed : null,
    considered: null,
    unexpectedCount: null,
    unexpectedPercent: null,
    examples: [],
  };
}

function inRange(v: number, r: { min?: number | null; max?: number | null; strict_min?: boolean; strict_max?: boolean }): boolean {
  if (Number.isNaN(v)) return false;
  if (r.min !== undefined && r.min !== null && (r.strict_min ? !(v > r.min) : !(v >= r.min))) return false;
  if (r.max !== undefined && r.max !== null && (r.strict_max ? !(v < r.max) : !(v <= r.max))) return false;
  return true;
}
