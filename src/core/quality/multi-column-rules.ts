// Rules that judge each row across columns: compound_unique and column_pair_greater, with GE's ignore_row_if.

import { cellText, type Column } from '../table/table.ts';
import { canonicalCodes, isPresent, valueKey } from './column-access.ts';
import { FAIL, judgeRows, PASS, SKIP, type Budget, type Judgement, type Verdict } from './judge-rows.ts';
import { RuleProblem } from './rule-problem.ts';
import type { ColumnPairGreaterRule, CompoundUniqueRule } from './types.ts';

const shown = (column: Column, row: number): string => cellText(column, row) ?? 'missing';

/** Rows whose combination of values occurs more than once all fail; missing values compare equal (pandas). */
export function judgeCompoundUnique(rule: CompoundUniqueRule, columns: Column[], rows: number, budget: Budget): Judgement {
  const ignore = rule.ignore_row_if ?? 'all_values_are_missing';
  const canonical = columns.map((c) => (c.kind === 'coded' ? canonicalCodes(c) : undefined));
  const skipped = (r: number): boolean => {
    if (ignore === 'never') return false;
    const present = columns.filter((c) => isPresent(c, r)).length;
    return ignore === 'all_values_are_missing' ? present === 0 : present < columns.length;
  };
  const keyOf = (r: number): string => columns.map((c, i) => valueKey(c, r, canonical[i]) ?? '-').join('\u0000');
  const counts = new Map<string, number>();
  for (let r = 0; r < rows; r++) {
    if (skipped(r)) continue;
    const key = keyOf(r);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const verdict = (r: number): Verdict => (skipped(r) ? SKIP : (counts.get(keyOf(r)) as number) > 1 ? FAIL : PASS);
  const display = (r: number): string => columns.map((c) => shown(c, r)).join(', ');
  return judgeRows(rows, verdict, display, budget);
}

/**
 * column > other on each row (≥ with or_equal). Rows left after ignore_row_if that miss a value fail,
 * as a comparison with a missing value is false in Great Expectations' pandas engine.
 */
export function judgeColumnPairGreater(rule: ColumnPairGreaterRule, a: Column, b: Column, rows: number, budget: Budget): Judgement {
  for (const c of [a, b]) {
    if (c.kind === 'coded') {
      throw new RuleProblem(`"column_pair_greater" compares numbers or dates, and "${c.name}" holds ${c.type} values.`);
    }
  }
  if ((a.type === 'datetime') !== (b.type === 'datetime')) {
    const [dates, other] = a.type === 'datetime' ? [a, b] : [b, a];
    throw new RuleProblem(`"${dates.name}" holds dates and "${other.name}" ${other.type} values: they cannot be compared.`);
  }
  const x = (a as Column & { kind: 'numeric' }).values;
  const y = (b as Column & { kind: 'numeric' }).values;
  const ignore = rule.ignore_row_if ?? 'both_values_are_missing';
  const orEqual = rule.or_equal === true;
  const verdict = (r: number): Verdict => {
    const u = x[r];
    const v = y[r];
    const missU = Number.isNaN(u);
    const missV = Number.isNaN(v);
    if (ignore === 'both_values_are_missing' ? missU && missV : ignore === 'either_value_is_missing' ? missU || missV : false) return SKIP;
    if (missU || missV) return FAIL;
    return (orEqual ? u >= v : u > v) ? PASS : FAIL;
  };
  const display = (r: number): string => `${shown(a, r)} vs ${shown(b, r)}`;
  return judgeRows(rows, verdict, display, budget);
}
