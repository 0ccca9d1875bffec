// Runs an exported model.onnx with onnxruntime-web on table rows and compares it with Lathe's own predictions.

import type * as OrtWeb from 'onnxruntime-web';
import type { PreprocessSpec } from '../core/prep/preprocess.ts';
import { getColumn, type Table } from '../core/table/table.ts';
import { OUTPUT_NAMES, type PipelineTarget } from './onnx/pipeline.ts';
import type { Feed } from './onnx/recipe-feeds.ts';

/** The largest difference allowed between ONNX and Lathe, on probabilities or predicted values. */
export const PARITY_TOLERANCE = 1e-5;
/** At most this many held-out rows are checked: enough to catch a wrong slot or a rounding drift, fast in a page. */
export const PARITY_MAX_ROWS = 1000;

export interface ParityResult {
  /** Rows run through both. */
  rows: number;
  /** Largest |ONNX − Lathe| over every probability (classification) or prediction (regression); NaN when it could not run. */
  maxAbsDiff: number;
  /** Rows whose ONNX label differs from the class Lathe's probabilities pick (always 0 for regression). */
  labelMismatches: number;
  passed: boolean;
  tolerance: number;
  /** Why the check could not run at all (e.g. the runtime failed to load); the other figures are then empty. */
  error?: string;
}

/** The onnxruntime-web module, passed in so the caller decides how (and when) it is loaded and configured. */
export type OrtModule = Pick<typeof OrtWeb, 'InferenceSession' | 'Tensor'>;

export interface OnnxParityOptions {
  ort: OrtModule;
  onnx: Uint8Array;
  spec: PreprocessSpec;
  target: PipelineTarget;
  table: Table;
  rows: ArrayLike<number>;
  /** Lathe's output for the same rows: n × k probabilities (row-major) or n predicted values. */
  expected: ArrayLike<number>;
  /**
   * The graph's inputs for those rows when they are not the table's feature columns: a graph with a recipe
   * inside takes the raw rows the prepared ones came from (recipeFeeds).
   */
  feeds?: Record<string, Feed>;
}

export async function onnxParity(opts: OnnxParityOptions): Promise<ParityResult> {
  const { ort, target } = opts;
  const n = opts.rows.length;
  const k = target.task === 'classification' ? target.classes.length : 1;
  if (opts.expected.length !== n * k) {
    throw new Error(`Expected ${n * k} values from Lathe for ${n} rows, got ${opts.expected.length}`);
  }
  const feeds: Record<string, OrtWeb.Tensor> = {};
  for (const [name, t] of Object.entries(opts.feeds ?? parityFeeds(opts.spec, opts.table, opts.rows))) {
    if (t.data.length !== n) throw new Error(`The input "${name}" has ${t.data.length} rows where ${n} are checked`);
    feeds[name] =
      t.type === 'float32'
        ? new ort.Tensor('float32', t.data, [n, 1])
        : t.type === 'float64'
          ? new ort.Tensor('float64', t.data, [n, 1])
          : new ort.Tensor('string', t.data, [n, 1]);
  }
  const session = await ort.InferenceSession.create(opts.onnx);
  let out: OrtWeb.InferenceSession.ReturnType;
  try {
    out = n === 0 ? {} : await session.run(feeds);
  } finally {
    await session.release();
  }
  if (n === 0) return { rows: 0, maxAbsDiff: 0, labelMismatches: 0, passed: true, tolerance: PARITY_TOLERANCE };

  const scores = out[target.task === 'classification' ? OUTPUT_NAMES.probabilities : OUTPUT_NAMES.prediction];
  if (!scores) throw new Error('model.onnx gave no scores output');
  const maxAbsDiff = maxAbsDifference(scores.data as Float32Array, opts.expected);
  let labelMismatches = 0;
  if (target.task === 'classification') {
    const labels = out[OUTPUT_NAMES.label]?.data as string[] | undefined;
    if (!labels) throw new Error('model.onnx gave no label output');
    for (let i = 0; i < n; i++) if (labels[i] !== target.classes[argmax(opts.expected, i * k, k)]) labelMismatches++;
  }
  return {
    rows: n,
    maxAbsDiff,
    labelMismatches,
    passed: maxAbsDiff <= PARITY_TOLERANCE && labelMismatches === 0,
    tolerance: PARITY_TOLERANCE,
  };
}

/** The check as a value whatever happens: a runtime that fails to load must not cost the user the download. */
export async function onnxParitySafe(run: () => Promise<ParityResult>): Promise<ParityResult> {
  try {
    return await run();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      rows: 0,
      maxAbsDiff: NaN,
      labelMismatches: 0,
      passed: false,
      tolerance: PARITY_TOLERANCE,
      error: `onnxruntime-web could not run model.onnx: ${why}`,
    };
  }
}

/**
 * Graph inputs for table rows as typed columns: numbers as float32 with missing ones left NaN (the
 * graph imputes them, so that path is checked too), categories as their text, '' when missing.
 */
export function parityFeeds(spec: PreprocessSpec, table: Table, rows: ArrayLike<number>): Record<string, Feed> {
  const feeds: Record<string, Feed> = {};
  const n = rows.length;
  for (const f of spec.features) {
    const column = getColumn(table, f.name);
    if (!column) throw new Error(`The table has no column "${f.name}"`);
    if (f.kind === 'numeric' && column.kind === 'numeric') {
      const data = new Float32Array(n);
      for (let i = 0; i < n; i++) data[i] = column.values[rows[i]];
      feeds[f.name] = { type: 'float32', data };
    } else if (f.kind === 'onehot' && column.kind === 'coded') {
      const data: string[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const code = column.codes[rows[i]];
        data[i] = code >= 0 ? column.dictionary[code] : '';
      }
      feeds[f.name] = { type: 'string', data };
    } else {
      throw new Error(`Column "${f.name}" does not hold the kind of values the model was trained on`);
    }
  }
  return feeds;
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`model.onnx gave ${a.length} values where Lathe gave ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = d; // a NaN on either side counts as the worst difference
  }
  return m;
}

/** First maximum, as Lathe's argmax and the graph's ArgMax pick it. */
function argmax(values: ArrayLike<number>, start: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (values[start + j] > values[start + best]) best = j;
  return best;
}
