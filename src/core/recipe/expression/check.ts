// Checks an expression against a table's columns before any row is read: names exist, types fit, and the result type.

import { parseIsoDate } from '../../parse/type-rules.ts';
import type { ColumnInfo } from '../types.ts';
import { ExpressionError } from './errors.ts';
import { FUNCTIONS, FUNCTION_NAMES, typeName } from './functions.ts';
import { parseExpression, type Node } from './parse.ts';
import { typeOfColumn, type ExprType } from './vectors.ts';

export interface CheckedExpression {
  node: Node;
  type: ExprType;
  /** Columns it reads, in order of first mention. */
  columns: string[];
}

/** Parses and checks `text` against `columns`; throws an ExpressionError naming the place and what was expected. */
export function checkExpression(text: string, columns: readonly ColumnInfo[]): CheckedExpression {
  const node = parseExpression(text);
  const types = new Map(columns.map((c) => [c.name, typeOfColumn(c.type)]));
  const used: string[] = [];
  const type = typeOf(node, types, used);
  return { node, type, columns: used };
}

function fail(node: { start: number; end: number }, message: string, hint?: string): never {
  throw new ExpressionError(message, node.start, node.end - node.start, hint);
}

function typeOf(node: Node, columns: Map<string, ExprType>, used: string[]): ExprType {
  const recur = (n: Node) => typeOf(n, columns, used);
  switch (node.type) {
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'null':
      return 'null';
    case 'column': {
      const t = columns.get(node.name);
      if (t === undefined) {
        const near = closestName(node.name, [...columns.keys()]);
        fail(
          node,
          `There is no column named "${node.name}"`,
          near ? `Did you mean ${quoteName(near)}?` : 'Names with spaces or symbols go in backticks, like `Body Mass (g)`.',
        );
      }
      if (!used.includes(node.name)) used.push(node.name);
      return t;
    }
    case 'negate': {
      const t = recur(node.arg);
      if (t !== 'number') fail(node.arg, `"-" needs a number, not ${typeName(t)}`);
      return 'number';
    }
    case 'not': {
      const t = recur(node.arg);
      if (t !== 'bool') fail(node.arg, `"not" needs a condition (true/false), not ${typeName(t)}`);
      return 'bool';
    }
    case 'is-null':
      recur(node.arg);
      return 'bool';
    case 'in': {
      const t = recur(node.arg);
      for (const item of node.list) {
        const it = recur(item);
        if (it === 'null') fail(item, 'A list after "in" cannot hold null', 'Test for missing values with "is null".');
        if (t === 'date' && it === 'string') {
          checkDateLiteral(item);
          continue;
        }
        if (it !== t) fail(item, `This list item is ${typeName(it)}, but the value tested is ${typeName(t)}`);
      }
      return 'bool';
    }
    case 'binary':
      return binaryType(node, recur(node.left), recur(node.right));
    case 'call': {
      const def = FUNCTIONS[node.name];
      if (!def) {
        const near = closestName(node.name, FUNCTION_NAMES);
        fail(node, `Unknown function "${node.name}"`, near ? `Did you mean ${near}()?` : `Functions: ${FUNCTION_NAMES.join(', ')}.`);
      }
      if (node.args.length < def.min || node.args.length > def.max) {
        const count = def.min === def.max ? `${def.min}` : def.max === Infinity ? `at least ${def.min}` : `${def.min} or ${def.max}`;
        fail(node, `${node.name}() takes ${count} argument${def.min === 1 && def.max === 1 ? '' : 's'}, not ${node.args.length}`, `Write ${def.usage}.`);
      }
      const types = node.args.map(recur);
      const result = def.type(types);
      if (typeof result !== 'string') fail(node.args[result.arg], result.message, `Write ${def.usage}.`);
      return result;
    }
  }
}

function binaryType(node: Extract<Node, { type: 'binary' }>, left: ExprType, right: ExprType): ExprType {
  const op = node.op;
  if (op === 'and' || op === 'or') {
    if (left !== 'bool') fail(node.left, `"${op}" joins conditions (true/false), not ${typeName(left)}`);
    if (right !== 'bool') fail(node.right, `"${op}" joins conditions (true/false), not ${typeName(right)}`);
    return 'bool';
  }
  if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%') {
    for (const [side, t] of [[node.left, left], [node.right, right]] as const) {
      if (t === 'number') continue;
      if (t === 'null') fail(side, `"${op}" with null always gives null`, 'Use coalesce(x, 0) to give missing values a number.');
      if (t === 'string' && op === '+') fail(side, '"+" adds numbers; texts are joined with concat()', 'Write concat(a, " ", b).');
      fail(side, `"${op}" needs numbers, not ${typeName(t)}`);
    }
    return 'number';
  }
  // Comparisons.
  if (left === 'null' || right === 'null') {
    fail(left === 'null' ? node.left : node.right, 'Comparing with null is never true', 'Test for missing values with "is null" or "is not null".');
  }
  if (left === 'date' && right === 'string') {
    checkDateLiteral(node.right);
    return 'bool';
  }
  if (left === 'string' && right === 'date') {
    checkDateLiteral(node.left);
    return 'bool';
  }
  if (left !== right) fail(node, `Cannot compare ${typeName(left)} with ${typeName(right)}`);
  if (left === 'bool' && op !== '==' && op !== '!=') fail(node, `"${op}" does not order true and false`, 'Use == or !=.');
  return 'bool';
}

/** A text compared with a date must be an ISO date literal, so it is read once, the same way every time. */
function checkDateLiteral(node: Node): void {
  if (node.type !== 'string') fail(node, 'A date can be compared with a date, or with a date written in quotes', "Write a date like '2020-01-31'.");
  if (parseIsoDate(node.value.trim()) === null) fail(node, `"${node.value}" is not a date`, "Write dates as '2020-01-31' or '2020-01-31 14:30'.");
}

export function quoteName(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name) && !['and', 'or', 'not', 'in', 'is', 'null', 'true', 'false'].includes(name.toLowerCase())
    ? name
    : '`' + name.replace(/`/g, '``') + '`';
}

function squash(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** The candidate that looks most like `name` (same letters ignoring case and symbols, a prefix, or a couple of typos). */
function closestName(name: string, candidates: string[]): string | undefined {
  const key = squash(name);
  if (!key) return undefined;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const k = squash(c);
    let score: number;
    if (k === key) score = 0;
    else if (k.startsWith(key) || key.startsWith(k)) score = 1 + Math.abs(k.length - key.length) / 100;
    else {
      const d = editDistance(k, key);
      score = d <= Math.max(1, Math.floor(key.length / 4)) ? 2 + d : Infinity;
    }
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
