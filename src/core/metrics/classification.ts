// Classification metrics over class indices.

/** Share of rows where the predicted class equals the true class (NaN for no rows). */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkLengths(yTrue, yPred);
  if (yTrue.length === 0) return NaN;
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}

/**
 * Mean recall over the classes present in yTrue (scikit-learn's balanced_accuracy_score): a class that is
 * only ever predicted has no recall and is left out, as sklearn leaves it out. NaN for no rows.
 */
export function balancedAccuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkLengths(yTrue, yPred);
  const support = new Map<number, number>();
  const hits = new Map<number, number>();
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    support.set(t, (support.get(t) ?? 0) + 1);
    if (t === yPred[i]) hits.set(t, (hits.get(t) ?? 0) + 1);
  }
  if (support.size === 0) return NaN;
  let sum = 0;
  for (const [c, s] of support) sum += (hits.get(c) ?? 0) / s;
  return sum / support.size;
}

/** k × k counts: rows are true classes, columns predicted classes (scikit-learn's layout). */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k: number): number[][] {
  checkLengths(yTrue, yPred);
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    if (t >= 0 && t < k && p >= 0 && p < k) m[t][p]++;
  }
  return m;
}

/** Index of the largest of k probabilities per row of a row-major n × k matrix. */
export function argmaxRows(probs: ArrayLike<number>, n: number, k: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (probs[i * k + j] > probs[i * k + best]) best = j;
    out[i] = best;
  }
  return out;
}

function checkLengths(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new Error(`Length mismatch: ${a.length} true values, ${b.length} predictions`);
}
