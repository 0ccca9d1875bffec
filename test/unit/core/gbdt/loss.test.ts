import { describe, expect, it } from 'vitest';
import { binaryLogLoss, softmaxCrossEntropy, squaredError, type GbdtLoss } from '../../../../src/core/gbdt/loss.ts';

/** Checks gradients and hessians against central differences of the loss itself. */
function checkDerivatives(loss: GbdtLoss, raw: Float64Array, y: Float64Array) {
  const n = y.length;
  const K = loss.outputs;
  const grad = new Float32Array(n * K);
  const hess = new Float32Array(n * K);
  const mean = loss.gradients(raw, y, grad, hess);
  // The loss the gradient pass returns is the mean loss at the same scores.
  expect(mean).toBeCloseTo(loss.meanLoss(raw, y), 12);
  const eps = 1e-4;
  const at = (i: number, k: number, delta: number) => {
    const r = raw.slice();
    r[i * K + k] += delta;
    // meanLoss averages over n rows: scale back to row i's own loss.
    return loss.meanLoss(r, y) * n;
  };
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      const numericGrad = (at(i, k, eps) - at(i, k, -eps)) / (2 * eps);
      const numericHess = (at(i, k, eps) - 2 * at(i, k, 0) + at(i, k, -eps)) / (eps * eps);
      expect(grad[k * n + i], `grad row ${i} output ${k}`).toBeCloseTo(numericGrad, 4);
      if (!loss.constantHessian) expect(hess[k * n + i], `hess row ${i} output ${k}`).toBeCloseTo(numericHess, 2);
      else expect(numericHess).toBeCloseTo(1, 2);
    }
  }
}

describe('losses: gradients and hessians are the derivatives of the loss', () => {
  it('squared error: ½(r − y)², gradient r − y, hessian 1', () => {
    const loss = squaredError();
    checkDerivatives(loss, Float64Array.of(0.5, -2, 3, 10), Float64Array.of(1, -2, 0, 12));
    expect(loss.meanLoss(Float64Array.of(1, 3), Float64Array.of(0, 0))).toBe(2.5);
  });

  it('binary log loss: log(1 + e^r) − y·r, also far out where exp would overflow', () => {
    const loss = binaryLogLoss();
    checkDerivatives(loss, Float64Array.of(0, 1.5, -2, 4, -40, 35), Float64Array.of(1, 0, 0, 1, 1, 0));
    // −log(σ(0)) = log 2; far out the loss is linear, not Infinity.
    expect(loss.meanLoss(Float64Array.of(0), Float64Array.of(1))).toBeCloseTo(Math.LN2, 14);
    expect(loss.meanLoss(Float64Array.of(800), Float64Array.of(0))).toBeCloseTo(800, 10);
    expect(loss.meanLoss(Float64Array.of(-800), Float64Array.of(1))).toBeCloseTo(800, 10);
  });

  it('softmax cross-entropy: log Σ e^r − r_y', () => {
    const loss = softmaxCrossEntropy(3);
    checkDerivatives(loss, Float64Array.of(0, 0, 0, 1, -1, 2, 30, 0, -5), Float64Array.of(0, 2, 1));
    expect(loss.meanLoss(Float64Array.of(0, 0, 0), Float64Array.of(1))).toBeCloseTo(Math.log(3), 14);
  });
});
