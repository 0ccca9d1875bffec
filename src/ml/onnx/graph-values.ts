// Graph values described before they are written: a small DAG that is emitted only where a model output reaches it.

import type { ColumnType } from '../../core/table/table.ts';
import { attr, ML_DOMAIN, type AttrValue, type GraphBuilder } from './graph.ts';

/**
 * What a value holds. 'num': DOUBLE [N, 1] (numbers, dates as ms since 1970 UTC, booleans 0/1), NaN when
 * missing. 'str': STRING [N, 1], '' when missing. 'bool': BOOL, the value or the missing flag of a condition.
 * 'int': INT64, a step inside a value. Literals are scalars, broadcast against columns by the ops.
 */
export type ValueKind = 'num' | 'str' | 'bool' | 'int';

/** Where a graph input comes from: a raw column (after = −1), or a column as a recipe step leaves it. */
export interface Source {
  column: string;
  /** −1 for the raw column; else the index (in the fitted recipe's steps) of the step that leaves it. */
  after: number;
  columnType: ColumnType;
  kind: 'num' | 'str';
  /** The raw columns computing it needs (itself for a raw column). */
  raw: ReadonlySet<string>;
}

export class Value {
  /** The graph inputs this value reads (none for a literal). */
  readonly sources: ReadonlySet<Source>;

  constructor(
    readonly kind: ValueKind,
    readonly inputs: readonly Value[],
    readonly make: (g: GraphBuilder, args: string[]) => string,
    /** The recipe step whose work this is (undefined for graph inputs and literals). */
    readonly step: number | undefined,
    readonly source?: Source,
    /** A literal's value, for the few operations that need it known (round's digits). */
    readonly constant?: number | string | boolean,
  ) {
    const sources = new Set<Source>();
    if (source) sources.add(source);
    for (const v of inputs) for (const s of v.sources) sources.add(s);
    this.sources = sources;
  }
}

const TO_BOOL = 9;
const TO_DOUBLE = 11;
const TO_INT64 = 7;

/**
 * Builds values for one recipe: every value made while `step` is set belongs to that step. Literals are
 * shared, so a constant used many times is one initializer.
 */
export class ValueBuilder {
  step: number | undefined;
  /** The steps that made a value of their own (wiring steps make none). */
  readonly made = new Set<number>();
  private readonly numbers = new Map<number, Value>();
  private readonly texts = new Map<string, Value>();
  private readonly bools = new Map<boolean, Value>();

  source(s: Source): Value {
    return new Value(s.kind, [], () => {
      throw new Error(`The graph input for "${s.column}" was not declared`);
    }, undefined, s);
  }

  node(kind: ValueKind, opType: string, inputs: Value[], attrs?: Record<string, AttrValue>, domain?: string): Value {
    return this.custom(kind, inputs, (g, args) => g.op(opType, args, attrs, domain));
  }

  /** A value written by several nodes at once (`make` gets the inputs' names). */
  custom(kind: ValueKind, inputs: Value[], make: (g: GraphBuilder, args: string[]) => string): Value {
    if (this.step !== undefined) this.made.add(this.step);
    return new Value(kind, inputs, make, this.step);
  }

  num(x: number): Value {
    let v = this.numbers.get(x);
    if (!v) this.numbers.set(x, (v = new Value('num', [], (g) => g.doubleTensor('c', [], [x]), undefined, undefined, x)));
    return v;
  }

  text(s: string): Value {
    let v = this.texts.get(s);
    if (!v) this.texts.set(s, (v = new Value('str', [], (g) => g.stringTensor('s', [], [s]), undefined, undefined, s)));
    return v;
  }

  bool(b: boolean): Value {
    let v = this.bools.get(b);
    if (!v) {
      v = new Value('bool', [], (g) => g.op('Cast', [g.int64Tensor(b ? 'true' : 'false', [], [b ? 1 : 0])], { to: attr.int(TO_BOOL) }), undefined, undefined, b);
      this.bools.set(b, v);
    }
    return v;
  }

  not(a: Value): Value {
    if (typeof a.constant === 'boolean') return this.bool(!a.constant);
    return this.node('bool', 'Not', [a]);
  }

  and(a: Value, b: Value): Value {
    if (a.constant === true) return b;
    if (b.constant === true) return a;
    if (a.constant === false || b.constant === false) return this.bool(false);
    return this.node('bool', 'And', [a, b]);
  }

  or(a: Value, b: Value): Value {
    if (a.constant === false) return b;
    if (b.constant === false) return a;
    if (a.constant === true || b.constant === true) return this.bool(true);
    return this.node('bool', 'Or', [a, b]);
  }

  where(cond: Value, yes: Value, no: Value): Value {
    if (cond.constant === true) return yes;
    if (cond.constant === false) return no;
    // onnxruntime has no Where for BOOL: (c and yes) or (not c and no).
    if (yes.kind === 'bool') return this.or(this.and(cond, yes), this.and(this.not(cond), no));
    return this.node(yes.kind, 'Where', [cond, yes, no]);
  }

  isNaN(x: Value): Value {
    return typeof x.constant === 'number' ? this.bool(x.constant !== x.constant) : this.node('bool', 'IsNaN', [x]);
  }

  isInf(x: Value): Value {
    return typeof x.constant === 'number' ? this.bool(x.constant === Infinity || x.constant === -Infinity) : this.node('bool', 'IsInf', [x]);
  }

  isFinite(x: Value): Value {
    return typeof x.constant === 'number' ? this.bool(Number.isFinite(x.constant)) : this.not(this.or(this.isNaN(x), this.isInf(x)));
  }

  toDouble(x: Value): Value {
    return this.node('num', 'Cast', [x], { to: attr.int(TO_DOUBLE) });
  }

  toInt(x: Value): Value {
    return this.node('int', 'Cast', [x], { to: attr.int(TO_INT64) });
  }

  /**
   * A result that is not a finite number although every input is (x / 0, log(0), sqrt(−1), an overflow)
   * becomes missing, as the recipe's expressions say: an infinity made by the recipe would look like data.
   */
  missingIfNotFinite(r: Value, inputs: Value[]): Value {
    let allFinite = this.bool(true);
    for (const x of inputs) allFinite = this.and(allFinite, this.isFinite(x));
    return this.where(this.and(this.not(this.isFinite(r)), allFinite), this.num(NaN), r);
  }

  /** Whether each text is in `keys` (a LabelEncoder text → 1, else 0), as BOOL. */
  inTexts(x: Value, keys: readonly string[]): Value {
    if (keys.length === 0) return this.bool(false);
    if (typeof x.constant === 'string') return this.bool(keys.includes(x.constant));
    const hit = this.node('int', 'LabelEncoder', [x], { keys_strings: attr.strings(keys), values_int64s: attr.ints(keys.map(() => 1)), default_int64: attr.int(0) }, ML_DOMAIN);
    return this.node('bool', 'Cast', [hit], { to: attr.int(TO_BOOL) });
  }

  /** The texts in `map` replaced by their values, the others left as they are. */
  mapTexts(x: Value, map: ReadonlyMap<string, string>): Value {
    if (map.size === 0) return x;
    const keys = [...map.keys()];
    const mapped = this.node('str', 'LabelEncoder', [x], { keys_strings: attr.strings(keys), values_strings: attr.strings([...map.values()]), default_string: attr.string('') }, ML_DOMAIN);
    return this.where(this.inTexts(x, keys), mapped, x);
  }
}

/** Writes values into a graph, each once, inputs first; graph inputs are named by `inputName`. */
export class Emitter {
  private readonly names = new Map<Value, string>();

  constructor(
    private readonly g: GraphBuilder,
    private readonly inputName: (s: Source) => string,
  ) {}

  name(v: Value): string {
    let name = this.names.get(v);
    if (name === undefined) {
      name = v.source ? this.inputName(v.source) : v.make(this.g, v.inputs.map((x) => this.name(x)));
      this.names.set(v, name);
    }
    return name;
  }
}
