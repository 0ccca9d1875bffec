// Parity: a served model's outputs against Lathe's own predictions for the same rows, and latency percentiles.

import type { OipTensor } from './oip-client.ts';

/** Lathe's predictions: probabilities (rows × classes, row-major) for classification, values for regression. */
export interface LathePredictions {
  task: 'classification' | 'regression';
  classes?: string[];
  output: Float32Array | number[];
  rows: number;
}

export interface ParityComparison {
  rows: number;
  /** Largest |served − Lathe| over every probability (or prediction). */
  maxAbsDiff: number;
  /** Rows whose served label differs from Lathe's argmax class; 0 for regression. */
  labelMismatches: number;
  /** The first row (0-based) where the largest difference occurred. */
  worstRow: number;
}

export const PARITY_TOLERANCE = 1e-4;

/** Lathe's class for each row: the argmax of its probabilities, the first on ties (as the exported graph does). */
export function argmaxLabels(p: LathePredictions): string[] {
  const k = p.classes?.length ?? 0;
  const labels: string[] = [];
  for (let r = 0; r < p.rows; r++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (p.output[r * k + c] > p.output[r * k + best]) best = c;
    labels.push(p.classes![best]);
  }
  return labels;
}

/** Compares the served outputs with Lathe's; throws when the served answer lacks an output or has the wrong size. */
export function compareOutputs(lathe: LathePredictions, served: ReadonlyMap<string, OipTensor>): ParityComparison {
  const numbersName = lathe.task === 'classification' ? 'probabilities' : 'prediction';
  const numbers = served.get(numbersName);
  const width = lathe.task === 'classification' ? lathe.classes!.length : 1;
  if (!numbers) throw new Error(`The served model gave no "${numbersName}" output`);
  if (numbers.data.length !== lathe.rows * width) {
    throw new Error(`The served "${numbersName}" has ${numbers.data.length} values; ${lathe.rows} rows × ${width} expected`);
  }
  let maxAbsDiff = 0;
  let worstRow = 0;
  for (let i = 0; i < numbers.data.length; i++) {
    const v = numbers.data[i];
    // A value that is not a number cannot agree with anything.
    const d = typeof v === 'number' ? Math.abs(v - lathe.output[i]) : Infinity;
    if (!(d <= maxAbsDiff)) {
      maxAbsDiff = Number.isNaN(d) ? Infinity : d;
      worstRow = Math.floor(i / width);
    }
  }
  let labelMismatches = 0;
  if (lathe.task === 'classification') {
    const label = served.get('label');
    if (!label) throw new Error('The served model gave no "label" output');
    if (label.data.length !== lathe.rows) throw new Error(`The served "label" has ${label.data.length} values; ${lathe.rows} expected`);
    const mine = argmaxLabels(lathe);
    for (let r = 0; r < lathe.rows; r++) if (label.data[r] !== mine[r]) labelMismatches++;
  }
  return { rows: lathe.rows, maxAbsDiff, labelMismatches, worstRow };
}

export function parityPasses(c: ParityComparison, tolerance = PARITY_TOLERANCE): boolean {
  return c.rows > 0 && c.maxAbsDiff <= tolerance && c.labelMismatches === 0;
}

/** The p-th percentile (0..100) with linear interpolation between order statistics (NumPy's default). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}
