import { describe, expect, it } from 'vitest';
import { ALMOST_INF, binRows, findBinThresholds, fitBinMapper } from '../../../../src/core/gbdt/binning.ts';
import { loadFixture, reference } from './fixtures.ts';

describe('fitBinMapper against scikit-learn _BinMapper (gbdt.binning.csv)', () => {
  // 600 × 4: > 255 distinct values with 10% missing (quantile edges), 7 distinct values (midpoints),
  // a constant column (no edges) and a column with 400 zeros (ties in the quantiles).
  const { d, train } = loadFixture('binning');
  const mapper = fitBinMapper(train.X, train.n, d, null, { maxBins: 255, subsample: 200_000, seed: 0 });
  const expected = reference.binning;

  it('finds the same edges, to 1e-12 relative (NumPy percentile "midpoint" reproduced)', () => {
    for (let f = 0; f < d; f++) {
      const want = expected.thresholds[f];
      expect(mapper.thresholds[f].length, `feature ${f}`).toBe(want.length);
      want.forEach((t, k) => expect(Math.abs(mapper.thresholds[f][k] - t)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(t))));
      expect(mapper.nBins[f]).toBe(expected.n_bins_non_missing[f]);
    }
    // The wide column really took the quantile path: 254 edges for 255 bins.
    expect(mapper.thresholds[0].length).toBe(254);
  });

  it('maps every value to the same bin; missing values to the bin after the present ones (sklearn: 255)', () => {
    const binned = binRows(mapper, train.X, train.n, d, null);
    expect(binned.bins).toBeInstanceOf(Uint8Array);
    let missing = 0;
    for (let i = 0; i < train.n; i++) {
      for (let f = 0; f < d; f++) {
        const want = expected.binned[i][f];
        const got = binned.bins[f * train.n + i];
        if (want === expected.missing_bin) {
          missing++;
          expect(got).toBe(mapper.nBins[f]);
        } else expect(got, `row ${i} feature ${f}`).toBe(want);
      }
    }
    expect(missing).toBeGreaterThan(30);
    expect(Array.from(binned.hasMissing)).toEqual([1, 0, 0, 0]);
  });
});

describe('findBinThresholds', () => {
  it('puts edges halfway between distinct values when there are few (sklearn: [1.5, 3, 7])', () => {
    expect(Array.from(findBinThresholds(Float64Array.of(1, 1, 2, 4, 4, 4, 10), 255))).toEqual([1.5, 3, 7]);
    expect(findBinThresholds(Float64Array.of(3, 3, 3), 255).length).toBe(0);
    expect(findBinThresholds(new Float64Array(0), 255).length).toBe(0);
  });

  it('uses midpoint percentiles when there are more distinct values than bins', () => {
    // sklearn 1.2 _find_binning_thresholds(np.arange(10.), 4) = [2.5, 4.5, 6.5] (midpoints of neighbours).
    expect(Array.from(findBinThresholds(Float64Array.from({ length: 10 }, (_, i) => i), 4))).toEqual([2.5, 4.5, 6.5]);
    // _find_binning_thresholds(np.arange(9.), 4) = [2, 4, 6]: whole virtual indices give the values themselves.
    expect(Array.from(findBinThresholds(Float64Array.from({ length: 9 }, (_, i) => i), 4))).toEqual([2, 4, 6]);
  });

  it('caps edges at ALMOST_INF, as scikit-learn does (its edges for [0, inf]: [1e300])', () => {
    expect(Array.from(findBinThresholds(Float64Array.of(0, Infinity), 255))).toEqual([ALMOST_INF]);
  });
});

describe('binRows', () => {
  it('reads row-major and columnar matrices, and Float32Array, the same way', () => {
    const X = Float64Array.of(0.5, 10, NaN, 20, 1.5, 30, 2.5, NaN);
    const rowMajor = fitBinMapper(X, 4, 2, null, { maxBins: 255, subsample: 200_000, seed: 0 });
    const columns = [Float64Array.of(0.5, NaN, 1.5, 2.5), Float32Array.of(10, 20, 30, NaN)];
    const columnar = fitBinMapper(columns, 4, 2, null, { maxBins: 255, subsample: 200_000, seed: 0 });
    expect(columnar).toEqual(rowMajor);
    expect(Array.from(rowMajor.thresholds[0])).toEqual([1, 2]);
    const a = binRows(rowMajor, X, 4, 2, null);
    const b = binRows(rowMajor, columns, 4, 2, null);
    expect(b).toEqual(a);
    // Feature 0: 0.5 → 0, NaN → 3 (after bins 0…2), 1.5 → 1, 2.5 → 2; feature 1: 10 → 0, 20 → 1, 30 → 2, NaN → 3.
    expect(Array.from(a.bins)).toEqual([0, 3, 1, 2, 0, 1, 2, 3]);
  });

  it('bins only the given rows, and a value equal to an edge falls in the lower bin', () => {
    const X = Float64Array.of(1, 2, 3, 4, 5);
    const mapper = fitBinMapper(X, 5, 1, Int32Array.of(0, 2, 4), { maxBins: 255, subsample: 200_000, seed: 0 });
    expect(Array.from(mapper.thresholds[0])).toEqual([2, 4]);
    expect(Array.from(binRows(mapper, X, 5, 1, null).bins)).toEqual([0, 0, 1, 1, 2]);
  });

  it('learns edges from a seeded subsample of at most `subsample` rows', () => {
    const n = 5000;
    const X = Float64Array.from({ length: n }, (_, i) => (i * 7919) % n);
    const a = fitBinMapper(X, n, 1, null, { maxBins: 255, subsample: 1000, seed: 3 });
    const b = fitBinMapper(X, n, 1, null, { maxBins: 255, subsample: 1000, seed: 3 });
    const c = fitBinMapper(X, n, 1, null, { maxBins: 255, subsample: 1000, seed: 4 });
    const full = fitBinMapper(X, n, 1, null, { maxBins: 255, subsample: n, seed: 3 });
    expect(a).toEqual(b);
    expect(Array.from(a.thresholds[0])).not.toEqual(Array.from(c.thresholds[0]));
    // Edges from 1,000 of 5,000 uniformly spread values stay near the full data's (within 3% of the range).
    a.thresholds[0].forEach((t, k) => expect(Math.abs(t - full.thresholds[0][k])).toBeLessThan(0.03 * n));
  });
});
