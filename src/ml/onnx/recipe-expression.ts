// Turns a checked recipe expression (src/core/recipe/expression) into graph values with the same meaning row by row.
//
// Semantics kept from evaluate.ts / functions.ts: missing spreads through arithmetic and comparisons, and/or
// follow Kleene logic (false and missing is false), a result that is not finite from finite inputs (x / 0,
// log(0), sqrt(−1)) is missing, % takes the divisor's sign, round halves to even (ONNX Round), min/max and
// coalesce skip missing values, if() with a missing condition is missing. What ONNX opset 13 cannot say the
// same way (text functions other than lower/upper, ordering texts, reading text as numbers or dates) is
// refused with a NotExpressible naming the reason, and the step is then left to the client.

import { parseIsoDate } from '../../core/parse/type-rules.ts';
import { checkExpression } from '../../core/recipe/expression/check.ts';
import type { BinaryOp, Node } from '../../core/recipe/expression/parse.ts';
import type { ColumnType } from '../../core/table/table.ts';
import { attr } from './graph.ts';
import type { Value, ValueBuilder } from './graph-values.ts';

/** A step the graph cannot express; `reason` says why, for the bundle's README. */
export class NotExpressible extends Error {}

/** A column as the expression sees it: its value in the graph and its type in the table. */
export interface GraphColumn {
  value: Value;
  type: ColumnType;
}

/** An expression's value: numbers and dates as 'num' values, texts as 'str', conditions as value + missing flag. */
export type Expr =
  | { t: 'number' | 'date'; v: Value }
  | { t: 'string'; v: Value }
  | { t: 'bool'; v: Value; m: Value }
  | { t: 'null' };

const LN10 = Math.LN10;
const LN2 = Math.LN2;
const DAY_MS = 86_400_000;

/**
 * The locale StringNormalizer changes case in. onnxruntime's default, en_US.UTF-8, is missing from many serving
 * images (and this machine); C.UTF-8 ships with Debian and Ubuntu images and glibc ≥ 2.35. onnxruntime-web ignores it.
 */
export const CASE_LOCALE = 'C.UTF-8';

export class ExpressionCompiler {
  constructor(
    private readonly b: ValueBuilder,
    private readonly columns: ReadonlyMap<string, GraphColumn>,
    /** The value of a raw text column with its missing spellings read as missing (''). */
    private readonly text: (v: Value) => Value,
  ) {}

  /** The expression's value, checked against the columns first (the recipe was fitted, so it passes). */
  compile(expression: string): { expr: Expr; columns: string[] } {
    const infos = [...this.columns].map(([name, c]) => ({ name, type: c.type }));
    const checked = checkExpression(expression, infos);
    return { expr: this.node(checked.node), columns: checked.columns };
  }

  private node(node: Node): Expr {
    const b = this.b;
    switch (node.type) {
      case 'number':
        return { t: 'number', v: b.num(node.value) };
      case 'string':
        return { t: 'string', v: b.text(node.value) };
      case 'bool':
        return { t: 'bool', v: b.bool(node.value), m: b.bool(false) };
      case 'null':
        return { t: 'null' };
      case 'column':
        return this.column(node.name);
      case 'negate':
        return { t: 'number', v: b.node('num', 'Neg', [this.number(node.arg)]) };
      case 'not': {
        const x = this.condition(this.node(node.arg));
        return { t: 'bool', v: b.and(b.not(x.v), b.not(x.m)), m: x.m };
      }
      case 'is-null': {
        const missing = this.missing(this.node(node.arg));
        return { t: 'bool', v: node.negated ? b.not(missing) : missing, m: b.bool(false) };
      }
      case 'in':
        return this.inList(this.node(node.arg), node.list, node.negated);
      case 'binary':
        return this.binary(node.op, node.left, node.right);
      case 'call':
        return this.call(node.name, node.args);
    }
  }

  private column(name: string): Expr {
    const c = this.columns.get(name);
    if (!c) throw new Error(`The expression reads "${name}", which the recipe does not have here`);
    const b = this.b;
    switch (c.type) {
      case 'integer':
      case 'float':
        return { t: 'number', v: c.value };
      case 'datetime':
        return { t: 'date', v: c.value };
      case 'boolean': {
        // As columnVec reads a boolean column: any present value other than 0 is true.
        const m = b.isNaN(c.value);
        return { t: 'bool', v: b.and(b.not(b.node('bool', 'Equal', [c.value, b.num(0)])), b.not(m)), m };
      }
      default:
        return { t: 'string', v: this.text(c.value) };
    }
  }

  private number(node: Node): Value {
    const x = this.node(node);
    return this.numberOf(x, 'number');
  }

  /** A number or date value; null is a missing number. */
  private numberOf(x: Expr, what: string): Value {
    if (x.t === 'null') return this.b.num(NaN);
    if (x.t === 'number' || x.t === 'date') return x.v;
    throw new Error(`Expected ${what}, got ${x.t}`);
  }

  private condition(x: Expr): { v: Value; m: Value } {
    if (x.t === 'null') return { v: this.b.bool(false), m: this.b.bool(true) };
    if (x.t !== 'bool') throw new Error(`Expected a condition, got ${x.t}`);
    return x;
  }

  private stringOf(x: Expr): Value {
    if (x.t === 'null') return this.b.text('');
    if (x.t !== 'string') throw new Error(`Expected text, got ${x.t}`);
    return x.v;
  }

  private missing(x: Expr): Value {
    const b = this.b;
    switch (x.t) {
      case 'number':
      case 'date':
        return b.isNaN(x.v);
      case 'bool':
        return x.m;
      case 'string':
        return b.inTexts(x.v, ['']);
      default:
        return b.bool(true);
    }
  }

  /** The value of an expression typed `type` (a null literal becomes a missing one of that type). */
  private as(x: Expr, type: Expr['t']): Expr {
    if (x.t !== 'null' || type === 'null') return x;
    const b = this.b;
    if (type === 'string') return { t: 'string', v: b.text('') };
    if (type === 'bool') return { t: 'bool', v: b.bool(false), m: b.bool(true) };
    return { t: type, v: b.num(NaN) };
  }

  private inList(x: Expr, list: Node[], negated: boolean): Expr {
    const b = this.b;
    const finish = (hit: Value, m: Value): Expr => ({ t: 'bool', v: b.and(negated ? b.not(hit) : hit, b.not(m)), m });
    if (x.t === 'string') {
      return finish(b.inTexts(x.v, list.map((n) => (n as { value: string }).value)), b.inTexts(x.v, ['']));
    }
    if (x.t === 'bool') {
      const wanted = new Set(list.map((n) => (n as { value: boolean }).value));
      let hit = b.bool(false);
      if (wanted.has(true)) hit = b.or(hit, x.v);
      if (wanted.has(false)) hit = b.or(hit, b.not(x.v));
      return finish(hit, x.m);
    }
    if (x.t === 'number' || x.t === 'date') {
      let hit = b.bool(false);
      for (const n of list) {
        const c = n.type === 'string' ? (parseIsoDate(n.value.trim()) as number) : (n as { value: number }).value;
        hit = b.or(hit, b.node('bool', 'Equal', [x.v, b.num(c)]));
      }
      return finish(hit, b.isNaN(x.v));
    }
    return { t: 'bool', v: b.bool(false), m: b.bool(true) };
  }

  private binary(op: BinaryOp, leftNode: Node, rightNode: Node): Expr {
    const b = this.b;
    const left = this.node(leftNode);
    const right = this.node(rightNode);
    if (op === 'and' || op === 'or') {
      const p = this.condition(left);
      const q = this.condition(right);
      // Values are false wherever missing, so "true" is just v, and "false" is neither v nor missing.
      if (op === 'and') {
        const anyFalse = b.or(b.not(b.or(p.v, p.m)), b.not(b.or(q.v, q.m)));
        return { t: 'bool', v: b.and(p.v, q.v), m: b.and(b.not(anyFalse), b.or(p.m, q.m)) };
      }
      const v = b.or(p.v, q.v);
      return { t: 'bool', v, m: b.and(b.not(v), b.or(p.m, q.m)) };
    }
    if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%') {
      const x = this.numberOf(left, 'a number');
      const y = this.numberOf(right, 'a number');
      return { t: 'number', v: b.missingIfNotFinite(this.arithmetic(op, x, y), [x, y]) };
    }
    return this.compare(op, left, right);
  }

  private arithmetic(op: '+' | '-' | '*' | '/' | '%', x: Value, y: Value): Value {
    const b = this.b;
    const ops = { '+': 'Add', '-': 'Sub', '*': 'Mul', '/': 'Div' } as const;
    if (op !== '%') return b.node('num', ops[op], [x, y]);
    // Python's % (the divisor's sign), as evaluate.ts: C's fmod, then + y where the signs differ.
    const r = b.node('num', 'Mod', [x, y], { fmod: attr.int(1) });
    const zero = b.num(0);
    const differ = b.node('bool', 'Xor', [b.node('bool', 'Less', [r, zero]), b.node('bool', 'Less', [y, zero])]);
    const adjust = b.and(b.not(b.node('bool', 'Equal', [r, zero])), differ);
    return b.where(adjust, b.node('num', 'Add', [r, y]), r);
  }

  private compare(op: BinaryOp, left: Expr, right: Expr): Expr {
    const b = this.b;
    const cmp = (x: Value, y: Value): Value => {
      switch (op) {
        case '==':
          return b.node('bool', 'Equal', [x, y]);
        case '!=':
          return b.not(b.node('bool', 'Equal', [x, y]));
        case '<':
          return b.node('bool', 'Less', [x, y]);
        case '<=':
          return b.node('bool', 'LessOrEqual', [x, y]);
        case '>':
          return b.node('bool', 'Greater', [x, y]);
        default:
          return b.node('bool', 'GreaterOrEqual', [x, y]);
      }
    };
    const result = (hit: Value, m: Value): Expr => ({ t: 'bool', v: b.and(hit, b.not(m)), m });
    if (left.t === 'date' || right.t === 'date') {
      const x = this.dateOf(left);
      const y = this.dateOf(right);
      return result(cmp(x, y), b.or(b.isNaN(x), b.isNaN(y)));
    }
    if (left.t === 'number' && right.t === 'number') return result(cmp(left.v, right.v), b.or(b.isNaN(left.v), b.isNaN(right.v)));
    if (left.t === 'bool' && right.t === 'bool') return result(cmp(left.v, right.v), b.or(left.m, right.m));
    if (left.t === 'string' && right.t === 'string') {
      const l = left.v.constant;
      const r = right.v.constant;
      if (typeof l === 'string' && typeof r === 'string') {
        const hit = op === '==' ? l === r : op === '!=' ? l !== r : op === '<' ? l < r : op === '<=' ? l <= r : op === '>' ? l > r : l >= r;
        return { t: 'bool', v: b.bool(hit), m: b.bool(false) };
      }
      if (op !== '==' && op !== '!=') throw new NotExpressible(`ordering texts ("${op}") has no ONNX operator`);
      if (typeof l !== 'string' && typeof r !== 'string') throw new NotExpressible('comparing two text columns has no ONNX operator in opset 13');
      const [x, literal] = typeof r === 'string' ? [left.v, r] : [right.v, l as string];
      const eq = b.inTexts(x, [literal]);
      return result(op === '==' ? eq : b.not(eq), b.inTexts(x, ['']));
    }
    throw new Error(`Cannot compare ${left.t} with ${right.t}`);
  }

  /** A date, or a text literal read as an ISO date (the checker made sure it reads). */
  private dateOf(x: Expr): Value {
    if (x.t === 'string') {
      const text = x.v.constant;
      if (typeof text !== 'string') throw new NotExpressible('reading text as dates has no ONNX operator');
      return this.b.num(parseIsoDate(text.trim()) ?? NaN);
    }
    return this.numberOf(x, 'a date');
  }

  private call(name: string, argNodes: Node[]): Expr {
    const b = this.b;
    const args = argNodes.map((n) => this.node(n));
    const unary = (fn: (x: Value) => Value): Expr => {
      const x = this.numberOf(args[0], 'a number');
      return { t: 'number', v: b.missingIfNotFinite(fn(x), [x]) };
    };
    switch (name) {
      case 'log':
        return unary((x) => b.node('num', 'Log', [x]));
      case 'log10':
        return unary((x) => b.node('num', 'Div', [b.node('num', 'Log', [x]), b.num(LN10)]));
      case 'log2':
        return unary((x) => b.node('num', 'Div', [b.node('num', 'Log', [x]), b.num(LN2)]));
      case 'log1p':
        return unary((x) => this.log1p(x));
      case 'exp':
        return unary((x) => b.node('num', 'Exp', [x]));
      case 'sqrt':
        return unary((x) => b.node('num', 'Sqrt', [x]));
      case 'abs':
        return unary((x) => b.node('num', 'Abs', [x]));
      case 'floor':
        return unary((x) => b.node('num', 'Floor', [x]));
      case 'ceil':
        return unary((x) => b.node('num', 'Ceil', [x]));
      case 'sign':
        return unary((x) => b.node('num', 'Sign', [x]));
      case 'round':
        return { t: 'number', v: this.round(args) };
      case 'pow':
        return { t: 'number', v: this.pow(this.numberOf(args[0], 'a number'), this.numberOf(args[1], 'a number')) };
      case 'min':
      case 'max':
        return this.minMax(name, args);
      case 'if':
        return this.ifThen(args);
      case 'coalesce':
        return this.coalesce(args);
      case 'number': {
        const x = args[0];
        if (x.t === 'number' || x.t === 'null') return { t: 'number', v: this.numberOf(x, 'a number') };
        if (x.t === 'bool') return { t: 'number', v: b.where(x.m, b.num(NaN), b.toDouble(x.v)) };
        throw new NotExpressible('number() of text reads numbers the way Lathe\'s parser does, which ONNX cannot');
      }
      case 'lower':
      case 'upper':
        return { t: 'string', v: changeCase(b, this.stringOf(args[0]), name) };
      case 'year':
      case 'month':
      case 'day':
      case 'weekday':
      case 'hour':
      case 'minute':
        return { t: 'number', v: datePart(b, this.numberOf(args[0], 'a date'), name) };
      default:
        throw new NotExpressible(`${name}() works on text in ways ONNX opset 13 has no operators for`);
    }
  }

  /** log(1 + x) without losing x's digits when it is tiny: log(u)·x/(u − 1) with u = 1 + x (Goldberg). */
  private log1p(x: Value): Value {
    const b = this.b;
    const u = b.node('num', 'Add', [x, b.num(1)]);
    const logU = b.node('num', 'Log', [u]);
    const scaled = b.node('num', 'Div', [b.node('num', 'Mul', [logU, x]), b.node('num', 'Sub', [u, b.num(1)])]);
    // u = 1: x is below half an ulp of 1 and log1p(x) is x; u = ∞: x is ∞ (or huge) and so is the answer.
    return b.where(b.node('bool', 'Equal', [u, b.num(1)]), x, b.where(b.isInf(u), logU, scaled));
  }

  private round(args: Expr[]): Value {
    const b = this.b;
    const x = this.numberOf(args[0], 'a number');
    if (args.length < 2) return b.node('num', 'Round', [x]);
    const d = args[1].t === 'number' ? args[1].v.constant : args[1].t === 'null' ? NaN : undefined;
    if (typeof d !== 'number') throw new NotExpressible('round() with digits that vary by row');
    if (d !== d) return b.num(NaN);
    const digits = Math.trunc(d);
    if (digits === 0) return b.node('num', 'Round', [x]);
    // As roundHalfEven: x·10^d rounded, then ÷10^d (or ÷ then × for negative digits), in doubles.
    const f = b.num(10 ** Math.abs(digits));
    return digits > 0
      ? b.node('num', 'Div', [b.node('num', 'Round', [b.node('num', 'Mul', [x, f])]), f])
      : b.node('num', 'Mul', [b.node('num', 'Round', [b.node('num', 'Div', [x, f])]), f]);
  }

  private pow(x: Value, y: Value): Value {
    const b = this.b;
    let r = b.node('num', 'Pow', [x, y]);
    // JavaScript's ** answers NaN where C's pow answers 1: an exponent that is NaN, and (±1) ** ±∞.
    r = b.where(b.or(b.isNaN(y), b.and(b.node('bool', 'Equal', [b.node('num', 'Abs', [x]), b.num(1)]), b.isInf(y))), b.num(NaN), r);
    return b.missingIfNotFinite(r, [x, y]);
  }

  private minMax(name: 'min' | 'max', args: Expr[]): Expr {
    const b = this.b;
    const present = args.filter((a) => a.t !== 'null');
    const type = (present[0]?.t ?? 'number') as 'number' | 'date';
    let acc: Value | undefined;
    for (const a of present) {
      const x = this.numberOf(a, 'a number');
      if (!acc) {
        acc = x;
        continue;
      }
      const best = b.node('num', name === 'min' ? 'Min' : 'Max', [acc, x]);
      acc = b.where(b.isNaN(acc), x, b.where(b.isNaN(x), acc, best));
    }
    return { t: type, v: acc ?? b.num(NaN) };
  }

  private ifThen(args: Expr[]): Expr {
    const b = this.b;
    const cond = this.condition(args[0]);
    const type = args[1].t !== 'null' ? args[1].t : args[2].t;
    if (type === 'null') return { t: 'null' };
    const yes = this.as(args[1], type);
    const no = this.as(args[2], type);
    if (yes.t === 'bool' && no.t === 'bool') {
      return { t: 'bool', v: b.where(cond.m, b.bool(false), b.where(cond.v, yes.v, no.v)), m: b.or(cond.m, b.where(cond.v, yes.m, no.m)) };
    }
    const y = (yes as { v: Value }).v;
    const n = (no as { v: Value }).v;
    const missing = type === 'string' ? b.text('') : b.num(NaN);
    return { t: type, v: b.where(cond.m, missing, b.where(cond.v, y, n)) } as Expr;
  }

  private coalesce(args: Expr[]): Expr {
    const b = this.b;
    const type = args.find((a) => a.t !== 'null')?.t ?? 'null';
    if (type === 'null') return { t: 'null' };
    const typed = args.map((a) => this.as(a, type));
    if (type === 'bool') {
      let acc = typed[0] as { v: Value; m: Value };
      for (const a of typed.slice(1) as { v: Value; m: Value }[]) acc = { v: b.where(acc.m, a.v, acc.v), m: b.and(acc.m, a.m) };
      return { t: 'bool', ...acc };
    }
    let acc = (typed[0] as { v: Value }).v;
    for (const a of typed.slice(1) as { v: Value }[]) {
      const gap = type === 'string' ? b.inTexts(acc, ['']) : b.isNaN(acc);
      acc = b.where(gap, a.v, acc);
    }
    return { t: type, v: acc } as Expr;
  }
}

/** lower() / upper(): StringNormalizer over the rows (it takes one dimension), reshaped back to [N, 1]. */
export function changeCase(b: ValueBuilder, x: Value, to: 'lower' | 'upper'): Value {
  if (typeof x.constant === 'string') return b.text(to === 'lower' ? x.constant.toLowerCase() : x.constant.toUpperCase());
  return b.custom('str', [x], (g, [input]) => {
    const flat = g.op('Reshape', [input, g.int64Tensor('rows', [1], [-1])]);
    const changed = g.op('StringNormalizer', [flat], {
      case_change_action: attr.string(to === 'lower' ? 'LOWER' : 'UPPER'),
      is_case_sensitive: attr.int(1),
      locale: attr.string(CASE_LOCALE),
    });
    return g.op('Reshape', [changed, g.int64Tensor('column', [2], [-1, 1])]);
  });
}

/**
 * A calendar part of dates in ms since 1970 (UTC), by the integer arithmetic of dates.ts (Howard Hinnant's
 * civil_from_days), every division floored: exact in doubles, so the same numbers as JavaScript's.
 */
export function datePart(b: ValueBuilder, ms: Value, part: 'year' | 'month' | 'day' | 'weekday' | 'hour' | 'minute'): Value {
  const n = (x: number) => b.num(x);
  const op = (type: string, ...xs: Value[]) => b.node('num', type, xs);
  const floorDiv = (x: Value, d: number) => op('Floor', op('Div', x, n(d)));
  const days = floorDiv(ms, DAY_MS);
  let out: Value;
  if (part === 'hour' || part === 'minute') {
    const inDay = op('Sub', ms, op('Mul', days, n(DAY_MS)));
    out = part === 'hour' ? floorDiv(inDay, 3_600_000) : b.node('num', 'Mod', [floorDiv(inDay, 60_000), n(60)], { fmod: attr.int(1) });
  } else if (part === 'weekday') {
    // 1970-01-01 was a Thursday: ((days + 3) % 7 + 7) % 7 with JavaScript's (truncating) %.
    const mod7 = (x: Value) => b.node('num', 'Mod', [x, n(7)], { fmod: attr.int(1) });
    out = mod7(op('Add', mod7(op('Add', days, n(3))), n(7)));
  } else {
    const z = op('Add', days, n(719468));
    const era = floorDiv(z, 146097);
    const doe = op('Sub', z, op('Mul', era, n(146097)));
    const yoe = floorDiv(op('Sub', op('Add', op('Sub', doe, floorDiv(doe, 1460)), floorDiv(doe, 36524)), floorDiv(doe, 146096)), 365);
    const doy = op('Sub', doe, op('Sub', op('Add', op('Mul', yoe, n(365)), floorDiv(yoe, 4)), floorDiv(yoe, 100)));
    const mp = floorDiv(op('Add', op('Mul', doy, n(5)), n(2)), 153);
    const day = op('Add', op('Sub', doy, floorDiv(op('Add', op('Mul', mp, n(153)), n(2)), 5)), n(1));
    const month = b.where(b.node('bool', 'Less', [mp, n(10)]), op('Add', mp, n(3)), op('Sub', mp, n(9)));
    if (part === 'day') out = day;
    else if (part === 'month') out = month;
    else {
      const early = b.toDouble(b.node('bool', 'LessOrEqual', [month, n(2)]));
      out = op('Add', op('Add', yoe, op('Mul', era, n(400))), early);
    }
  }
  // An infinite date has no parts (NaN stays NaN through the arithmetic).
  return b.where(b.isInf(ms), n(NaN), out);
}
