// ydata-profiling's imbalance of a categorical distribution: 0 when balanced, towards 1 when one class dominates.

/**
 * 1 − H / log2(k) over the k classes that occur (counts > 0), H the Shannon entropy in bits of their
 * shares; 0 when there are fewer than two classes. Rounding can put a balanced distribution a hair below
 * 0, which is reported as 0.
 */
export function imbalance(counts: ArrayLike<number>): number {
  let total = 0;
  let k = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] > 0) {
      total += counts[i];
      k++;
    }
  }
  if (k < 2) return 0;
  let entropy = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0) {
      const p = c / total;
      entropy -= p * Math.log2(p);
    }
  }
  return Math.max(0, 1 - entropy / Math.log2(k));
}
