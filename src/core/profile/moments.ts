// Variance, skewness and kurtosis from central sums, with pandas' sample corrections and edge cases.

export interface Moments {
  /** Sample variance (n − 1); NaN with fewer than 2 values. */
  variance: number;
  std: number;
  /** Adjusted Fisher–Pearson skewness (pandas .skew()); NaN with fewer than 3 values, 0 when constant. */
  skewness: number;
  /** Unbiased excess kurtosis (pandas .kurt()); NaN with fewer than 4 values, 0 when constant. */
  kurtosis: number;
}

/**
 * From n and the sums of (x − mean)^2, ^3, ^4. `constant` says every value is the same: the sums are then
 * exactly 0 (pandas gets there by zeroing sums under 1e-14; a mean that is not exactly representable would
 * otherwise leave rounding dust and a meaningless skewness).
 */
export function moments(n: number, sums: { m2: number; m3: number; m4: number }, constant: boolean): Moments {
  const m2 = constant ? 0 : sums.m2;
  const m3 = constant ? 0 : sums.m3;
  const m4 = constant ? 0 : sums.m4;
  const variance = n < 2 ? NaN : m2 / (n - 1);
  let skewness = NaN;
  if (n >= 3) skewness = m2 === 0 ? 0 : ((n * Math.sqrt(n - 1)) / (n - 2)) * (m3 / Math.pow(m2, 1.5));
  let kurtosis = NaN;
  if (n >= 4) {
    const denominator = (n - 2) * (n - 3) * m2 * m2;
    kurtosis =
      denominator === 0 ? 0 : (n * (n + 1) * (n - 1) * m4) / denominator - (3 * (n - 1) * (n - 1)) / ((n - 2) * (n - 3));
  }
  return { variance, std: Math.sqrt(variance), skewness, kurtosis };
}
