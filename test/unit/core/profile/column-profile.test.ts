import { describe, expect, it } from 'vitest';
import { EXACT_LIMIT, profileColumn } from '../../../../src/core/profile/column-profile.ts';
import type { CodedColumn, NumericColumn } from '../../../../src/core/table/table.ts';

const numeric = (values: number[], type: NumericColumn['type'] = 'float'): NumericColumn => ({
  kind: 'numeric',
  name: 'x',
  type,
  values: Float64Array.from(values),
});
const coded = (codes: number[], dictionary: string[], type: CodedColumn['type'] = 'categorical'): CodedColumn => ({
  kind: 'coded',
  name: 'c',
  type,
  codes: Int32Array.from(codes),
  dictionary,
});

describe('profileColumn', () => {
  it('documents its default limit', () => {
    expect(EXACT_LIMIT).toBe(2_000_000);
  });

  it('gives an all-missing column only its counts', () => {
    const p = profileColumn(numeric([NaN, NaN, NaN]));
    expect(p).toEqual({
      name: 'x',
      type: 'float',
      count: 0,
      missing: 3,
      missingShare: 1,
      distinct: 0,
      distinctShare: 0,
      unique: 0,
      memoryBytes: 24,
    });
    expect(profileColumn(numeric([])).missingShare).toBe(0);
  });

  it('describes a single value', () => {
    const p = profileColumn(numeric([NaN, 4.5]));
    expect(p).toMatchObject({ count: 1, missing: 1, missingShare: 0.5, distinct: 1, distinctShare: 1, unique: 1, mean: 4.5, min: 4.5, max: 4.5 });
    expect(p.std).toBeUndefined();
    const n = p.numeric;
    expect(n).toMatchObject({ mean: 4.5, min: 4.5, max: 4.5, range: 0, sum: 4.5, mad: 0, iqr: 0, monotonicity: 'strictly increasing' });
    expect([n?.std, n?.variance, n?.skewness, n?.kurtosis, n?.cv]).toEqual([NaN, NaN, NaN, NaN, NaN]);
    expect(n?.quantiles).toEqual({ p5: 4.5, p25: 4.5, p50: 4.5, p75: 4.5, p95: 4.5 });
    expect(n?.common).toEqual([{ value: 4.5, count: 1 }]);
    expect(n?.extremes).toEqual({ lowest: [{ value: 4.5, count: 1 }], highest: [{ value: 4.5, count: 1 }] });
    expect(p.histogram).toEqual([{ x0: 4, x1: 5, count: 1 }]);
  });

  it('describes a constant column: no spread, no shape', () => {
    const p = profileColumn(numeric(new Array(7).fill(0.1)));
    expect(p).toMatchObject({ count: 7, distinct: 1, distinctShare: 1 / 7, unique: 0 });
    expect(p.numeric).toMatchObject({ std: 0, variance: 0, skewness: 0, kurtosis: 0, mad: 0, iqr: 0, range: 0, cv: 0, monotonicity: 'increasing' });
    expect(p.numeric?.mean).toBeCloseTo(0.1, 15);
    expect(p.numeric?.common).toEqual([{ value: 0.1, count: 7 }]);
  });

  it('keeps ±Infinity in counts, min, max and value lists, out of moments and quantiles', () => {
    const p = profileColumn(numeric([1, Infinity, 3, -Infinity, Infinity, 0, NaN]));
    expect(p).toMatchObject({ count: 6, distinct: 5, unique: 4, min: -Infinity, max: Infinity, mean: 4 / 3 });
    expect(p.numeric).toMatchObject({ min: -Infinity, max: Infinity, range: Infinity, sum: 4, infinite: 3, negatives: 1, zeros: 1 });
    expect(p.numeric?.quantiles.p50).toBe(1);
    expect(p.numeric?.common[0]).toEqual({ value: Infinity, count: 2 });
    expect(p.numeric?.extremes.lowest[0]).toEqual({ value: -Infinity, count: 1 });
    expect(p.numeric?.extremes.highest[0]).toEqual({ value: Infinity, count: 2 });
    expect(p.histogram?.reduce((s, b) => s + b.count, 0)).toBe(3);
  });

  it('describes an all-infinite column with NaN statistics and no histogram', () => {
    const p = profileColumn(numeric([Infinity, -Infinity, Infinity]));
    expect(p).toMatchObject({ count: 3, distinct: 2, unique: 1, min: -Infinity, max: Infinity });
    expect(p.mean).toBeUndefined();
    expect(p.histogram).toBeUndefined();
    const n = p.numeric;
    expect(n).toMatchObject({ infinite: 3, sum: 0, range: Infinity, monotonicity: 'none' });
    expect([n?.mean, n?.std, n?.mad, n?.quantiles.p50, n?.iqr, n?.cv]).toEqual([NaN, NaN, NaN, NaN, NaN, NaN]);
    expect(n?.extremes.lowest).toEqual([
      { value: -Infinity, count: 1 },
      { value: Infinity, count: 2 },
    ]);
  });

  it('gives cv as NaN for a zero mean and the std / mean otherwise', () => {
    expect(profileColumn(numeric([-1, 1])).numeric?.cv).toBeNaN();
    const p = profileColumn(numeric([1, 3]));
    expect(p.numeric?.cv).toBeCloseTo(Math.SQRT2 / 2, 15);
  });

  it('copies invalid cells and measures memory', () => {
    const invalid = { count: 2, examples: [{ row: 1, text: 'n.a.' }] };
    const p = profileColumn({ ...numeric([1, NaN, NaN], 'integer'), invalid });
    expect(p.invalid).toEqual(invalid);
    expect(p.memoryBytes).toBe(24);
    const c = profileColumn({ ...coded([0, 1, -1], ['ab', 'cde']), invalid });
    expect(c.invalid).toEqual(invalid);
    expect(c.memoryBytes).toBe(12 + 2 * 5);
  });

  it('gives booleans their true/false counts, share true and imbalance', () => {
    const p = profileColumn(numeric([1, 0, 1, NaN, 1], 'boolean'));
    expect(p).toMatchObject({ count: 4, missing: 1, distinct: 2, unique: 1, otherCount: 0, mean: 0.75 });
    expect(p.top).toEqual([
      { value: 'true', count: 3 },
      { value: 'false', count: 1 },
    ]);
    expect(p.imbalance).toBeCloseTo(1 + 0.75 * Math.log2(0.75) + 0.25 * Math.log2(0.25), 14);
    expect(p.numeric).toBeUndefined();
    expect(p.histogram).toBeUndefined();
    const one = profileColumn(numeric([0, 0, NaN], 'boolean'));
    expect(one).toMatchObject({ distinct: 1, unique: 0, imbalance: 0, mean: 0, top: [{ value: 'false', count: 2 }] });
    const none = profileColumn(numeric([NaN], 'boolean'));
    expect(none).toMatchObject({ count: 0, top: [], imbalance: 0 });
    expect(none.mean).toBeUndefined();
  });

  it('gives datetimes their range and a calendar histogram, no numeric statistics', () => {
    const jan = (d: number): number => Date.UTC(2024, 0, d);
    const p = profileColumn(numeric([jan(1), jan(3), NaN, jan(3), jan(2)], 'datetime'));
    expect(p).toMatchObject({ count: 4, distinct: 3, unique: 2, min: jan(1), max: jan(3) });
    expect(p.datetime).toEqual({ min: jan(1), max: jan(3), rangeMs: 2 * 86_400_000 });
    expect(p.numeric).toBeUndefined();
    expect(p.mean).toBeUndefined();
    // Three distinct days, at most three bins: one per day, the last closed.
    expect(p.histogram).toEqual([
      { x0: jan(1), x1: jan(2), count: 1 },
      { x0: jan(2), x1: jan(3), count: 3 },
    ]);
  });

  it('gives coded columns top values, the rest as otherCount, imbalance and text statistics', () => {
    const dictionary = Array.from({ length: 12 }, (_, i) => `v${String(i).padStart(2, '0')}`);
    // v00 ×12, v01 ×11, …, v11 ×1, plus two missing.
    const codes: number[] = [-1, -1];
    dictionary.forEach((_, i) => {
      for (let k = 0; k < 12 - i; k++) codes.push(i);
    });
    const p = profileColumn(coded(codes, dictionary));
    expect(p).toMatchObject({ count: 78, missing: 2, distinct: 12, unique: 1 });
    expect(p.top?.map((t) => t.value)).toEqual(dictionary.slice(0, 10));
    expect(p.otherCount).toBe(2 + 1);
    expect(p.imbalance).toBeGreaterThan(0);
    expect(p.text?.length).toMatchObject({ min: 3, max: 3, mean: 3, median: 3 });
    expect(p.text?.characters).toMatchObject({ total: 234, letters: 78, digits: 156 });
  });

  it('handles an empty dictionary and an all-missing coded column', () => {
    const p = profileColumn(coded([-1, -1], [], 'text'));
    expect(p).toEqual({
      name: 'c',
      type: 'text',
      count: 0,
      missing: 2,
      missingShare: 1,
      distinct: 0,
      distinctShare: 0,
      unique: 0,
      memoryBytes: 8,
      top: [],
      otherCount: 0,
      imbalance: 0,
    });
  });

  it('reads small limits as sketches and ignores nonsense limits', () => {
    const values = Array.from({ length: 50 }, (_, i) => i * 1.5);
    expect(profileColumn(numeric(values), { exactLimit: 10 }).approximations?.map((a) => a.method)).toEqual(['kll', 'kll', 'hll', 'hll']);
    expect(profileColumn(numeric(values), { exactLimit: 100 }).approximations).toBeUndefined();
    // Limits below 1 act as 1.
    expect(profileColumn(numeric(values), { exactLimit: -5 }).approximations).toBeDefined();
    // Coded columns are exact whatever the limit.
    expect(profileColumn(coded([0, 1, 2], ['a', 'b', 'c']), { exactLimit: 1 }).approximations).toBeUndefined();
  });
});
