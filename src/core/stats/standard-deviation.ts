// Mean and population standard deviation of a sample (numpy mean and std with ddof = 0).

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** √(Σ (x − x̄)² / n), the two-pass form numpy uses. */
export function populationStd(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return Math.sqrt(s / values.length);
}
