// The input of the trees: an n × d matrix of numbers, row-major in one typed array or one typed array per column.

import { UserError } from '../errors/user-error.ts';

/**
 * A typed array is read row-major (what preprocess.ts transformRows produces); an array of typed arrays
 * is columnar (one per feature, each of length n). NaN marks a missing value.
 */
export type FeatureMatrix = Float32Array | Float64Array | readonly (Float32Array | Float64Array)[];

export function checkMatrix(X: FeatureMatrix, n: number, d: number): void {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(d) || d < 1) {
    throw new UserError(`A feature matrix needs a whole number of rows and at least one column (got ${n} × ${d})`);
  }
  if (isRowMajor(X)) {
    if (X.length !== n * d) {
      throw new UserError(`The feature matrix holds ${X.length} values, not ${n} rows × ${d} columns`, 'Pass the row and column counts of the matrix.');
    }
    return;
  }
  if (X.length !== d) throw new UserError(`The feature matrix has ${X.length} columns, not ${d}`);
  X.forEach((column, f) => {
    if (column.length !== n) throw new UserError(`Feature column ${f + 1} holds ${column.length} values, not ${n}`);
  });
}

export function isRowMajor(X: FeatureMatrix): X is Float32Array | Float64Array {
  return X instanceof Float32Array || X instanceof Float64Array;
}

/**
 * Copies features first…first + out.length − 1 of the given rows (all rows when null) into `out`, one
 * array per feature. Several features per pass: a row-major matrix is then read once per group of
 * features rather than once per feature, with each row's values in the same cache line.
 */
export function gatherColumns(X: FeatureMatrix, d: number, first: number, rows: Int32Array | null, count: number, out: Float64Array[]): void {
  if (!isRowMajor(X)) {
    out.forEach((column, g) => gatherColumn(X, d, first + g, rows, count, column));
    return;
  }
  const width = out.length;
  for (let i = 0; i < count; i++) {
    const base = (rows ? rows[i] : i) * d + first;
    for (let g = 0; g < width; g++) out[g][i] = X[base + g];
  }
}

/** Copies feature f of the given rows (all rows when null) into `out`, which it returns. */
export function gatherColumn(
  X: FeatureMatrix,
  d: number,
  f: number,
  rows: Int32Array | null,
  count: number,
  out: Float64Array,
): Float64Array {
  if (isRowMajor(X)) {
    if (rows) for (let i = 0; i < count; i++) out[i] = X[rows[i] * d + f];
    else for (let i = 0; i < count; i++) out[i] = X[i * d + f];
  } else {
    const column = X[f];
    if (rows) for (let i = 0; i < count; i++) out[i] = column[rows[i]];
    else for (let i = 0; i < count; i++) out[i] = column[i];
  }
  return out;
}
