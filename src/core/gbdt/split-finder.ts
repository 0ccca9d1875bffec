// The best split of a node from its histogram: scikit-learn's gain, both directions for missing values.

import { SLOT, type HistogramLayout } from './histogram.ts';

export interface SplitRules {
  minSamplesLeaf: number;
  l2Regularization: number;
  minHessianToSplit: number;
  /** Hessians are all 1 (squared error): the counts stand in for the hessian sums. */
  constantHessian: boolean;
}

export interface SplitCandidate {
  gain: number;
  feature: number;
  /** Present values in bins ≤ bin go left. */
  bin: number;
  /** Where rows with a missing value go. */
  missingLeft: boolean;
  sumGradLeft: number;
  sumHessLeft: number;
  countLeft: number;
  sumGradRight: number;
  sumHessRight: number;
  countRight: number;
  valueLeft: number;
  valueRight: number;
}

export function emptySplit(): SplitCandidate {
  return {
    gain: -1,
    feature: -1,
    bin: 0,
    missingLeft: false,
    sumGradLeft: 0,
    sumHessLeft: 0,
    countLeft: 0,
    sumGradRight: 0,
    sumHessRight: 0,
    countRight: 0,
    valueLeft: 0,
    valueRight: 0,
  };
}

/** The Newton step of a leaf, −G / (H + λ), with scikit-learn's 1e-15 against a zero denominator. */
export function nodeValue(sumGrad: number, sumHess: number, l2: number): number {
  return -sumGrad / (sumHess + l2 + 1e-15);
}

/**
 * Gain = loss(node) − loss(left) − loss(right) with loss(v, G) = G·v and v the leaf value, so for a node
 * valued −G/(H+λ) it is G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ) (scikit-learn's _split_gain, which has
 * no ½). Computed in scikit-learn's order, so near-ties break the same way.
 */
export function splitGain(gl: number, hl: number, gr: number, hr: number, parentLoss: number, l2: number): number {
  const vl = nodeValue(gl, hl, l2);
  const vr = nodeValue(gr, hr, l2);
  return parentLoss - gl * vl - gr * vr;
}

/**
 * Scans every feature's bins left to right with missing values going right and, where the feature has
 * missing values, right to left with them going left; keeps the first candidate with the highest positive
 * gain. `value` is the node's own value (scikit-learn gives the root 0). Writes into `out`; returns whether
 * any split beats a gain of 0 while keeping minSamplesLeaf rows and minHessianToSplit on each side.
 */
export function findBestSplit(
  hist: Float64Array,
  layout: HistogramLayout,
  hasMissing: Uint8Array,
  count: number,
  sumGrad: number,
  sumHess: number,
  value: number,
  rules: SplitRules,
  out: SplitCandidate,
): boolean {
  const { minSamplesLeaf, l2Regularization: l2, minHessianToSplit: minHess } = rules;
  const hOff = rules.constantHessian ? 2 : 1;
  const parentLoss = sumGrad * value;
  let best = 0;
  let bestFeature = -1;
  let bestBin = 0;
  let bestMissingLeft = false;
  let bestGL = 0;
  let bestHL = 0;
  let bestNL = 0;
  for (let f = 0; f < layout.d; f++) {
    const base = layout.offsets[f] * SLOT;
    const nb = layout.nBins[f];
    const missing = hasMissing[f];
    // Without missing values the last present bin can't go left (the right child would be empty);
    // with them it can: that is the "present vs missing" split.
    const end = nb - 1 + missing;
    let gl = 0;
    let hl = 0;
    let nl = 0;
    for (let b = 0; b < end; b++) {
      const k = base + b * SLOT;
      nl += hist[k + 2];
      hl += hist[k + hOff];
      gl += hist[k];
      const nr = count - nl;
      const hr = sumHess - hl;
      if (nl < minSamplesLeaf) continue;
      if (nr < minSamplesLeaf) break;
      if (hl < minHess) continue;
      if (hr < minHess) break;
      const gain = splitGain(gl, hl, sumGrad - gl, hr, parentLoss, l2);
      if (gain > best) {
        best = gain;
        bestFeature = f;
        bestBin = b;
        bestMissingLeft = false;
        bestGL = gl;
        bestHL = hl;
        bestNL = nl;
      }
    }
    if (!missing) continue;
    let gr = 0;
    let hr = 0;
    let nr = 0;
    for (let b = nb - 2; b >= 0; b--) {
      const k = base + (b + 1) * SLOT;
      nr += hist[k + 2];
      hr += hist[k + hOff];
      gr += hist[k];
      const nlMissing = count - nr;
      const hlMissing = sumHess - hr;
      if (nr < minSamplesLeaf) continue;
      if (nlMissing < minSamplesLeaf) break;
      if (hr < minHess) continue;
      if (hlMissing < minHess) break;
      const glMissing = sumGrad - gr;
      const gain = splitGain(glMissing, hlMissing, gr, hr, parentLoss, l2);
      if (gain > best) {
        best = gain;
        bestFeature = f;
        bestBin = b;
        bestMissingLeft = true;
        bestGL = glMissing;
        bestHL = hlMissing;
        bestNL = nlMissing;
      }
    }
  }
  if (bestFeature < 0) {
    out.gain = -1;
    out.feature = -1;
    return false;
  }
  out.gain = best;
  out.feature = bestFeature;
  out.bin = bestBin;
  out.missingLeft = bestMissingLeft;
  out.sumGradLeft = bestGL;
  out.sumHessLeft = bestHL;
  out.countLeft = bestNL;
  out.sumGradRight = sumGrad - bestGL;
  out.sumHessRight = sumHess - bestHL;
  out.countRight = count - bestNL;
  out.valueLeft = nodeValue(out.sumGradLeft, out.sumHessLeft, l2);
  out.valueRight = nodeValue(out.sumGradRight, out.sumHessRight, l2);
  return true;
}
