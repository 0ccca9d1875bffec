// The equal-width bins a numeric column is cut into for Cramér's V against a categorical (pandas cut).

/** Equal-width bins a numeric column is cut into for Cramér's V against a categorical (ydata: correlations.auto.n_bins = 10, uniform). */
export const AUTO_BINS = 10;
/** Bin codes run 0…AUTO_BINS−1; this one marks a missing (or infinite) value. */
export const NO_BIN = AUTO_BINS;

/**
 * pandas `cut(x, bins)` edges for an integer bin count: `np.linspace(min, max, bins + 1)` with the
 * lowest edge moved down by 0.1% of the range so that the minimum falls in the first (right-closed) bin.
 */
export function cutEdges(min: number, max: number, bins: number): Float64Array {
  const edges = new Float64Array(bins + 1);
  const step = (max - min) / bins;
  for (let b = 0; b < bins; b++) edges[b] = b * step + min;
  edges[bins] = max;
  edges[0] -= (max - min) * 0.001;
  return edges;
}

/**
 * The equal-width bin of every value (pandas `cut` with labels=False), NO_BIN where missing. Infinite
 * values would make pandas' cut fail; here they are left out, as missing. Bins are right-closed,
 * (edge[b], edge[b+1]], as searchsorted(edges, v, 'left') − 1: the number of inner edges below v.
 */
export function binCodes(values: Float64Array, edges: Float64Array): Uint8Array {
  const out = new Uint8Array(values.length);
  const bins = edges.length - 1;
  const top = bins - 1;
  const low = edges[0];
  // A first guess from the width (the product is ≥ 0 and small, so | 0 floors it); the edges themselves decide.
  const perUnit = bins / (edges[bins] - low);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let bin = NO_BIN;
    if (v - v === 0) {
      bin = ((v - low) * perUnit) | 0;
      if (bin > top) bin = top;
      else if (bin < 0) bin = 0;
      if (bin > 0 && !(edges[bin] < v)) {
        do bin--;
        while (bin > 0 && !(edges[bin] < v));
      } else if (bin < top && edges[bin + 1] < v) {
        do bin++;
        while (bin < top && edges[bin + 1] < v);
      }
    }
    out[i] = bin;
  }
  return out;
}

/**
 * Where each bin starts among `sorted` (ascending finite values): bin b holds positions
 * [starts[b], starts[b + 1]), the same bins as binCodes gives, found by walking the values and the edges together.
 */
export function sortedBinStarts(sorted: ArrayLike<number>, edges: Float64Array): Int32Array {
  const bins = edges.length - 1;
  const starts = new Int32Array(bins + 1);
  let bin = 0;
  for (let k = 0; k < sorted.length; k++) {
    const v = sorted[k];
    while (bin < bins - 1 && edges[bin + 1] < v) starts[++bin] = k;
  }
  for (let b = bin + 1; b <= bins; b++) starts[b] = sorted.length;
  return starts;
}
