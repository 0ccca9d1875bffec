// Turns a fitted recipe's value steps into ONNX nodes ahead of the preprocessing, so model.onnx takes the raw columns.
//
// Which steps: the 'values' steps (stepScope) whose results reach a model feature; row steps (filter, dedupe,
// dropped outliers) shaped the training rows only and serving leaves them out. Per kind:
//   select, drop, rename   wiring: which value a name refers to
//   cast                   between number types (integer: whole numbers only; boolean: 0 and 1 only)
//   impute                 Where(missing, fitted value, x); '' is a missing text
//   outliers (clip)        Where(x < lower, lower, Where(x > upper, upper, x)), NaN left missing
//   text                   lower/upper case: StringNormalizer
//   merge                  LabelEncoder text → text over every value the fit saw and the listed pairs
//   derive                 the expression, node by node (recipe-expression.ts)
//   bin                    the number of fitted edges ≤ x picks the label (GreaterOrEqual, ReduceSum, Gather)
// A step the graph cannot express (parse-dates, text read as numbers, trim/collapse/accents/title case,
// forward fill, text functions) cuts the graph there: model.onnx takes the columns that step writes, as
// the step leaves them, and whoever calls it applies the recipe up to that step first (recipe.json says
// which; `lathe serve` does it itself). Raw numbers a step reads come in as DOUBLE, so comparisons with
// fitted edges and bounds are exact; a number that goes straight to the model stays FLOAT, as without a
// recipe. Raw texts come in as written: '' and the missing spellings Lathe's parser knows mean missing.

import { normalizeCategory } from '../../core/profile/dirty-categories.ts';
import { lookup } from '../../core/recipe/columns.ts';
import { describeStep, stepScope } from '../../core/recipe/describe.ts';
import { checkExpression } from '../../core/recipe/expression/check.ts';
import { binLabels } from '../../core/recipe/steps/bin.ts';
import { implOf } from '../../core/recipe/steps/index.ts';
import type { ColumnInfo, FittedRecipe, MergeStep, Step, StepKind } from '../../core/recipe/types.ts';
import type { ColumnType } from '../../core/table/table.ts';
import { attr, GraphBuilder, type ElemType } from './graph.ts';
import { Emitter, Value, ValueBuilder, type Source } from './graph-values.ts';
import { BATCH_DIM, MISSING_CATEGORY_TEXTS } from './preprocess-graph.ts';
import { changeCase, ExpressionCompiler, NotExpressible, type Expr, type GraphColumn } from './recipe-expression.ts';

export interface RecipeGraphInput {
  /** The graph input's name: the column's name, unless two inputs would share it. */
  name: string;
  /** The column it carries, and where: −1 for the raw column, else the index of the step that leaves it so. */
  column: string;
  after: number;
  type: 'FLOAT' | 'DOUBLE' | 'STRING';
  columnType: ColumnType;
  description: string;
}

/** Where a step happens when the model serves: in model.onnx, before it (the client), in training only, or nowhere it matters. */
export type StepPlace = 'graph' | 'client' | 'training' | 'unused';

export interface RecipeStepPlan {
  /** 0-based index in the fitted recipe's steps. */
  index: number;
  id: string;
  kind: StepKind;
  /** describeStep's sentence. */
  text: string;
  place: StepPlace;
  /** Why model.onnx cannot apply it (steps left to the client). */
  reason?: string;
}

export interface RecipeGraph {
  inputs: RecipeGraphInput[];
  steps: RecipeStepPlan[];
  /** The raw columns the inputs are computed from (what a request to `lathe serve` carries). */
  rawColumns: ColumnInfo[];
  /** The last step a client applies before calling model.onnx; −1 when model.onnx takes raw columns only. */
  clientThrough: number;
  /** Writes the recipe's nodes (the inputs already declared); per feature, its prepared value's name and type. */
  emit(g: GraphBuilder): Map<string, { name: string; type: ElemType }>;
}

export interface FeatureNeed {
  name: string;
  kind: 'numeric' | 'onehot';
}

const NUMBER_TYPES = new Set<ColumnType>(['integer', 'float', 'boolean', 'datetime']);
const isNumberType = (t: ColumnType) => NUMBER_TYPES.has(t);

/** Plans the graph of `fitted` for a model reading `features` (columns of the recipe's output). */
export function recipeGraph(fitted: FittedRecipe, features: readonly FeatureNeed[]): RecipeGraph {
  const b = new ValueBuilder();
  let infos: ColumnInfo[] = fitted.input.map((c) => ({ name: c.name, type: c.type }));
  let env = new Map<string, Value>();
  for (const c of infos) {
    env.set(c.name, b.source({ column: c.name, after: -1, columnType: c.type, kind: isNumberType(c.type) ? 'num' : 'str', raw: new Set([c.name]) }));
  }
  const normalized = new Map<Value, Value>();
  // A raw text column with its missing spellings turned into '' (values made inside the graph already use '').
  const text = (v: Value): Value => {
    if (!(v.source && v.source.after < 0 && v.kind === 'str')) return v;
    let n = normalized.get(v);
    if (!n) {
      const step = b.step;
      b.step = undefined;
      n = b.where(b.inTexts(v, MISSING_CATEGORY_TEXTS), b.text(''), v);
      b.step = step;
      normalized.set(v, n);
    }
    return n;
  };
  const reasons = new Map<number, string>();

  fitted.steps.forEach((step, i) => {
    const next = implOf(step).schema(infos, step);
    if (stepScope(step) === 'values') {
      const types = new Map(infos.map((c) => [c.name, c.type]));
      b.step = i;
      try {
        env = applyStep(b, step, env, types, text);
      } catch (err) {
        if (!(err instanceof NotExpressible)) throw err;
        reasons.set(i, err.message);
        env = cutAt(b, step, i, env, infos, next);
      }
      b.step = undefined;
    }
    infos = next;
  });

  const featureValues = features.map((f) => {
    const v = env.get(f.name);
    if (!v) throw new Error(`The recipe leaves no column "${f.name}", which the model reads`);
    const want = f.kind === 'numeric' ? 'num' : 'str';
    if (v.kind !== want) throw new Error(`The recipe leaves "${f.name}" as ${v.kind === 'num' ? 'numbers' : 'text'}, but the model reads ${want === 'num' ? 'numbers' : 'text'}`);
    return v;
  });

  // Everything the features reach: the graph inputs, which of them an operation reads, and the steps at work.
  const reached = new Set<Value>();
  const stack = [...featureValues];
  while (stack.length) {
    const v = stack.pop() as Value;
    if (reached.has(v)) continue;
    reached.add(v);
    stack.push(...v.inputs);
  }
  const used = new Set<Source>();
  const readByOp = new Set<Source>();
  const working = new Set<number>();
  for (const v of reached) {
    if (v.source) used.add(v.source);
    if (v.step !== undefined) working.add(v.step);
    for (const x of v.inputs) if (x.source) readByOp.add(x.source);
  }

  const columnOrder = new Map(fitted.input.map((c, i) => [c.name, i]));
  const sources = [...used].sort((x, y) => x.after - y.after || (columnOrder.get(x.column) ?? 0) - (columnOrder.get(y.column) ?? 0));
  const taken = new Set<string>();
  const inputs: RecipeGraphInput[] = [];
  const nameOf = new Map<Source, string>();
  for (const s of sources) {
    let name = s.column;
    if (taken.has(name)) name = `${s.column} (after step ${s.after + 1})`;
    for (let k = 2; taken.has(name); k++) name = `${s.column} (after step ${s.after + 1}, ${k})`;
    taken.add(name);
    nameOf.set(s, name);
    const type = s.kind === 'str' ? 'STRING' : s.after >= 0 || readByOp.has(s) ? 'DOUBLE' : 'FLOAT';
    inputs.push({ name, column: s.column, after: s.after, type, columnType: s.columnType, description: inputDescription(s, type, fitted) });
  }

  const raw = new Set<string>();
  for (const s of used) for (const c of s.raw) raw.add(c);
  const rawColumns = fitted.input.filter((c) => raw.has(c.name)).map((c) => ({ name: c.name, type: c.type }));
  const clientThrough = Math.max(-1, ...sources.map((s) => s.after));

  const steps: RecipeStepPlan[] = fitted.steps.map((step, index) => {
    const plan: RecipeStepPlan = { index, id: step.id, kind: step.kind, text: describeStep(step), place: 'unused' };
    const reason = reasons.get(index);
    if (stepScope(step) === 'rows') plan.place = 'training';
    else if (reason !== undefined) {
      if (sources.some((s) => s.after === index)) plan.place = 'client';
      plan.reason = reason;
    } else if (working.has(index) || !b.made.has(index)) {
      // Wiring (select, drop, rename) and no-op casts make no value of their own: the graph follows them.
      plan.place = 'graph';
    }
    return plan;
  });

  return {
    inputs,
    steps,
    rawColumns,
    clientThrough,
    emit(g) {
      const e = new Emitter(g, (s) => {
        const name = nameOf.get(s);
        if (name === undefined) throw new Error(`No graph input carries "${s.column}"`);
        return name;
      });
      const out = new Map<string, { name: string; type: ElemType }>();
      features.forEach((f, k) => {
        const v = featureValues[k];
        const type: ElemType = v.source ? (inputs.find((x) => x.name === nameOf.get(v.source as Source)) as RecipeGraphInput).type : v.kind === 'num' ? 'DOUBLE' : 'STRING';
        out.set(f.name, { name: e.name(v), type });
      });
      return out;
    },
  };
}

function inputDescription(s: Source, type: RecipeGraphInput['type'], fitted: FittedRecipe): string {
  if (s.after >= 0) {
    const step = fitted.steps[s.after];
    return `"${s.column}" as recipe step ${s.after + 1} (${describeStep(step)}) leaves it: apply steps 1–${s.after + 1} of recipe.json to the raw row first`;
  }
  if (type === 'STRING') return `raw text of "${s.column}"; '' or NA when missing`;
  return `raw ${s.columnType === 'datetime' ? 'date (ms since 1970-01-01 UTC)' : s.columnType === 'boolean' ? 'boolean (0 or 1)' : 'number'} "${s.column}"${type === 'DOUBLE' ? ' (float64)' : ''}; NaN when missing`;
}

/** The environment after one value step; NotExpressible when the graph cannot do what it does. */
function applyStep(b: ValueBuilder, step: Step, env: Map<string, Value>, types: Map<string, ColumnType>, text: (v: Value) => Value): Map<string, Value> {
  const get = (name: string): Value => {
    const v = env.get(name);
    if (!v) throw new Error(`Step ${step.id} reads "${name}", which the recipe does not have there`);
    return v;
  };
  const type = (name: string) => types.get(name) as ColumnType;
  const out = new Map(env);
  switch (step.kind) {
    case 'select':
      return new Map(step.columns.map((c) => [c, get(c)]));
    case 'drop':
      for (const c of step.columns) out.delete(c);
      return out;
    case 'rename':
      return new Map([...env].map(([name, v]) => [lookup(step.names, name) ?? name, v]));
    case 'cast': {
      const from = type(step.column);
      const x = get(step.column);
      if (from === step.to || (!isNumberType(from) && !isNumberType(step.to))) return out;
      if (!isNumberType(from)) throw new NotExpressible(`reading text as ${step.to} follows Lathe's parser, which ONNX has no operators for`);
      if (!isNumberType(step.to)) throw new NotExpressible(`writing numbers as text follows Lathe's number format, which ONNX has no operators for`);
      if (step.to === 'integer') {
        // Number.isInteger: the fraction is 0, which also rules out ±Infinity (∞ − ∞ is NaN).
        const whole = b.node('bool', 'Equal', [b.node('num', 'Sub', [x, b.node('num', 'Floor', [x])]), b.num(0)]);
        out.set(step.column, b.where(whole, x, b.num(NaN)));
      } else if (step.to === 'boolean') {
        const bit = b.or(b.node('bool', 'Equal', [x, b.num(0)]), b.node('bool', 'Equal', [x, b.num(1)]));
        out.set(step.column, b.where(bit, x, b.num(NaN)));
      } else if (step.to === 'datetime') {
        throw new NotExpressible('numbers do not say which date they mean');
      }
      return out;
    }
    case 'impute': {
      if (step.method === 'ffill') throw new NotExpressible('filling a gap with the value of the row before depends on the order of the rows sent');
      for (const c of step.columns) {
        const fill = step.fitted ? lookup(step.fitted.values, c) : undefined;
        if (fill === undefined || fill === null) throw new Error(`The recipe was not fitted: no value to impute "${c}" with`);
        const x = get(c);
        if (x.kind === 'num') {
          const gap = step.infinite ? b.or(b.isNaN(x), b.isInf(x)) : b.isNaN(x);
          out.set(c, b.where(gap, b.num(fill as number), x));
        } else {
          const t = text(x);
          out.set(c, b.where(b.inTexts(t, ['']), b.text(String(fill)), t));
        }
      }
      return out;
    }
    case 'outliers': {
      for (const c of step.columns) {
        const bounds = step.fitted ? lookup(step.fitted.bounds, c) : undefined;
        if (!bounds) throw new Error(`The recipe was not fitted: no bounds for "${c}"`);
        const x = get(c);
        const lo = b.num(bounds.lower);
        const hi = b.num(bounds.upper);
        out.set(c, b.where(b.node('bool', 'Less', [x, lo]), lo, b.where(b.node('bool', 'Greater', [x, hi]), hi, x)));
      }
      return out;
    }
    case 'text': {
      const refused = [step.trim && 'trimming', step.collapse && 'collapsing spaces', step.accents && 'removing accents', step.case === 'title' && 'title case'].filter(Boolean);
      if (refused.length) throw new NotExpressible(`${refused.join(', ')} need${refused.length === 1 ? 's' : ''} string operators newer than ONNX opset 13`);
      if (step.case === 'lower' || step.case === 'upper') for (const c of step.columns) out.set(c, changeCase(b, text(get(c)), step.case));
      return out;
    }
    case 'merge':
      out.set(step.column, b.mapTexts(text(get(step.column)), mergeTable(step)));
      return out;
    case 'derive': {
      const columns = new Map<string, GraphColumn>([...env].map(([name, value]) => [name, { value, type: type(name) }]));
      const { expr } = new ExpressionCompiler(b, columns, text).compile(step.expression);
      const value = exprColumn(b, expr);
      if (value.sources.size === 0) throw new NotExpressible('it has the same value in every row, so there is no input to compute it from');
      out.set(step.name, value);
      return out;
    }
    case 'bin': {
      const edges = step.fitted?.edges;
      if (!edges) throw new Error(`The recipe was not fitted: no edges to bin "${step.column}" with`);
      out.set(step.name, binValue(b, get(step.column), edges));
      return out;
    }
    case 'parse-dates':
      throw new NotExpressible("reading dates from text follows Lathe's date parser, which ONNX has no operators for");
    default:
      throw new NotExpressible(`a ${step.kind} step has no ONNX form`);
  }
}

/** The columns a step writes, which become graph inputs when the step is left to the client. */
function written(step: Step): string[] {
  switch (step.kind) {
    case 'cast':
    case 'merge':
    case 'parse-dates':
      return [step.column];
    case 'impute':
    case 'outliers':
    case 'text':
      return step.columns;
    case 'derive':
    case 'bin':
      return [step.name];
    default:
      return [];
  }
}

/** The columns a step reads (to know which raw columns computing its output needs). */
function read(step: Step, infos: ColumnInfo[]): string[] {
  if (step.kind === 'derive') return checkExpression(step.expression, infos).columns;
  if (step.kind === 'bin') return [step.column];
  return written(step);
}

/** The environment after a step left to the client: what it writes comes in as graph inputs. */
function cutAt(b: ValueBuilder, step: Step, index: number, env: Map<string, Value>, before: ColumnInfo[], after: ColumnInfo[]): Map<string, Value> {
  const raw = new Set<string>();
  for (const c of read(step, before)) for (const s of env.get(c)?.sources ?? []) for (const r of s.raw) raw.add(r);
  const out = new Map(env);
  for (const column of written(step)) {
    const columnType = (after.find((c) => c.name === column) as ColumnInfo).type;
    out.set(column, b.source({ column, after: index, columnType, kind: isNumberType(columnType) ? 'num' : 'str', raw }));
  }
  return out;
}

/** An expression's value as a table column holds it: booleans as 0/1 with NaN missing (vecToColumn). */
function exprColumn(b: ValueBuilder, expr: Expr): Value {
  switch (expr.t) {
    case 'bool':
      return b.where(expr.m, b.num(NaN), b.toDouble(expr.v));
    case 'null':
      return b.num(NaN);
    default:
      return expr.v;
  }
}

/** Each seen or listed text → its merged form, as mergeStep serves it (computed here in JavaScript, exactly). */
export function mergeTable(step: MergeStep): Map<string, string> {
  const fitted = step.fitted;
  if (!fitted) throw new Error(`The recipe was not fitted: merging "${step.column}" has no recorded map`);
  const merged = (t: string): string => {
    const auto = step.auto ? (lookup(fitted.groups, normalizeCategory(t)) ?? t) : t;
    return lookup(step.mapping, auto) ?? auto;
  };
  const candidates = new Set([...Object.keys(fitted.map), ...Object.values(fitted.map), ...Object.keys(step.mapping), ...Object.values(step.mapping), ...Object.values(fitted.groups)]);
  const table = new Map<string, string>();
  for (const t of [...candidates].sort()) {
    if (t === '') continue;
    const to = merged(t);
    if (to !== t) table.set(t, to);
  }
  return table;
}

/** A bin's label: how many fitted edges are ≤ x picks it ('' for a missing x), as binStep's binary search. */
function binValue(b: ValueBuilder, x: Value, edges: number[]): Value {
  const labels = binLabels(edges);
  return b.custom('str', [x], (g, [input]) => {
    const missing = g.op('IsNaN', [input]);
    const empty = g.stringTensor('no_bin', [], ['']);
    if (edges.length === 0) return g.op('Where', [missing, empty, g.stringTensor('bin', [], [labels[0]])]);
    const above = g.op('Cast', [g.op('GreaterOrEqual', [input, g.doubleTensor('edges', [edges.length], edges)])], { to: attr.int(7) });
    const count = g.op('ReduceSum', [above, g.int64Tensor('axis1', [1], [1])], { keepdims: attr.int(1) });
    const label = g.op('Gather', [g.stringTensor('bin_labels', [labels.length], labels), count], { axis: attr.int(0) });
    return g.op('Where', [missing, empty, label]);
  });
}

/** The name recipeOnnx gives a prepared column's output. */
export const preparedOutput = (column: string) => `prepared:${column}`;

/**
 * The recipe alone as a model: its inputs, and the prepared columns as outputs named preparedOutput(column),
 * [N, 1] each. For checking the recipe's nodes against applyFittedValues column by column.
 */
export function recipeOnnx(fitted: FittedRecipe, columns: readonly FeatureNeed[]): { bytes: Uint8Array; graph: RecipeGraph } {
  const graph = recipeGraph(fitted, columns);
  const g = new GraphBuilder('recipe');
  const outputs = columns.map((c) => preparedOutput(c.name));
  g.reserve(...outputs);
  for (const input of graph.inputs) g.addInput(input.name, input.type, [BATCH_DIM, 1], input.description);
  const values = graph.emit(g);
  columns.forEach((c, k) => {
    const v = values.get(c.name) as { name: string; type: ElemType };
    g.node('Identity', [v.name], { outputs: [outputs[k]] });
    g.addOutput(outputs[k], v.type, [BATCH_DIM, 1]);
  });
  return { bytes: g.toModelBytes({ producerName: 'Lathe', producerVersion: 'recipe' }), graph };
}
