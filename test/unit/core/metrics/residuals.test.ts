import { describe, expect, it } from 'vitest';
import { residualPlotIndices, residuals } from '../../../../src/core/metrics/residuals.ts';

describe('residuals', () => {
  it('are true minus predicted', () => {
    expect(Array.from(residuals([3, -0.5, 2], [2.5, 0, 2]))).toEqual([0.5, -0.5, 0]);
  });

  it('plot every point up to the budget, then the largest residuals plus an even sample', () => {
    expect(residualPlotIndices(new Float64Array(10), 20).length).toBe(10);
    const res = Float64Array.from({ length: 10_000 }, (_, i) => (i === 4321 || i === 777 ? 1000 : Math.sin(i)));
    const idx = residualPlotIndices(res, 500);
    expect(idx.length).toBeLessThanOrEqual(500);
    expect(idx.length).toBeGreaterThan(450);
    expect(Array.from(idx)).toContain(4321);
    expect(Array.from(idx)).toContain(777);
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
  });
});
