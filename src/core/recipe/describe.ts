// Each step as one readable sentence, and whether serving must apply it (values) or it only shapes training rows.

import { lookup } from './columns.ts';
import type { ImputeStep, Step } from './types.ts';

/** 'rows': removes rows (filter, dedupe, dropped outliers) — training data only. 'values': serving applies it too. */
export function stepScope(step: Step): 'rows' | 'values' {
  if (step.kind === 'filter' || step.kind === 'dedupe') return 'rows';
  if (step.kind === 'outliers' && step.action === 'drop') return 'rows';
  return 'values';
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'integers',
  float: 'numbers',
  boolean: 'true/false',
  categorical: 'categories',
  text: 'text',
  datetime: 'dates',
  identifier: 'identifiers',
};

/** A list of names for a sentence: "a", "a and b", "a, b and 3 more". */
export function nameList(names: readonly string[], max = 3): string {
  if (names.length === 0) return 'no columns';
  if (names.length === 1) return names[0];
  if (names.length <= max) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

function num(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 1e6 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : String(Number(v.toPrecision(6)));
}

function imputeWith(step: ImputeStep): string {
  const fitted = step.fitted?.values;
  const single = step.columns.length === 1 && fitted ? lookup(fitted, step.columns[0]) : undefined;
  const shown = (v: number | string | null | undefined) => (v === undefined || v === null ? '' : ` (${typeof v === 'number' ? num(v) : `"${v}"`})`);
  switch (step.method) {
    case 'mean':
      return `the mean${shown(single)}`;
    case 'median':
      return `the median${shown(single)}`;
    case 'mode':
      return `the most common value${shown(single)}`;
    case 'constant':
      return typeof step.value === 'string' ? `"${step.value}"` : String(step.value);
    case 'ffill':
      return 'the previous value';
  }
}

/** One sentence saying what the step does, with its fitted numbers when it has them. */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'select':
      return `Keep only ${step.columns.length === 1 ? 'column' : 'columns'} ${nameList(step.columns, 4)}`;
    case 'drop':
      return `Drop ${step.columns.length === 1 ? 'column' : 'columns'} ${nameList(step.columns, 4)}`;
    case 'rename': {
      const pairs = Object.entries(step.names).map(([a, b]) => `${a} → ${b}`);
      return `Rename ${nameList(pairs, 3)}`;
    }
    case 'cast':
      return `Cast ${step.column} to ${step.to} (${TYPE_WORDS[step.to] ?? step.to})`;
    case 'filter':
      return `Keep rows where ${step.expression.trim()}`;
    case 'impute': {
      const what = step.infinite ? 'missing and infinite values' : 'missing values';
      return `Fill ${what} in ${nameList(step.columns)} with ${imputeWith(step)}`;
    }
    case 'outliers': {
      const k = num(step.factor);
      const rule = step.method === 'iqr' ? `outside Q1 − ${k}·IQR … Q3 + ${k}·IQR` : `more than ${k} standard deviations from the mean`;
      const b = step.columns.length === 1 && step.fitted ? lookup(step.fitted.bounds, step.columns[0]) : undefined;
      const bounds = b ? ` [${num(b.lower)}, ${num(b.upper)}]` : '';
      return step.action === 'clip'
        ? `Clip ${nameList(step.columns)} values ${rule}${bounds}`
        : `Drop rows where ${nameList(step.columns)} is ${rule}${bounds}`;
    }
    case 'dedupe':
      return `Remove duplicate rows${step.columns.length ? ` (same ${nameList(step.columns)})` : ''}, keeping the ${step.keep}`;
    case 'text': {
      const parts: string[] = [];
      if (step.trim) parts.push('trim');
      if (step.collapse) parts.push('collapse spaces');
      if (step.accents) parts.push('remove accents');
      if (step.case !== 'keep') parts.push(step.case === 'title' ? 'title-case' : `${step.case}-case`);
      const text = nameList(parts, 4);
      return `${text.charAt(0).toUpperCase()}${text.slice(1)} in ${nameList(step.columns)}`;
    }
    case 'merge': {
      const pairs = Object.keys(step.mapping).length;
      const fitted = step.fitted ? Object.keys(step.fitted.map).length : undefined;
      const how = [step.auto ? 'look-alike values' : '', pairs ? `${pairs} listed ${pairs === 1 ? 'value' : 'values'}` : ''].filter(Boolean).join(' and ');
      return `Merge ${how} in ${step.column}${fitted !== undefined ? ` (${fitted} ${fitted === 1 ? 'value' : 'values'} merged)` : ''}`;
    }
    case 'derive':
      return `Set ${step.name} = ${step.expression.trim()}`;
    case 'bin':
      return `Bin ${step.column} into ${step.bins} ${step.method === 'width' ? 'equal-width' : 'equal-count'} ranges as ${step.name}`;
    case 'parse-dates': {
      const order = step.fitted?.order ?? step.order;
      const words = { auto: 'order detected', ymd: 'year/month/day', dmy: 'day/month/year', mdy: 'month/day/year' }[order];
      return `Parse ${step.column} as dates (${words})`;
    }
  }
}
