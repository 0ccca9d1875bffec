// Precision, recall and F1 for predicted classes: binary for the positive class, or averaged over classes.

export type Average = 'binary' | 'macro' | 'weighted' | 'micro';

export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClassScores extends PrecisionRecallF1 {
  cls: number;
  /** Rows truly of this class. */
  support: number;
}

/**
 * Per-class precision, recall, F1 and support for every label seen in yTrue or yPred, ascending (scikit-learn's
 * default labels). An undefined ratio (nothing predicted, nothing to recall) counts as 0, sklearn's
 * zero_division default; F1 = 2PR / (P + R), 0 when both are 0.
 */
export function classScores(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): ClassScores[] {
  if (yTrue.length !== yPred.length) throw new Error(`Length mismatch: ${yTrue.length} true values, ${yPred.length} predictions`);
  const tp = new Map<number, number>();
  const predicted = new Map<number, number>();
  const actual = new Map<number, number>();
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    actual.set(t, (actual.get(t) ?? 0) + 1);
    predicted.set(p, (predicted.get(p) ?? 0) + 1);
    if (t === p) tp.set(t, (tp.get(t) ?? 0) + 1);
  }
  const labels = [...new Set([...actual.keys(), ...predicted.keys()])].sort((a, b) => a - b);
  return labels.map((cls) => {
    const hits = tp.get(cls) ?? 0;
    const nPred = predicted.get(cls) ?? 0;
    const support = actual.get(cls) ?? 0;
    const precision = nPred > 0 ? hits / nPred : 0;
    const recall = support > 0 ? hits / support : 0;
    return { cls, support, precision, recall, f1: fScore(precision, recall) };
  });
}

/**
 * scikit-learn's precision_recall_fscore_support with the given average:
 * - binary: the positive class only (default 1);
 * - macro: unweighted mean of the per-class values over the labels in yTrue or yPred;
 * - weighted: mean weighted by support (0 when no row has a label);
 * - micro: from the pooled counts (equals accuracy for single-label data).
 */
export function precisionRecallF1(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  average: Average,
  options: { positive?: number } = {},
): PrecisionRecallF1 {
  const scores = classScores(yTrue, yPred);
  if (average === 'binary') {
    const positive = options.positive ?? 1;
    const s = scores.find((c) => c.cls === positive);
    return s ? { precision: s.precision, recall: s.recall, f1: s.f1 } : { precision: 0, recall: 0, f1: 0 };
  }
  if (average === 'micro') {
    let hits = 0;
    for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
    const r = yTrue.length > 0 ? hits / yTrue.length : 0;
    return { precision: r, recall: r, f1: fScore(r, r) };
  }
  if (scores.length === 0) return { precision: 0, recall: 0, f1: 0 };
  let wSum = 0;
  const acc = { precision: 0, recall: 0, f1: 0 };
  for (const s of scores) {
    const w = average === 'weighted' ? s.support : 1;
    wSum += w;
    acc.precision += w * s.precision;
    acc.recall += w * s.recall;
    acc.f1 += w * s.f1;
  }
  if (wSum === 0) return { precision: 0, recall: 0, f1: 0 };
  return { precision: acc.precision / wSum, recall: acc.recall / wSum, f1: acc.f1 / wSum };
}

/**
 * The F1 Lathe reports as "F1": the positive class's for two classes (class index 1, the second label in the
 * frame's sorted order), the macro average for more, so every class counts alike however rare.
 */
export function f1Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k: number): number {
  return precisionRecallF1(yTrue, yPred, k === 2 ? 'binary' : 'macro').f1;
}

function fScore(precision: number, recall: number): number {
  const denom = precision + recall;
  return denom === 0 ? 0 : (2 * precision * recall) / denom;
}
