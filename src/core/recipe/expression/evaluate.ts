// Evaluates a checked expression over a table's columns, one typed-array pass per operator (never eval or Function).

import { parseIsoDate } from '../../parse/type-rules.ts';
import { getColumn, type Table } from '../../table/table.ts';
import { checkExpression } from './check.ts';
import { FUNCTIONS } from './functions.ts';
import type { Node } from './parse.ts';
import { BOOL_MISSING, columnVec, constantVec, numbersOfDictionary, stringPairs, withType, type ExprType, type Vec } from './vectors.ts';

/** Checks `text` against the table's columns and computes it for every row. */
export function evaluateExpression(text: string, table: Table): { vec: Vec; type: ExprType; columns: string[] } {
  const checked = checkExpression(text, table.columns);
  return { vec: evaluateNode(checked.node, table), type: checked.type, columns: checked.columns };
}

/** Evaluates a node that checkExpression accepted for this table's columns. */
export function evaluateNode(node: Node, table: Table): Vec {
  const n = table.rowCount;
  const recur = (x: Node) => evaluateNode(x, table);
  switch (node.type) {
    case 'number':
      return constantVec(node.value, 'number', n);
    case 'string':
      return constantVec(node.value, 'string', n);
    case 'bool':
      return constantVec(node.value, 'bool', n);
    case 'null':
      return { type: 'null' };
    case 'column': {
      const column = getColumn(table, node.name);
      if (!column) throw new Error(`evaluateNode: unchecked column ${node.name}`);
      return columnVec(column);
    }
    case 'negate': {
      const x = (recur(node.arg) as { values: Float64Array }).values;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = -x[i];
      return { type: 'number', values: out };
    }
    case 'not': {
      const x = (withType(recur(node.arg), 'bool', n) as { values: Uint8Array }).values;
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = x[i] === BOOL_MISSING ? BOOL_MISSING : 1 - x[i];
      return { type: 'bool', values: out };
    }
    case 'is-null':
      return isNull(recur(node.arg), node.negated, n);
    case 'in':
      return inList(recur(node.arg), node.list, node.negated, n);
    case 'binary':
      return binary(node.op, recur(node.left), recur(node.right), n);
    case 'call': {
      const def = FUNCTIONS[node.name];
      return def.evaluate(node.args.map(recur), n);
    }
  }
}

function isNull(v: Vec, negated: boolean, n: number): Vec {
  const out = new Uint8Array(n);
  const yes = negated ? 0 : 1;
  const no = 1 - yes;
  switch (v.type) {
    case 'number':
    case 'date':
      for (let i = 0; i < n; i++) out[i] = v.values[i] !== v.values[i] ? yes : no;
      break;
    case 'bool':
      for (let i = 0; i < n; i++) out[i] = v.values[i] === BOOL_MISSING ? yes : no;
      break;
    case 'string':
      for (let i = 0; i < n; i++) out[i] = v.codes[i] < 0 ? yes : no;
      break;
    default:
      out.fill(yes);
  }
  return { type: 'bool', values: out };
}

function inList(v: Vec, list: Node[], negated: boolean, n: number): Vec {
  const out = new Uint8Array(n);
  const hit = negated ? 0 : 1;
  const miss = 1 - hit;
  if (v.type === 'string') {
    const wanted = new Set(list.map((x) => (x as { value: string }).value));
    const table = v.dictionary.map((s) => (wanted.has(s) ? hit : miss));
    for (let i = 0; i < n; i++) out[i] = v.codes[i] < 0 ? BOOL_MISSING : table[v.codes[i]];
    return { type: 'bool', values: out };
  }
  if (v.type === 'bool') {
    const wanted = new Set<number>(list.map((x) => ((x as { value: boolean }).value ? 1 : 0)));
    for (let i = 0; i < n; i++) out[i] = v.values[i] === BOOL_MISSING ? BOOL_MISSING : wanted.has(v.values[i]) ? hit : miss;
    return { type: 'bool', values: out };
  }
  if (v.type === 'number' || v.type === 'date') {
    const wanted = new Set(
      list.map((x) => (x.type === 'string' ? (parseIsoDate(x.value.trim()) as number) : (x as { value: number }).value)),
    );
    // 0 and -0 are one number in a Set (SameValueZero), as they compare equal.
    for (let i = 0; i < n; i++) {
      const x = v.values[i];
      out[i] = x !== x ? BOOL_MISSING : wanted.has(x) ? hit : miss;
    }
    return { type: 'bool', values: out };
  }
  return { type: 'bool', values: out.fill(BOOL_MISSING) };
}

/** A text vector read as ISO dates (for comparing a date column with a quoted date). */
function asDates(v: Vec): Float64Array {
  if (v.type === 'date' || v.type === 'number') return v.values;
  if (v.type === 'string') return numbersOfDictionary(v, (s) => parseIsoDate(s.trim()) ?? NaN);
  throw new Error('asDates: not a date or text');
}

function binary(op: string, a: Vec, b: Vec, n: number): Vec {
  if (op === 'and' || op === 'or') return logic(op, a, b, n);
  if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%') {
    return { type: 'number', values: arithmetic(op, (a as { values: Float64Array }).values, (b as { values: Float64Array }).values, n) };
  }
  const out = new Uint8Array(n);
  if (a.type === 'date' || b.type === 'date') return { type: 'bool', values: compareNumbers(op, asDates(a), asDates(b), out) };
  if (a.type === 'number' && b.type === 'number') return { type: 'bool', values: compareNumbers(op, a.values, b.values, out) };
  if (a.type === 'bool' && b.type === 'bool') {
    const eq = op === '==';
    for (let i = 0; i < n; i++) {
      const x = a.values[i];
      const y = b.values[i];
      out[i] = x === BOOL_MISSING || y === BOOL_MISSING ? BOOL_MISSING : (x === y) === eq ? 1 : 0;
    }
    return { type: 'bool', values: out };
  }
  if (a.type === 'string' && b.type === 'string') {
    const cmp = textComparison(op);
    return { type: 'bool', values: stringPairs(a, b, out, BOOL_MISSING, (x, y) => (cmp(x, y) ? 1 : 0)) };
  }
  throw new Error(`binary: unchecked operands ${a.type} ${op} ${b.type}`);
}

/** Texts compare by code units (as Python and JavaScript strings do), case-sensitively. */
function textComparison(op: string): (x: string, y: string) => boolean {
  switch (op) {
    case '==':
      return (x, y) => x === y;
    case '!=':
      return (x, y) => x !== y;
    case '<':
      return (x, y) => x < y;
    case '<=':
      return (x, y) => x <= y;
    case '>':
      return (x, y) => x > y;
    default:
      return (x, y) => x >= y;
  }
}

function compareNumbers(op: string, x: Float64Array, y: Float64Array, out: Uint8Array): Uint8Array {
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const a = x[i];
    const b = y[i];
    if (a !== a || b !== b) {
      out[i] = BOOL_MISSING;
      continue;
    }
    let r: boolean;
    switch (op) {
      case '==':
        r = a === b;
        break;
      case '!=':
        r = a !== b;
        break;
      case '<':
        r = a < b;
        break;
      case '<=':
        r = a <= b;
        break;
      case '>':
        r = a > b;
        break;
      default:
        r = a >= b;
    }
    out[i] = r ? 1 : 0;
  }
  return out;
}

/**
 * + − × ÷ and remainder. A result that is not a finite number although both inputs are (x / 0, 0 / 0,
 * an overflow) is missing: an infinity made by the recipe would look like data.
 */
function arithmetic(op: string, x: Float64Array, y: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = x[i];
    const b = y[i];
    let r: number;
    switch (op) {
      case '+':
        r = a + b;
        break;
      case '-':
        r = a - b;
        break;
      case '*':
        r = a * b;
        break;
      case '/':
        r = a / b;
        break;
      default:
        // Python's % (the sign of the divisor), as pandas computes it.
        r = a % b;
        if (r !== 0 && r < 0 !== b < 0) r += b;
    }
    out[i] = r - r !== 0 && a - a === 0 && b - b === 0 ? NaN : r;
  }
  return out;
}

/** Kleene logic: false and missing is false, true or missing is true, otherwise missing spreads. */
function logic(op: 'and' | 'or', a: Vec, b: Vec, n: number): Vec {
  const x = (withType(a, 'bool', n) as { values: Uint8Array }).values;
  const y = (withType(b, 'bool', n) as { values: Uint8Array }).values;
  const out = new Uint8Array(n);
  const decisive = op === 'and' ? 0 : 1;
  for (let i = 0; i < n; i++) {
    const p = x[i];
    const q = y[i];
    if (p === decisive || q === decisive) out[i] = decisive;
    else if (p === BOOL_MISSING || q === BOOL_MISSING) out[i] = BOOL_MISSING;
    else out[i] = 1 - decisive;
  }
  return { type: 'bool', values: out };
}
