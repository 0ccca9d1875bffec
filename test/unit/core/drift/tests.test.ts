import { describe, expect, it } from 'vitest';
import { binnedShares } from '../../../../src/core/drift/binning.ts';
import { categoryTable } from '../../../../src/core/drift/category-table.ts';
import { chiSquareTest } from '../../../../src/core/drift/chi-square.ts';
import { jensenShannonTest } from '../../../../src/core/drift/jensen-shannon.ts';
import { ksTest } from '../../../../src/core/drift/ks.ts';
import { psi } from '../../../../src/core/drift/psi.ts';
import { wassersteinTest } from '../../../../src/core/drift/wasserstein.ts';
import { zTest } from '../../../../src/core/drift/z-test.ts';
import { expectClose } from '../stats/reference.ts';
import { categoricalSample, numericSample, pairs } from './pairs.ts';

/**
 * References: Evidently's tests re-implemented over SciPy in scripts/fixtures/drift_reference.py, each run on
 * every applicable fixture pair (numeric: small/large, ties, identical, disjoint, constant reference, few
 * values; categorical: shifted, a category only in the current or only in the reference, identical, 30
 * categories; binary: shifted, one shared value, disjoint, one side single-valued).
 * Tolerances: statistics 1e-9 relative (1e-12 absolute near 0); p-values 1e-9 relative, 1e-15 absolute (the
 * Z-test's 2·(1 − Φ) is rounded at 1e-16 in both); PSI 1e-9 relative. The drift decision must match exactly.
 */
const STAT = { rel: 1e-9, abs: 1e-12 };
const P = { rel: 1e-9, abs: 1e-15 };

describe('numeric tests', () => {
  for (const p of pairs.numeric) {
    it(`${p.name}: ks, wasserstein, jensenshannon and psi match Evidently`, () => {
      const a = numericSample(p.reference);
      const b = numericSample(p.current);
      const ks = ksTest(a.values, b.values);
      expectClose(ks.statistic, p.ks.statistic, STAT.rel, STAT.abs, 'ks D');
      expectClose(ks.pValue!, p.ks.p_value!, P.rel, P.abs, 'ks p');
      expect(ks.drifted).toBe(p.ks.drifted);
      const w = wassersteinTest(a.values, b.values);
      expectClose(w.statistic, p.wasserstein.statistic, STAT.rel, STAT.abs, 'wasserstein');
      expect(w.drifted).toBe(p.wasserstein.drifted);
      const shares = binnedShares(a, b, 'numeric');
      const js = jensenShannonTest(shares);
      expectClose(js.statistic, p.jensenshannon.statistic, STAT.rel, STAT.abs, 'jensenshannon');
      expect(js.drifted).toBe(p.jensenshannon.drifted);
      expectClose(psi(shares), p.psi, 1e-9, 1e-12, 'psi');
    });
  }

  it('a constant reference divides the distance by 0.001 (Evidently’s floor), not by 0', () => {
    const p = pairs.numeric.find((x) => x.name === 'constant-reference')!;
    expect(p.wasserstein.std).toBe(0);
    const w = wassersteinTest(numericSample(p.reference).values, numericSample(p.current).values);
    expect(Number.isFinite(w.statistic)).toBe(true);
    expect(w.drifted).toBe(true);
  });
});

describe('categorical tests', () => {
  for (const p of pairs.categorical) {
    it(`${p.name}: chisquare, jensenshannon and psi match Evidently`, () => {
      const a = categoricalSample(p.reference);
      const b = categoricalSample(p.current);
      const chi = chiSquareTest(categoryTable(a, b));
      expectClose(chi.statistic, p.chisquare!.statistic, STAT.rel, STAT.abs, 'chi2');
      expectClose(chi.pValue!, p.chisquare!.p_value!, P.rel, P.abs, 'chi2 p');
      expect(chi.drifted).toBe(p.chisquare!.drifted);
      const shares = binnedShares(a, b, 'categorical');
      const js = jensenShannonTest(shares);
      expectClose(js.statistic, p.jensenshannon.statistic, STAT.rel, STAT.abs, 'jensenshannon');
      expectClose(psi(shares), p.psi, 1e-9, 1e-12, 'psi');
    });
  }

  it('a category only the current side has makes χ² infinite and p 0, as SciPy does', () => {
    const p = pairs.categorical.find((x) => x.name === 'only-in-current')!;
    const chi = chiSquareTest(categoryTable(categoricalSample(p.reference), categoricalSample(p.current)));
    expect(chi.statistic).toBe(Infinity);
    expect(chi.pValue).toBe(0);
  });
});

describe('binary tests', () => {
  for (const p of pairs.binary) {
    it(`${p.name}: z, jensenshannon and psi match Evidently`, () => {
      const a = categoricalSample(p.reference);
      const b = categoricalSample(p.current);
      const z = zTest(categoryTable(a, b));
      expectClose(z.statistic, p.z!.statistic, STAT.rel, STAT.abs, 'z');
      expectClose(z.pValue!, p.z!.p_value!, P.rel, P.abs, 'z p');
      expect(z.drifted).toBe(p.z!.drifted);
      const shares = binnedShares(a, b, 'categorical');
      expectClose(jensenShannonTest(shares).statistic, p.jensenshannon.statistic, STAT.rel, STAT.abs, 'jensenshannon');
      expectClose(psi(shares), p.psi, 1e-9, 1e-12, 'psi');
    });
  }

  it('the Z-test p-value does not depend on which category comes first', () => {
    const t = categoryTable(categoricalSample(['a', 'a', 'b', 'a']), categoricalSample(['b', 'b', 'a', 'b', 'b']));
    const swapped = categoryTable(categoricalSample(['y', 'y', 'x', 'y']), categoricalSample(['x', 'x', 'y', 'x', 'x']));
    expect(zTest(t).pValue).toBeCloseTo(zTest(swapped).pValue!, 14);
    expect(zTest(t).statistic).toBeCloseTo(-zTest(swapped).statistic, 14);
  });
});
