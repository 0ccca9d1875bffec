// Helpers for editing rules in the Quality cell: a new rule of a type, value lists as text, rule equality.
import type { ColumnType } from '../../core/table/table';
import type { Rule, RuleType, SetValue } from '../../core/quality/types';
import { ruleSpec } from '../../core/quality/rule-specs';

export interface ColumnInfo {
  name: string;
  type: ColumnType;
}

/** A fresh rule of a type, on the first column that suits it, with its required fields to fill in. */
export function newRule(type: RuleType, columns: readonly ColumnInfo[]): Record<string, unknown> {
  const spec = ruleSpec(type);
  const numeric = columns.find((c) => c.type === 'integer' || c.type === 'float');
  const wantsNumbers = type === 'between' || type === 'mean_between' || type === 'median_between' || type === 'std_between' || type === 'column_pair_greater';
  const first = (wantsNumbers ? numeric : undefined) ?? columns[0];
  const rule: Record<string, unknown> = { type };
  for (const f of spec.fields) {
    if (f.name === 'column') rule.column = first?.name ?? '';
    else if (f.name === 'other') rule.other = columns.find((c) => c.name !== first?.name && (c.type === 'integer' || c.type === 'float'))?.name ?? '';
    else if (f.kind === 'columns') rule.columns = columns.slice(0, 2).map((c) => c.name);
    else if (f.kind === 'values') rule.values = [];
    else if (f.kind === 'pattern') rule.pattern = '';
  }
  if (spec.ranged) rule.min = 0;
  return rule;
}

/** A value list as the editor shows it: one value per line. */
export function valuesText(values: readonly SetValue[] | undefined): string {
  return (values ?? []).map((v) => String(v)).join('\n');
}

/**
 * The lines typed into the editor as values: numbers for number columns, true/false for booleans, text
 * otherwise (so "3" stays text for a categorical column, where the rule compares text anyway).
 */
export function valuesFromText(text: string, type: ColumnType | undefined): SetValue[] {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.map((l) => {
    if ((type === 'integer' || type === 'float') && l !== '' && Number.isFinite(Number(l))) return Number(l);
    if (type === 'boolean' && (l === 'true' || l === 'false')) return l === 'true';
    return l;
  });
}

/** Two rules are the same when their JSON is (field order aside). */
export function sameRule(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, x]) => JSON.stringify(k) + ':' + canonical(x)).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The columns a rule names, to flag those the data no longer has. */
export function columnsOf(rule: Rule): string[] {
  const r = rule as { column?: string; other?: string; columns?: string[] };
  return [r.column, r.other, ...(r.columns ?? [])].filter((c): c is string => typeof c === 'string' && c !== '');
}
