// The three losses the trees fit: squared error, binary log loss and softmax cross-entropy (scikit-learn's Half* losses).

/**
 * Raw scores are row-major n × outputs (float64); gradients and hessians are float32, as scikit-learn
 * stores them, and output-major (output k's values for all rows together), so that the tree for output k
 * reads one contiguous array.
 */
export interface GbdtLoss {
  readonly name: 'squared_error' | 'log_loss' | 'softmax_cross_entropy';
  /** Trees per iteration: 1, or one per class for more than two classes. */
  readonly outputs: number;
  /** The hessian is 1 everywhere (the trees then use row counts in its place). */
  readonly constantHessian: boolean;
  /** The best constant raw score (scikit-learn's fit_intercept_only). */
  baseline(y: Float64Array): Float64Array;
  /** Fills grad (and hess unless constant) at the current raw scores; returns the mean loss there, which comes almost free. */
  gradients(raw: Float64Array, y: Float64Array, grad: Float32Array, hess: Float32Array): number;
  /** Mean loss per row. */
  meanLoss(raw: Float64Array, y: Float64Array): number;
}

/** scikit-learn clips class shares to [eps, 1 − eps] before taking logs, eps = 10 · float64 epsilon. */
const EPS = 10 * 2.220446049250313e-16;

export function squaredError(): GbdtLoss {
  return {
    name: 'squared_error',
    outputs: 1,
    constantHessian: true,
    baseline(y) {
      let sum = 0;
      for (let i = 0; i < y.length; i++) sum += y[i];
      return Float64Array.of(sum / y.length);
    },
    gradients(raw, y, grad) {
      let sum = 0;
      for (let i = 0; i < y.length; i++) {
        const r = raw[i] - y[i];
        grad[i] = r;
        sum += 0.5 * r * r;
      }
      return sum / y.length;
    },
    meanLoss(raw, y) {
      let sum = 0;
      for (let i = 0; i < y.length; i++) {
        const r = raw[i] - y[i];
        sum += 0.5 * r * r;
      }
      return sum / y.length;
    },
  };
}

export function binaryLogLoss(): GbdtLoss {
  return {
    name: 'log_loss',
    outputs: 1,
    constantHessian: false,
    baseline(y) {
      let sum = 0;
      for (let i = 0; i < y.length; i++) sum += y[i];
      const p = clip(sum / y.length);
      return Float64Array.of(Math.log(p / (1 - p)));
    },
    gradients(raw, y, grad, hess) {
      let sum = 0;
      for (let i = 0; i < y.length; i++) {
        const r = raw[i];
        const t = y[i];
        // scikit-learn's stable form: exp(−r) cannot overflow where it is used. The loss,
        // log(1 + e^r) − t·r, reuses the same exponential.
        if (r > -37) {
          const e = Math.exp(-r);
          const s = 1 + e;
          grad[i] = (1 - t - t * e) / s;
          hess[i] = e / (s * s);
          sum += (r > 0 ? r + Math.log1p(e) : Math.log1p(1 / e)) - t * r;
        } else {
          const e = Math.exp(r);
          grad[i] = e - t;
          hess[i] = e;
          sum += Math.log1p(e) - t * r;
        }
      }
      return sum / y.length;
    },
    meanLoss(raw, y) {
      let sum = 0;
      for (let i = 0; i < y.length; i++) sum += log1pExp(raw[i]) - y[i] * raw[i];
      return sum / y.length;
    },
  };
}

export function softmaxCrossEntropy(classes: number): GbdtLoss {
  const p = new Float64Array(classes);
  return {
    name: 'softmax_cross_entropy',
    outputs: classes,
    constantHessian: false,
    baseline(y) {
      const counts = new Float64Array(classes);
      for (let i = 0; i < y.length; i++) counts[y[i]]++;
      // The symmetric multinomial logit: log p_k minus the mean of the logs (softmax ignores the shift).
      const logs = counts.map((c) => Math.log(clip(c / y.length)));
      let mean = 0;
      for (let k = 0; k < classes; k++) mean += logs[k];
      mean /= classes;
      return logs.map((l) => l - mean);
    },
    gradients(raw, y, grad, hess) {
      const n = y.length;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const row = i * classes;
        let max = -Infinity;
        for (let k = 0; k < classes; k++) if (raw[row + k] > max) max = raw[row + k];
        let total = 0;
        for (let k = 0; k < classes; k++) {
          const e = Math.exp(raw[row + k] - max);
          p[k] = e;
          total += e;
        }
        const label = y[i];
        sum += max + Math.log(total) - raw[row + label];
        for (let k = 0; k < classes; k++) {
          const pk = p[k] / total;
          grad[k * n + i] = k === label ? pk - 1 : pk;
          hess[k * n + i] = pk * (1 - pk);
        }
      }
      return sum / n;
    },
    meanLoss(raw, y) {
      let sum = 0;
      for (let i = 0; i < y.length; i++) {
        const row = i * classes;
        let max = -Infinity;
        for (let k = 0; k < classes; k++) if (raw[row + k] > max) max = raw[row + k];
        let s = 0;
        for (let k = 0; k < classes; k++) s += Math.exp(raw[row + k] - max);
        sum += max + Math.log(s) - raw[row + y[i]];
      }
      return sum / y.length;
    },
  };
}

/** Softmax of raw[row…row + classes) into out. */
export function softmaxInto(raw: ArrayLike<number>, row: number, classes: number, out: Float64Array | number[]): void {
  let max = -Infinity;
  for (let k = 0; k < classes; k++) if (raw[row + k] > max) max = raw[row + k];
  let sum = 0;
  for (let k = 0; k < classes; k++) {
    const e = Math.exp(raw[row + k] - max);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < classes; k++) out[k] /= sum;
}

/** 1 / (1 + e^−r) without overflow. */
export function sigmoid(r: number): number {
  if (r >= 0) return 1 / (1 + Math.exp(-r));
  const e = Math.exp(r);
  return e / (1 + e);
}

/** log(1 + e^r) without overflow. */
function log1pExp(r: number): number {
  return r > 0 ? r + Math.log1p(Math.exp(-r)) : Math.log1p(Math.exp(r));
}

function clip(p: number): number {
  return Math.min(Math.max(p, EPS), 1 - EPS);
}

export function lossFor(task: 'regression' | 'classification', classes: number): GbdtLoss {
  if (task === 'regression') return squaredError();
  return classes <= 2 ? binaryLogLoss() : softmaxCrossEntropy(classes);
}
