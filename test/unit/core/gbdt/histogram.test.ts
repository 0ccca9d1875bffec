import { describe, expect, it } from 'vitest';
import {
  buildHistogramByColumns,
  buildHistogramByRows,
  histogramLayout,
  slotCodes,
  subtractHistogram,
  SLOT,
} from '../../../../src/core/gbdt/histogram.ts';

/** Seeded feature-major bins (feature f has nBins[f] present bins plus a missing bin) and gradients. */
function problem(n: number, nBins: number[]) {
  let s = 7;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const d = nBins.length;
  const bins = new Uint8Array(n * d);
  for (let f = 0; f < d; f++) for (let i = 0; i < n; i++) bins[f * n + i] = Math.floor(rand() * (nBins[f] + 1));
  const grad = Float32Array.from({ length: n }, () => rand() * 2 - 1);
  const hess = Float32Array.from({ length: n }, () => rand());
  return { d, bins, grad, hess, layout: histogramLayout(Int32Array.from(nBins)) };
}

/** The histogram the slow, obvious way: per feature, per row, into [feature][bin]. */
function naive(p: ReturnType<typeof problem>, n: number, rows: number[], constantHessian: boolean) {
  return Array.from({ length: p.d }, (_, f) => {
    const slots = Array.from({ length: p.layout.nBins[f] + 1 }, () => [0, 0, 0]);
    for (const i of rows) {
      const slot = slots[p.bins[f * n + i]];
      slot[0] += p.grad[i];
      if (!constantHessian) slot[1] += p.hess[i];
      slot[2] += 1;
    }
    return slots;
  });
}

function unpack(hist: Float64Array, p: ReturnType<typeof problem>) {
  return Array.from({ length: p.d }, (_, f) =>
    Array.from({ length: p.layout.nBins[f] + 1 }, (_, b) => {
      const k = (p.layout.offsets[f] + b) * SLOT;
      return [hist[k], hist[k + 1], hist[k + 2]];
    }),
  );
}

describe('node histograms', () => {
  const n = 403;
  const p = problem(n, [1, 4, 17, 255, 2, 9]);
  const slots = slotCodes(p.layout, p.bins, n);
  // A node's rows: every third row, in increasing order, as a partition leaves them.
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const node = Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 === 0);
  order.set(node);

  it('lays each feature out as its present bins plus a missing bin', () => {
    expect(Array.from(p.layout.offsets)).toEqual([0, 2, 7, 25, 281, 284]);
    expect(p.layout.slots).toBe(294);
  });

  for (const constant of [false, true]) {
    it(`sums gradients, hessians${constant ? ' (constant: left at 0)' : ''} and counts per bin, row- and feature-wise alike`, () => {
      const hess = constant ? null : p.hess;
      const byRows = new Float64Array(p.layout.slots * SLOT);
      buildHistogramByRows(byRows, p.d, slots, order, 0, node.length, p.grad, hess);
      const byColumns = new Float64Array(p.layout.slots * SLOT);
      buildHistogramByColumns(byColumns, p.layout, p.bins, n, order, 0, node.length, p.grad, hess);
      // Same rows, same order within each slot: identical sums, bit for bit.
      expect(Array.from(byColumns)).toEqual(Array.from(byRows));
      const want = naive(p, n, node, constant);
      const got = unpack(byRows, p);
      want.forEach((feature, f) =>
        feature.forEach(([g, h, c], b) => {
          expect(got[f][b][0]).toBeCloseTo(g, 12);
          expect(got[f][b][1]).toBeCloseTo(h, 12);
          expect(got[f][b][2]).toBe(c);
        }),
      );
    });
  }

  it('switches to 32-bit slot codes when the slots outgrow 16 bits (about 256 wide features)', () => {
    const wide = problem(60, Array.from({ length: 300 }, () => 255));
    expect(wide.layout.slots).toBe(300 * 256);
    const codes = slotCodes(wide.layout, wide.bins, 60);
    expect(codes).toBeInstanceOf(Uint32Array);
    expect(slots).toBeInstanceOf(Uint16Array);
    const all = Int32Array.from({ length: 60 }, (_, i) => i);
    const byRows = new Float64Array(wide.layout.slots * SLOT);
    buildHistogramByRows(byRows, wide.d, codes, all, 0, 60, wide.grad, wide.hess);
    const byColumns = new Float64Array(wide.layout.slots * SLOT);
    buildHistogramByColumns(byColumns, wide.layout, wide.bins, 60, all, 0, 60, wide.grad, wide.hess);
    expect(Array.from(byColumns)).toEqual(Array.from(byRows));
    // The last feature's slots are past 65,535 and still hold its 60 rows.
    let last = 0;
    for (let b = 0; b < 256; b++) last += byRows[(wide.layout.offsets[299] + b) * SLOT + 2];
    expect(last).toBe(60);
  });

  it("derives a sibling's histogram as parent minus child", () => {
    const all = Int32Array.from({ length: n }, (_, i) => i);
    const parent = new Float64Array(p.layout.slots * SLOT);
    buildHistogramByRows(parent, p.d, slots, all, 0, n, p.grad, p.hess);
    const child = new Float64Array(p.layout.slots * SLOT);
    buildHistogramByRows(child, p.d, slots, order, 0, node.length, p.grad, p.hess);
    const sibling = new Float64Array(p.layout.slots * SLOT);
    subtractHistogram(sibling, parent, child);
    const rest = Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 0);
    const want = naive(p, n, rest, false);
    const got = unpack(sibling, p);
    want.forEach((feature, f) =>
      feature.forEach(([g, h, c], b) => {
        expect(got[f][b][0]).toBeCloseTo(g, 10);
        expect(got[f][b][1]).toBeCloseTo(h, 10);
        expect(got[f][b][2]).toBe(c);
      }),
    );
  });
});
