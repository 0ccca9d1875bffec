// ROC curves and the area under them: binary, and one-vs-rest macro for several classes (scikit-learn's definitions).

import { binaryClfCurve } from './binary-clf-curve.ts';
import { oneVsRest } from './one-vs-rest.ts';

export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  /** Decreasing; the first is the highest score + 1 (scikit-learn 1.2), so the curve starts at (0, 0). */
  thresholds: Float64Array;
}

/**
 * scikit-learn's roc_curve. With dropIntermediate (the default) points collinear with their neighbours
 * are dropped, as they change neither the plot nor the area. Without positives (or negatives) the tpr
 * (fpr) is NaN throughout, as sklearn returns it.
 */
export function rocCurve(
  positive: ArrayLike<number | boolean>,
  scores: ArrayLike<number>,
  options: { dropIntermediate?: boolean } = {},
): RocCurve {
  let { fps, tps, thresholds } = binaryClfCurve(positive, scores);
  if (fps.length === 0) return { fpr: new Float64Array(0), tpr: new Float64Array(0), thresholds: new Float64Array(0) };
  if ((options.dropIntermediate ?? true) && fps.length > 2) {
    // Keep the ends and every point where either count's second difference is non-zero (a corner).
    const keep: number[] = [0];
    for (let i = 1; i < fps.length - 1; i++) {
      if (fps[i + 1] - 2 * fps[i] + fps[i - 1] !== 0 || tps[i + 1] - 2 * tps[i] + tps[i - 1] !== 0) keep.push(i);
    }
    keep.push(fps.length - 1);
    fps = Float64Array.from(keep, (i) => fps[i]);
    tps = Float64Array.from(keep, (i) => tps[i]);
    thresholds = Float64Array.from(keep, (i) => thresholds[i]);
  }
  const m = fps.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const th = new Float64Array(m);
  const negatives = fps[fps.length - 1];
  const positives = tps[tps.length - 1];
  th[0] = thresholds[0] + 1;
  for (let i = 1; i < m; i++) {
    fpr[i] = negatives > 0 ? fps[i - 1] / negatives : NaN;
    tpr[i] = positives > 0 ? tps[i - 1] / positives : NaN;
    th[i] = thresholds[i - 1];
  }
  if (!(negatives > 0)) fpr[0] = NaN;
  if (!(positives > 0)) tpr[0] = NaN;
  return { fpr, tpr, thresholds: th };
}

/** Trapezoidal area under a curve whose x only increases or only decreases (scikit-learn's auc). */
export function auc(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new Error(`Length mismatch: ${x.length} x, ${y.length} y`);
  if (x.length < 2) return NaN;
  let rising = false;
  let falling = false;
  for (let i = 1; i < x.length; i++) {
    if (x[i] > x[i - 1]) rising = true;
    else if (x[i] < x[i - 1]) falling = true;
  }
  if (rising && falling) throw new Error('auc: x is neither increasing nor decreasing');
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return falling ? -area : area;
}

/** Binary ROC AUC (scikit-learn's roc_auc_score); NaN when only one class is present, where sklearn raises. */
export function rocAuc(positive: ArrayLike<number | boolean>, scores: ArrayLike<number>): number {
  let pos = 0;
  for (let i = 0; i < positive.length; i++) if (positive[i]) pos++;
  if (pos === 0 || pos === positive.length) return NaN;
  const { fpr, tpr } = rocCurve(positive, scores);
  return auc(fpr, tpr);
}

/**
 * Multiclass ROC AUC, one class against the rest, unweighted mean over classes: roc_auc_score(multi_class='ovr',
 * average='macro'). sklearn raises when a class is missing from yTrue; this averages over the classes that
 * are present (a class no row belongs to has no AUC), and is NaN with fewer than two present.
 */
export function rocAucOvr(yTrue: ArrayLike<number>, probs: ArrayLike<number>, k: number): number {
  if (k === 2) {
    const { positive, scores } = oneVsRest(yTrue, probs, 2, 1);
    return rocAuc(positive, scores);
  }
  let sum = 0;
  let count = 0;
  for (let c = 0; c < k; c++) {
    const { positive, scores } = oneVsRest(yTrue, probs, k, c);
    const a = rocAuc(positive, scores);
    if (!Number.isNaN(a)) {
      sum += a;
      count++;
    }
  }
  return count >= 2 ? sum / count : NaN;
}
