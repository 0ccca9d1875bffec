// The first Wasserstein (earth mover's) distance between two samples, as SciPy's stats.wasserstein_distance.

/**
 * ∫ |U(x) − V(x)| dx over the pooled values, U and V the empirical CDFs, for samples sorted ascending.
 * Walking the merged order, each gap between consecutive pooled values contributes |U − V| × width; inside
 * a run of ties the width is 0, so counting ties one at a time gives SciPy's searchsorted(side='right').
 */
export function wassersteinDistance(u: Float64Array, v: Float64Array): number {
  const nu = u.length;
  const nv = v.length;
  if (nu === 0 || nv === 0) return NaN;
  let i = 0;
  let j = 0;
  let previous = NaN;
  let sum = 0;
  while (i < nu || j < nv) {
    const takeU = j >= nv || (i < nu && u[i] <= v[j]);
    const value = takeU ? u[i] : v[j];
    if (i + j > 0) sum += Math.abs(i / nu - j / nv) * (value - previous);
    if (takeU) i++;
    else j++;
    previous = value;
  }
  return sum;
}
