// One class against the rest: 0/1 labels and that class's probability column, for binary curves on multiclass output.

/** 1 where yTrue is class c, else 0; and column c of the row-major n × k probability matrix. */
export function oneVsRest(
  yTrue: ArrayLike<number>,
  probs: ArrayLike<number>,
  k: number,
  c: number,
): { positive: Uint8Array; scores: Float64Array } {
  const n = yTrue.length;
  if (probs.length !== n * k) throw new Error(`Expected ${n * k} probabilities (${n} rows × ${k} classes), got ${probs.length}`);
  const positive = new Uint8Array(n);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    positive[i] = yTrue[i] === c ? 1 : 0;
    scores[i] = probs[i * k + c];
  }
  return { positive, scores };
}
