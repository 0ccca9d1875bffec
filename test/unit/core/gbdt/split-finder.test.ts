import { describe, expect, it } from 'vitest';
import { buildHistogramByRows, histogramLayout, slotCodes, SLOT } from '../../../../src/core/gbdt/histogram.ts';
import { emptySplit, findBestSplit, nodeValue, type SplitRules } from '../../../../src/core/gbdt/split-finder.ts';

const rules = (over: Partial<SplitRules> = {}): SplitRules => ({
  minSamplesLeaf: 1,
  l2Regularization: 0,
  minHessianToSplit: 1e-3,
  constantHessian: true,
  ...over,
});

/** One node holding every row: feature-major bins, gradients, unit hessians. */
function node(binsByFeature: number[][], nBins: number[], grad: number[]) {
  const n = grad.length;
  const layout = histogramLayout(Int32Array.from(nBins));
  const bins = Uint8Array.from(binsByFeature.flat());
  const hist = new Float64Array(layout.slots * SLOT);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  buildHistogramByRows(hist, layout.d, slotCodes(layout, bins, n), order, 0, n, Float32Array.from(grad), null);
  const hasMissing = Uint8Array.from(binsByFeature, (col, f) => (col.some((b) => b === nBins[f]) ? 1 : 0));
  const G = grad.reduce((a, b) => a + b, 0);
  return { n, layout, hist, hasMissing, G };
}

describe('findBestSplit on a tiny hand-checkable node', () => {
  // One feature, six rows in bins 0…5, gradients −2 −1 −1 1 1 0, hessians 1: G = −2, H = 6.
  const t = node([[0, 1, 2, 3, 4, 5]], [6], [-2, -1, -1, 1, 1, 0]);

  it('takes the bin with the largest gain G_L²/H_L + G_R²/H_R − G²/H', () => {
    const split = emptySplit();
    const value = nodeValue(t.G, 6, 0); // 1/3
    expect(findBestSplit(t.hist, t.layout, t.hasMissing, t.n, t.G, 6, value, rules(), split)).toBe(true);
    // Left = bins 0…2: G_L = −4, H_L = 3; right: G_R = 2, H_R = 3. Gain = 16/3 + 4/3 − 4/6 = 6
    // (bin 1 gives 9/2 + 1/4 − 2/3 ≈ 4.08, bin 3 gives 9/4 + 1/2 − 2/3 ≈ 2.08).
    expect(split.feature).toBe(0);
    expect(split.bin).toBe(2);
    expect(split.gain).toBeCloseTo(6, 12);
    expect([split.sumGradLeft, split.sumHessLeft, split.countLeft]).toEqual([-4, 3, 3]);
    expect([split.sumGradRight, split.sumHessRight, split.countRight]).toEqual([2, 3, 3]);
    expect(split.valueLeft).toBeCloseTo(4 / 3, 12);
    expect(split.valueRight).toBeCloseTo(-2 / 3, 12);
    expect(split.missingLeft).toBe(false);
  });

  it('adds λ to every hessian sum', () => {
    const split = emptySplit();
    const value = nodeValue(t.G, 6, 1); // 2/7
    findBestSplit(t.hist, t.layout, t.hasMissing, t.n, t.G, 6, value, rules({ l2Regularization: 1 }), split);
    // 16/4 + 4/4 − 4/7.
    expect(split.bin).toBe(2);
    expect(split.gain).toBeCloseTo(5 - 4 / 7, 12);
    expect(split.valueLeft).toBeCloseTo(1, 12);
  });

  it('keeps minSamplesLeaf rows on each side, or finds nothing', () => {
    const split = emptySplit();
    const value = nodeValue(t.G, 6, 0);
    expect(findBestSplit(t.hist, t.layout, t.hasMissing, t.n, t.G, 6, value, rules({ minSamplesLeaf: 3 }), split)).toBe(true);
    expect(split.bin).toBe(2);
    expect(findBestSplit(t.hist, t.layout, t.hasMissing, t.n, t.G, 6, value, rules({ minSamplesLeaf: 4 }), split)).toBe(false);
    expect(split.gain).toBe(-1);
  });

  it('finds nothing when every gradient is equal (no gain above 0)', () => {
    const flat = node([[0, 1, 2, 3]], [4], [1, 1, 1, 1]);
    const split = emptySplit();
    expect(findBestSplit(flat.hist, flat.layout, flat.hasMissing, 4, 4, 4, nodeValue(4, 4, 0), rules(), split)).toBe(false);
  });
});

describe('findBestSplit with missing values', () => {
  // Feature 0: bins 0 0 1 1 2 2 and two missing rows (bin 3); gradients −1 −1 1 1 1 1 −1 −1 (G = 0).
  // Feature 1: no signal (alternating bins).
  const t = node(
    [
      [0, 0, 1, 1, 2, 2, 3, 3],
      [0, 1, 0, 1, 0, 1, 0, 1],
    ],
    [3, 2],
    [-1, -1, 1, 1, 1, 1, -1, -1],
  );

  it('tries missing values on both sides and sends them where the gain is higher', () => {
    const split = emptySplit();
    expect(findBestSplit(t.hist, t.layout, t.hasMissing, t.n, t.G, 8, nodeValue(0, 8, 0), rules(), split)).toBe(true);
    // Missing right: at best {bin 0} vs the rest, 4/2 + 4/6 ≈ 2.67. Missing left: {bin 0, missing} vs
    // {bins 1, 2}: 16/4 + 16/4 = 8.
    expect(split.feature).toBe(0);
    expect(split.bin).toBe(0);
    expect(split.missingLeft).toBe(true);
    expect(split.gain).toBeCloseTo(8, 12);
    expect([split.sumGradLeft, split.countLeft, split.sumGradRight, split.countRight]).toEqual([-4, 4, 4, 4]);
  });

  it('can split present against missing values (all present bins left)', () => {
    // Missing rows carry all the signal: gradients 0 on present rows, +1 on the two missing ones.
    const m = node([[0, 0, 1, 1, 2, 2, 3, 3]], [3], [0, 0, 0, 0, 0, 0, 1, 1]);
    const split = emptySplit();
    expect(findBestSplit(m.hist, m.layout, m.hasMissing, 8, 2, 8, nodeValue(2, 8, 0), rules(), split)).toBe(true);
    // Left = every present bin (bin 2 = the last), right = the missing rows: 0 + 4/2 − 4/8.
    expect(split.bin).toBe(2);
    expect(split.missingLeft).toBe(false);
    expect(split.gain).toBeCloseTo(2 - 0.5, 12);
  });
});
