import { describe, expect, it } from 'vitest';
import { validationSplit } from '../../../../src/core/gbdt/validation-split.ts';

describe('validationSplit', () => {
  it('holds out ceil(fraction · n) rows, both sides sorted, together every row once', () => {
    const { train, validation } = validationSplit(1001, 0.1, 3, null, 1);
    expect(validation.length).toBe(101);
    expect(train.length).toBe(900);
    const all = [...train, ...validation].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 1001 }, (_, i) => i));
    for (const side of [train, validation]) for (let i = 1; i < side.length; i++) expect(side[i]).toBeGreaterThan(side[i - 1]);
  });

  it('keeps the class shares when stratified, and every class in training', () => {
    const labels = Float64Array.from({ length: 1000 }, (_, i) => (i < 700 ? 0 : i < 950 ? 1 : i < 999 ? 2 : 3));
    const { validation, train } = validationSplit(1000, 0.2, 5, labels, 4);
    const count = (rows: Int32Array, k: number) => rows.filter((r) => labels[r] === k).length;
    expect(validation.length).toBe(200);
    expect([0, 1, 2].map((k) => count(validation, k))).toEqual([140, 50, 10]);
    // The single row of class 3 stays in training.
    expect(count(train, 3)).toBe(1);
  });

  it('repeats for a seed and moves with it', () => {
    expect(validationSplit(500, 0.1, 1, null, 1)).toEqual(validationSplit(500, 0.1, 1, null, 1));
    expect(validationSplit(500, 0.1, 2, null, 1).validation).not.toEqual(validationSplit(500, 0.1, 1, null, 1).validation);
  });
});
