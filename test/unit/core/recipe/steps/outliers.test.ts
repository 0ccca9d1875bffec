import { describe, expect, it } from 'vitest';
import { applyStep } from '../../../../../src/core/recipe/apply.ts';
import { fitBounds, outliersStep } from '../../../../../src/core/recipe/steps/outliers.ts';
import type { OutliersStep } from '../../../../../src/core/recipe/types.ts';
import { close, column, messy, num, penguins, reference, table, values } from '../helpers.ts';

const step = (columns: string[], method: OutliersStep['method'], action: OutliersStep['action'], factor = method === 'iqr' ? 1.5 : 3): OutliersStep => ({
  id: 'o',
  kind: 'outliers',
  columns,
  method,
  factor,
  action,
});

describe('outlier bounds against pandas (finite values; 1e-12 relative)', () => {
  const t = messy();
  for (const name of ['score', 'income'] as const) {
    for (const method of ['iqr', 'zscore'] as const) {
      const ref = reference.outliers[name][method];
      it(`${method} bounds of ${name}, rows dropped and values clipped`, () => {
        const b = fitBounds(values(t, name), method, method === 'iqr' ? 1.5 : 3)!;
        expect(close(b.lower, ref.lower) && close(b.upper, ref.upper), JSON.stringify([b, ref])).toBe(true);
        const dropped = applyStep(t, step([name], method, 'drop'), 0);
        expect(dropped.report.rowsBefore - dropped.report.rowsAfter).toBe(ref.dropped);
        const clipped = applyStep(t, step([name], method, 'clip'), 0);
        expect(clipped.report.changed).toBe(ref.clipped);
        expect(clipped.report.rowsAfter).toBe(reference.rows);
      });
    }
  }

  it('penguins Body Mass fences', () => {
    const b = fitBounds(values(penguins(), 'Body Mass (g)'), 'iqr', 1.5)!;
    expect(b).toEqual({ lower: reference.penguins.fences.iqr.lower, upper: reference.penguins.fences.iqr.upper });
  });
});

describe('outliers', () => {
  it('clips to the bounds, infinities included, and keeps missing values', () => {
    const t = table(num('x', [1, 2, 3, 4, 100, NaN, -Infinity]));
    const out = outliersStep.apply(t, step(['x'], 'iqr', 'clip'), 'fit');
    const { lower, upper } = out.step.fitted!.bounds.x;
    // Finite values 1, 2, 3, 4, 100: Q1 = 2, Q3 = 4, IQR = 2.
    expect([lower, upper]).toEqual([-1, 7]);
    expect(Array.from(values(out.table, 'x'))).toEqual([1, 2, 3, 4, 7, NaN, -1]);
  });

  it('drops rows outside the bounds on any listed column, keeping rows with missing values', () => {
    const t = table(num('x', [1, 2, 3, 4, 100, NaN]), num('y', [5, 5, 5, 5, 5, 500]));
    const out = applyStep(t, step(['x', 'y'], 'iqr', 'drop'), 0);
    expect(Array.from(values(out.table, 'x'))).toEqual([1, 2, 3, 4]);
    expect(out.report.removed?.map((r) => r.row)).toEqual([4, 5]);
    expect(out.report.removed?.[0].values).toEqual(['100', '5']);
  });

  it('serves with the fitted bounds', () => {
    // Q1 = 2, Q3 = 4, IQR = 2: with k = 0.5 the bounds are [1, 5].
    const fit = outliersStep.apply(table(num('x', [1, 2, 3, 4, 5])), step(['x'], 'iqr', 'clip', 0.5), 'fit');
    const served = outliersStep.apply(table(num('x', [0, 10, 3])), fit.step, 'serve');
    expect(Array.from(values(served.table, 'x'))).toEqual([1, 5, 3]);
  });

  it('turns an integer column float when clipped to a fractional bound', () => {
    const out = outliersStep.apply(table(num('n', [1, 2, 3, 4, 50], 'integer')), step(['n'], 'zscore', 'clip', 1), 'fit');
    expect(column(out.table, 'n').type).toBe('float');
  });

  it('uses no spread for a single value, and refuses an all-missing column or a bad factor', () => {
    expect(fitBounds(Float64Array.of(NaN, 3), 'zscore', 3)).toEqual({ lower: 3, upper: 3 });
    expect(() => outliersStep.apply(table(num('x', [NaN, NaN])), step(['x'], 'iqr', 'clip'), 'fit')).toThrow(/no values to compute outlier bounds/);
    expect(() => outliersStep.schema([{ name: 'x', type: 'float' }], step(['x'], 'iqr', 'clip', 0))).toThrow(/positive number/);
    expect(() => outliersStep.schema([{ name: 'c', type: 'categorical' }], step(['c'], 'iqr', 'clip'))).toThrow(/needs a number column/);
  });
});
