import { describe, expect, it } from 'vitest';
import { applyStep } from '../../../../../src/core/recipe/apply.ts';
import { binLabels, binStep, fitEdges } from '../../../../../src/core/recipe/steps/bin.ts';
import { deriveStep } from '../../../../../src/core/recipe/steps/derive.ts';
import type { BinStep, DeriveStep } from '../../../../../src/core/recipe/types.ts';
import { close, column, messy, num, reference, table, texts, txt, values } from '../helpers.ts';

const derive = (name: string, expression: string): DeriveStep => ({ id: 'd', kind: 'derive', name, expression });
const bin = (over: Partial<BinStep> = {}): BinStep => ({ id: 'b', kind: 'bin', column: 'x', name: 'x_bin', method: 'quantile', bins: 4, ...over });

describe('derive', () => {
  it('adds a new column at the end, typed by the expression', () => {
    const t = table(num('x', [1, 2]), txt('c', ['a', 'b']));
    const out = applyStep(t, derive('big', 'x > 1'), 0);
    expect(out.table.columns.map((c) => c.name)).toEqual(['x', 'c', 'big']);
    expect(column(out.table, 'big').type).toBe('boolean');
    expect(out.report.columnsAdded).toEqual(['big']);
    expect(out.report.changed).toBe(0);
  });

  it('replaces a column of the same name in place, counting changed values', () => {
    const t = table(num('x', [1, 2, NaN]), txt('c', ['a', 'b', 'c']));
    const out = applyStep(t, derive('x', 'log1p(x)'), 0);
    expect(out.table.columns.map((c) => c.name)).toEqual(['x', 'c']);
    expect(Array.from(values(out.table, 'x'))).toEqual([Math.log1p(1), Math.log1p(2), NaN]);
    expect(out.report.changed).toBe(2);
    expect(out.report.columnsAdded).toEqual([]);
  });

  it('copies a column taken as is, so no two columns share an array', () => {
    const t = table(num('x', [1, 2]));
    const out = deriveStep.apply(t, derive('y', 'x'), 'fit');
    expect(values(out.table, 'y')).not.toBe(values(out.table, 'x'));
    expect(Array.from(values(out.table, 'y'))).toEqual([1, 2]);
  });

  it('makes an all-missing column for null, with a note, and needs a name', () => {
    const out = deriveStep.apply(table(num('x', [1])), derive('z', 'null'), 'fit');
    expect(Array.from(values(out.table, 'z'))).toEqual([NaN]);
    expect(out.notes?.[0]).toMatch(/missing in every row/);
    expect(() => deriveStep.schema([{ name: 'x', type: 'float' }], derive(' ', 'x'))).toThrow(/needs a name/);
    expect(deriveStep.schema([{ name: 'x', type: 'float' }], derive('s', "concat(x, '!')"))).toEqual([
      { name: 'x', type: 'float' },
      { name: 's', type: 'categorical' },
    ]);
  });
});

describe('bin edges against NumPy (1e-12 relative)', () => {
  const score = values(messy(), 'score');
  it('quantile edges are np.quantile(finite, i/4)', () => {
    const edges = fitEdges(score, 'quantile', 4)!;
    expect(edges.length).toBe(3);
    edges.forEach((e, i) => expect(close(e, reference.bins.quantile4[i]), `${e} vs ${reference.bins.quantile4[i]}`).toBe(true));
  });
  it('equal-width edges are np.linspace(min, max, 6)[1:-1]', () => {
    const edges = fitEdges(score, 'width', 5)!;
    edges.forEach((e, i) => expect(close(e, reference.bins.width5[i]), `${e} vs ${reference.bins.width5[i]}`).toBe(true));
  });
});

describe('bin', () => {
  it('puts each value in [edge, next edge), open at both ends, and keeps missing values missing', () => {
    const t = table(num('x', [0, 1, 2, 3, 4, 5, 6, 7, NaN, -100, 100]));
    const out = binStep.apply(t, bin({ method: 'width', bins: 2 }), 'fit');
    expect(out.step.fitted!.edges).toEqual([0]);
    expect(texts(out.table, 'x_bin')).toEqual(['≥ 0', '≥ 0', '≥ 0', '≥ 0', '≥ 0', '≥ 0', '≥ 0', '≥ 0', null, '< 0', '≥ 0']);
  });

  it('drops repeated quantile edges and says so', () => {
    const t = table(num('x', [1, 1, 1, 1, 1, 1, 2, 3]));
    const out = binStep.apply(t, bin({ bins: 4 }), 'fit');
    expect(out.step.fitted!.edges).toEqual([1.25]);
    expect(out.notes?.[0]).toMatch(/Only 2 distinct ranges/);
  });

  it('labels ranges with enough digits to tell them apart', () => {
    expect(binLabels([10, 20, 30])).toEqual(['< 10', '10 – 20', '20 – 30', '≥ 30']);
    expect(binLabels([1.00001, 1.00002])).toEqual(['< 1.00001', '1.00001 – 1.00002', '≥ 1.00002']);
    expect(binLabels([])).toEqual(['all values']);
  });

  it('serves with the fitted edges, and refuses an all-missing column or a bad count', () => {
    const fit = binStep.apply(table(num('x', [1, 2, 3, 4, 5])), bin({ method: 'width', bins: 2 }), 'fit');
    const served = binStep.apply(table(num('x', [2.9, 3, 1000])), fit.step, 'serve');
    expect(texts(served.table, 'x_bin')).toEqual(['< 3', '≥ 3', '≥ 3']);
    expect(() => binStep.apply(table(num('x', [NaN])), bin(), 'fit')).toThrow(/no values to bin/);
    expect(() => binStep.schema([{ name: 'x', type: 'float' }], bin({ bins: 1 }))).toThrow(/from 2 to 100/);
  });
});
