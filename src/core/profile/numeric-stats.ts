// Count, missing, min, max, mean and sample standard deviation of a numeric column.

export interface NumericStats {
  /** Non-missing values (NaN is missing; ±Infinity count). */
  count: number;
  missing: number;
  /** Finite values, the ones mean and std are computed over. */
  finite: number;
  /** Over all non-missing values, so ±Infinity show here; undefined when there are none. */
  min?: number;
  max?: number;
  /** Over finite values; undefined when there are none. */
  mean?: number;
  /** Sample standard deviation (n − 1) over finite values; undefined with fewer than two. */
  std?: number;
}

/**
 * Two passes (sum for the mean, then squared deviations from it) as pandas does, which keeps the variance
 * accurate when values are large and close together, where a one-pass sum of squares cancels badly.
 */
export function numericStats(values: Float64Array): NumericStats {
  let count = 0;
  let finite = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue; // NaN: missing
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v !== Infinity && v !== -Infinity) {
      finite++;
      sum += v;
    }
  }
  const stats: NumericStats = { count, missing: values.length - count, finite };
  if (count === 0) return stats;
  stats.min = min;
  stats.max = max;
  if (finite === 0) return stats;
  const mean = sum / finite;
  stats.mean = mean;
  if (finite < 2) return stats;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v || v === Infinity || v === -Infinity) continue;
    const d = v - mean;
    squares += d * d;
  }
  stats.std = Math.sqrt(squares / (finite - 1));
  return stats;
}
