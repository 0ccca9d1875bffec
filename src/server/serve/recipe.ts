// A bundle's recipe.json at serving time: requests in raw columns get the steps model.onnx cannot apply, here.

import { Tensor } from 'onnxruntime-node';
import { UserError } from '../../core/errors/user-error.ts';
import { presentText } from '../../core/parse/type-rules.ts';
import { columnsAt, type ColumnAt } from '../../core/recipe/columns-at.ts';
import type { ColumnInfo, FittedRecipe } from '../../core/recipe/types.ts';
import { checkRecipe } from '../../core/recipe/validate.ts';
import type { Column, ColumnType, Table } from '../../core/table/table.ts';
import { HttpError } from './http-error.ts';
import type { Signature, TensorSpec } from './tensors.ts';

/** What recipe.json says (the part serving reads): the fitted recipe, and where each graph input comes from. */
export interface BundleRecipe {
  fitted: FittedRecipe;
  /** The graph's inputs: a raw column (after −1), or a column as step `after` (0-based) leaves it. */
  inputs: (ColumnAt & { name: string })[];
  /** The raw columns the inputs are computed from: what a request in raw columns carries. */
  rawColumns: ColumnInfo[];
}

const NUMBER_TYPES = new Set<ColumnType>(['integer', 'float', 'boolean', 'datetime']);
const COLUMN_TYPES = new Set<string>(['integer', 'float', 'boolean', 'categorical', 'text', 'datetime', 'identifier']);

/** recipe.json's contents, checked; a UserError naming the file when it is not one Lathe wrote. */
export function parseRecipeFile(bytes: Uint8Array, where: string): BundleRecipe {
  const bad = (why: string) => new UserError(`recipe.json in "${where}" is not a Lathe recipe file: ${why}.`, 'Export the bundle again from the Deploy step.');
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    throw bad(`it is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const d = doc as { format?: unknown; recipe?: unknown; inputs?: unknown; rawColumns?: unknown };
  if (typeof doc !== 'object' || doc === null || d.format !== 'lathe-recipe') throw bad('it has no "format": "lathe-recipe"');
  const fitted = d.recipe as FittedRecipe;
  if (typeof fitted !== 'object' || fitted === null || fitted.fitted !== true || !Array.isArray(fitted.input)) throw bad('"recipe" is not a fitted recipe');
  if (!fitted.input.every(isColumnInfo)) throw bad('"recipe.input" does not list columns with their types');
  try {
    const check = checkRecipe(fitted.input, fitted);
    if (check.problem) throw check.problem.error;
  } catch (err) {
    throw err instanceof UserError ? bad(err.message) : err;
  }
  if (!Array.isArray(d.inputs)) throw bad('it has no list of "inputs"');
  const inputs = d.inputs.map((x: unknown) => {
    const i = x as { name?: unknown; column?: unknown; afterStep?: unknown };
    const after = i.afterStep === null ? -1 : typeof i.afterStep === 'number' && Number.isInteger(i.afterStep) ? i.afterStep - 1 : NaN;
    if (typeof i.name !== 'string' || typeof i.column !== 'string' || !(after >= -1 && after < fitted.steps.length)) throw bad('an entry of "inputs" has no name, column or step');
    return { name: i.name, column: i.column, after };
  });
  if (!Array.isArray(d.rawColumns) || !d.rawColumns.every(isColumnInfo)) throw bad('"rawColumns" does not list columns with their types');
  return { fitted, inputs, rawColumns: d.rawColumns.map((c: ColumnInfo) => ({ name: c.name, type: c.type })) };
}

function isColumnInfo(c: unknown): c is ColumnInfo {
  const x = c as ColumnInfo;
  return typeof c === 'object' && c !== null && typeof x.name === 'string' && COLUMN_TYPES.has(x.type);
}

/** How a served model takes requests in raw columns. */
export interface ServingRecipe {
  /** What a request in raw columns is checked against: one [N, 1] tensor per raw column. */
  request: Signature;
  /** Whether a request carries model.onnx's own inputs (then it goes to the model as it is). */
  isDirect(body: unknown): boolean;
  /** The model's feeds from the raw columns' tensors: the recipe applied up to the last step model.onnx lacks. */
  prepare(raw: Record<string, Tensor>): Record<string, Tensor>;
}

/**
 * The recipe serving applies for a bundle, or undefined when model.onnx applies every step itself (its inputs
 * are then the raw columns). Throws a UserError when recipe.json and model.onnx disagree on the inputs.
 */
export function servingRecipe(recipe: BundleRecipe, model: Signature): ServingRecipe | undefined {
  const fix = 'Export the bundle again so recipe.json matches model.onnx.';
  const listed = new Set(recipe.inputs.map((i) => i.name));
  for (const s of model.inputs) if (!listed.has(s.name)) throw new UserError(`recipe.json does not say where model.onnx's input "${s.name}" comes from.`, fix);
  if (recipe.inputs.length !== model.inputs.length) throw new UserError('recipe.json lists inputs model.onnx does not have.', fix);
  if (recipe.inputs.every((i) => i.after < 0)) return undefined;

  const specs: TensorSpec[] = recipe.rawColumns.map((c) =>
    NUMBER_TYPES.has(c.type) ? { name: c.name, type: 'float64', datatype: 'FP64', dims: ['N', 1] } : { name: c.name, type: 'string', datatype: 'BYTES', dims: ['N', 1] },
  );
  const request: Signature = {
    inputs: specs,
    outputs: model.outputs,
    inputByName: new Map(specs.map((s) => [s.name, s])),
    outputByName: model.outputByName,
    outputNames: model.outputNames,
  };
  const byName = new Map(recipe.inputs.map((i) => [i.name, i]));
  return {
    request,
    isDirect(body) {
      const inputs = (body as { inputs?: unknown } | null)?.inputs;
      if (!Array.isArray(inputs) || inputs.length !== model.inputs.length) return false;
      return inputs.every((x: unknown) => {
        const t = x as { name?: unknown; datatype?: unknown };
        const s = typeof t?.name === 'string' ? model.inputByName.get(t.name) : undefined;
        return s !== undefined && (t.datatype === 'BYTES') === (s.datatype === 'BYTES');
      });
    },
    prepare(raw) {
      const table = tableOf(recipe.rawColumns, raw);
      let columns: Column[];
      try {
        columns = columnsAt(recipe.fitted, table, model.inputs.map((s) => byName.get(s.name) as ColumnAt));
      } catch (err) {
        if (err instanceof UserError) throw new HttpError(400, `The recipe could not prepare the request: ${err.message}`);
        throw err;
      }
      const feeds: Record<string, Tensor> = {};
      model.inputs.forEach((s, k) => {
        feeds[s.name] = tensorOf(s, columns[k], table.rowCount);
      });
      return feeds;
    },
  };
}

/** The request's raw tensors as a table: numbers (NaN missing), texts read as Lathe's loader reads a cell. */
function tableOf(columns: ColumnInfo[], raw: Record<string, Tensor>): Table {
  let rows = 0;
  const out: Column[] = columns.map((c) => {
    const t = raw[c.name];
    rows = t.dims[0] ?? 0;
    if (t.type !== 'string') return { kind: 'numeric', name: c.name, type: c.type as 'float', values: Float64Array.from(t.data as Float64Array) };
    const dictionary: string[] = [];
    const index = new Map<string, number>();
    const codes = Int32Array.from(t.data as string[], (s) => {
      // '' and NA, N/A, null, NaN, None in any case (spaces around too) are missing, as the loader reads them.
      if (presentText(s) === null) return -1;
      let code = index.get(s);
      if (code === undefined) index.set(s, (code = dictionary.push(s) - 1));
      return code;
    });
    return { kind: 'coded', name: c.name, type: c.type as 'categorical', codes, dictionary };
  });
  return { rowCount: rows, columns: out };
}

function tensorOf(s: TensorSpec, column: Column, n: number): Tensor {
  if (s.type === 'string') {
    if (column.kind !== 'coded') throw new HttpError(500, `The recipe gives numbers for "${s.name}", which model.onnx takes as text.`);
    return new Tensor('string', Array.from(column.codes, (c) => (c < 0 ? '' : column.dictionary[c])), [n, 1]);
  }
  if (column.kind !== 'numeric') throw new HttpError(500, `The recipe gives text for "${s.name}", which model.onnx takes as numbers.`);
  return s.type === 'float64' ? new Tensor('float64', Float64Array.from(column.values), [n, 1]) : new Tensor('float32', Float32Array.from(column.values), [n, 1]);
}
