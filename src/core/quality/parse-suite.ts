// Reads a suite from JSON ({"rules": [...]}) and checks every rule, with errors that name the rule and field.

import { UserError } from '../errors/user-error.ts';
import { parseIsoDate } from '../parse/type-rules.ts';
import { compileRegex, RegexSyntaxError } from './safe-regex.ts';
import { isRuleType, RULE_TYPES, ruleSpec, type FieldSpec } from './rule-specs.ts';
import type { Rule, Suite } from './types.ts';

const EXAMPLE = '{"rules": [{"type": "not_null", "column": "age", "mostly": 0.99}, {"type": "between", "column": "age", "min": 0, "max": 120}]}';
const SUITE_HINT = `A suite looks like ${EXAMPLE}.`;

/** Parses suite JSON text; `source` names where it came from in messages (e.g. the file name). */
export function parseSuiteText(text: string, source = 'The rules'): Suite {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new UserError(`${source} are not valid JSON: ${reason}.`, SUITE_HINT);
  }
  return parseSuite(value, source);
}

export function parseSuite(value: unknown, source = 'The rules'): Suite {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Array.isArray((value as { rules?: unknown }).rules)) {
    throw new UserError(`${source} must be a JSON object with a "rules" list.`, SUITE_HINT);
  }
  const extra = Object.keys(value).filter((k) => k !== 'rules');
  if (extra.length > 0) throw new UserError(`${source} have an unknown field "${extra[0]}" beside "rules".`, SUITE_HINT);
  return { rules: (value as { rules: unknown[] }).rules.map((r, i) => parseRule(r, i)) };
}

/** Checks one rule (index is 0-based; messages count from 1) and returns it with only its known fields. */
export function parseRule(value: unknown, index: number): Rule {
  const where = `Rule ${index + 1}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UserError(`${where} must be an object such as {"type": "not_null", "column": "age"}.`, SUITE_HINT);
  }
  const raw = value as Record<string, unknown>;
  if (raw.type === undefined) throw new UserError(`${where} has no "type".`, `Use one of: ${RULE_TYPES.join(', ')}.`);
  if (!isRuleType(raw.type)) {
    const guess = typeof raw.type === 'string' ? closest(raw.type, RULE_TYPES) : undefined;
    throw new UserError(
      `${where} has an unknown type ${JSON.stringify(raw.type)}.`,
      (guess ? `Did you mean "${guess}"? ` : '') + `Types: ${RULE_TYPES.join(', ')}.`,
    );
  }
  const spec = ruleSpec(raw.type);
  const label = `${where} (${spec.type})`;
  const known = new Set(['type', ...spec.fields.map((f) => f.name)]);
  for (const key of Object.keys(raw)) {
    if (known.has(key)) continue;
    const fields = spec.fields.map((f) => f.name).join(', ');
    const hint =
      key === 'mostly'
        ? `mostly applies to rules that judge each value; ${spec.type} judges one figure.`
        : `${spec.type} takes: ${fields}.` + (closest(key, [...known]) ? ` Did you mean "${closest(key, [...known])}"?` : '');
    throw new UserError(`${label} has an unknown field "${key}".`, hint);
  }
  const out: Record<string, unknown> = { type: spec.type };
  for (const field of spec.fields) {
    const v = raw[field.name];
    if (v === undefined || (v === null && !field.required)) {
      if (field.required) throw new UserError(`${label} needs "${field.name}".`, fieldHint(field));
      continue;
    }
    out[field.name] = checkField(field, v, label);
  }
  if (spec.ranged) checkRange(out, label, spec.type === 'between');
  return out as unknown as Rule;
}

function checkField(field: FieldSpec, v: unknown, label: string): unknown {
  const bad = (what: string): never => {
    throw new UserError(`${label}: "${field.name}" ${what}, not ${JSON.stringify(v)}.`, fieldHint(field));
  };
  switch (field.kind) {
    case 'column':
      if (typeof v !== 'string' || v === '') bad('must be a column name');
      return v;
    case 'columns': {
      if (!Array.isArray(v) || v.length === 0 || v.some((c) => typeof c !== 'string' || c === '')) bad('must be a list of column names');
      const names = v as string[];
      const repeated = names.find((c, i) => names.indexOf(c) !== i);
      if (repeated !== undefined) bad(`names "${repeated}" twice`);
      return [...names];
    }
    case 'mostly':
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) bad('must be a number from 0 to 1');
      return v;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) bad('must be a number');
      return v;
    case 'count':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) bad('must be a whole number, 0 or more');
      return v;
    case 'bound':
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      if (typeof v === 'string' && parseIsoDate(v.trim()) !== null) return v.trim();
      return bad('must be a number, or a date such as "2024-01-31" for a datetime column');
    case 'values':
      if (!Array.isArray(v) || v.length === 0) bad('must be a list of at least one value');
      for (const item of v as unknown[]) {
        if (!(typeof item === 'string' || typeof item === 'boolean' || (typeof item === 'number' && Number.isFinite(item)))) {
          throw new UserError(`${label}: "values" may hold strings, numbers and true/false, not ${JSON.stringify(item)}.`, fieldHint(field));
        }
      }
      return [...(v as unknown[])];
    case 'pattern':
      if (typeof v !== 'string' || v === '') bad('must be a regular expression');
      try {
        compileRegex(v as string);
      } catch (err) {
        if (err instanceof RegexSyntaxError) {
          throw new UserError(`${label}: the pattern ${JSON.stringify(v)} cannot be used: ${err.message}.`, PATTERN_HINT);
        }
        throw err;
      }
      return v;
    case 'flag':
      if (typeof v !== 'boolean') bad('must be true or false');
      return v;
    case 'choice':
      if (typeof v !== 'string' || !field.choices?.includes(v)) bad(`must be one of ${field.choices?.map((c) => `"${c}"`).join(', ')}`);
      return v;
  }
}

const PATTERN_HINT =
  'Patterns use RE2 syntax (much like JavaScript and Python, with (?i), (?P<name>…), \\A and \\Z), without back-references or look-around, so that every pattern runs in time linear in the text.';

function checkRange(rule: Record<string, unknown>, label: string, dates: boolean): void {
  const { min, max } = rule;
  if (min === undefined && max === undefined) {
    throw new UserError(`${label} needs "min", "max" or both.`, 'Leave one out for a bound on one side only.');
  }
  if (min === undefined || max === undefined) return;
  if (dates && typeof min !== typeof max) {
    throw new UserError(`${label}: "min" and "max" must both be numbers or both be dates.`, 'Dates apply to datetime columns; numbers to the others.');
  }
  const lo = typeof min === 'string' ? (parseIsoDate(min) as number) : (min as number);
  const hi = typeof max === 'string' ? (parseIsoDate(max) as number) : (max as number);
  if (lo > hi) throw new UserError(`${label}: "min" (${String(min)}) is above "max" (${String(max)}).`, 'Swap them.');
}

function fieldHint(field: FieldSpec): string {
  switch (field.kind) {
    case 'column':
      return `"${field.name}" is a column name, e.g. "age".`;
    case 'columns':
      return '"columns" lists column names, e.g. ["first_name", "last_name"].';
    case 'mostly':
      return '"mostly": 0.95 passes when at least 95% of the values considered pass.';
    case 'values':
      return '"values" lists the allowed (or forbidden) values, e.g. ["red", "green"].';
    case 'pattern':
      return PATTERN_HINT;
    case 'choice':
      return `One of: ${field.choices?.join(', ')}.`;
    default:
      return SUITE_HINT;
  }
}

/** The candidate within edit distance 2 of word, for "did you mean". */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The suite as pretty JSON for export (the format parseSuiteText reads). */
export function suiteJson(suite: Suite): string {
  return JSON.stringify({ rules: suite.rules }, null, 2) + '\n';
}

/** The problem with one rule as a message, or undefined when it is valid (for the editor). */
export function ruleProblem(rule: unknown, index: number): string | undefined {
  try {
    parseRule(rule, index);
    return undefined;
  } catch (err) {
    if (err instanceof UserError) return err.message;
    throw err;
  }
}
