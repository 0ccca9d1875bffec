import { describe, expect, it } from 'vitest';
import { analyzeTarget } from '../../../../src/core/frame/frame.ts';
import { holdoutSplit } from '../../../../src/core/split/holdout.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import type { Table } from '../../../../src/core/table/table.ts';

/** 1000 rows: class 0 ×700, 1 ×250, 2 ×50, interleaved; every 97th target missing. */
function imbalanced(): Table {
  const n = 1000;
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = i % 20 === 0 ? 2 : i % 4 === 1 ? 1 : 0;
  for (let i = 0; i < n; i += 97) codes[i] = -1;
  return {
    rowCount: n,
    columns: [
      { kind: 'coded', name: 'y', type: 'categorical', codes, dictionary: ['a', 'b', 'c'] },
      { kind: 'numeric', name: 'x', type: 'float', values: Float64Array.from({ length: n }, (_, i) => i) },
    ],
  };
}

function countClasses(t: Table, rows: Int32Array): number[] {
  const col = t.columns[0];
  if (col.kind !== 'coded') throw new Error('coded');
  const c = [0, 0, 0];
  for (const r of rows) c[col.codes[r]]++;
  return c;
}

describe('holdoutSplit', () => {
  it('is disjoint, sorted, covers every row with a target and drops missing targets', () => {
    const t = imbalanced();
    const frame = analyzeTarget(t, 'y');
    const { train, test } = holdoutSplit(t, frame, { testFraction: 0.2, stratify: true, seed: 1 });
    const all = [...train, ...test].sort((a, b) => a - b);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(frame.rowsWithTarget);
    for (const r of all) expect(r % 97).not.toBe(0);
    for (const side of [train, test]) for (let i = 1; i < side.length; i++) expect(side[i]).toBeGreaterThan(side[i - 1]);
  });

  it('keeps class proportions when stratified', () => {
    const t = imbalanced();
    const frame = analyzeTarget(t, 'y');
    const { train, test } = holdoutSplit(t, frame, { testFraction: 0.25, stratify: true, seed: 7 });
    const totals = frame.classCounts as number[];
    const inTest = countClasses(t, test);
    const inTrain = countClasses(t, train);
    for (let c = 0; c < 3; c++) {
      expect(inTest[c] + inTrain[c]).toBe(totals[c]);
      expect(Math.abs(inTest[c] - totals[c] * 0.25)).toBeLessThanOrEqual(0.5 + 1e-9);
    }
  });

  it('puts a rare class with two rows on both sides', () => {
    const codes = Int32Array.from({ length: 40 }, (_, i) => (i < 2 ? 1 : 0));
    const t: Table = {
      rowCount: 40,
      columns: [
        { kind: 'coded', name: 'y', type: 'categorical', codes, dictionary: ['common', 'rare'] },
        { kind: 'numeric', name: 'x', type: 'float', values: Float64Array.from({ length: 40 }, (_, i) => i) },
      ],
    };
    const frame = analyzeTarget(t, 'y');
    const { train, test } = holdoutSplit(t, frame, { testFraction: 0.1, stratify: true, seed: 3 });
    expect([...train].filter((r) => r < 2).length).toBe(1);
    expect([...test].filter((r) => r < 2).length).toBe(1);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const t = imbalanced();
    const frame = analyzeTarget(t, 'y');
    for (const stratify of [true, false]) {
      const a = holdoutSplit(t, frame, { testFraction: 0.3, stratify, seed: 42 });
      const b = holdoutSplit(t, frame, { testFraction: 0.3, stratify, seed: 42 });
      const c = holdoutSplit(t, frame, { testFraction: 0.3, stratify, seed: 43 });
      expect(Array.from(a.test)).toEqual(Array.from(b.test));
      expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
    }
  });

  it('splits regression targets by plain shuffling', () => {
    const n = 100;
    const t: Table = {
      rowCount: n,
      columns: [
        { kind: 'numeric', name: 'y', type: 'float', values: Float64Array.from({ length: n }, (_, i) => i * 0.5) },
        { kind: 'numeric', name: 'x', type: 'float', values: Float64Array.from({ length: n }, (_, i) => -i) },
      ],
    };
    const frame = analyzeTarget(t, 'y');
    const { train, test } = holdoutSplit(t, frame, { testFraction: 0.2, stratify: true, seed: 9 });
    expect(test.length).toBe(20);
    expect(train.length).toBe(80);
  });

  it('errors when a side would be empty', () => {
    const t: Table = {
      rowCount: 3,
      columns: [
        { kind: 'numeric', name: 'y', type: 'float', values: Float64Array.of(1.5, 2.5, 3.5) },
        { kind: 'numeric', name: 'x', type: 'float', values: Float64Array.of(1, 2, 3) },
      ],
    };
    const frame = analyzeTarget(t, 'y');
    expect(() => holdoutSplit(t, frame, { testFraction: 0.1, stratify: false, seed: 1 })).toThrow(UserError);
    expect(() => holdoutSplit(t, frame, { testFraction: 0.9, stratify: false, seed: 1 })).toThrow(/training set would be empty/);
    expect(() => holdoutSplit(t, frame, { testFraction: 1.5, stratify: false, seed: 1 })).toThrow(UserError);
  });

  it('holds out a validation set without changing the test rows of the same seed', () => {
    const t = imbalanced();
    const frame = analyzeTarget(t, 'y');
    for (const stratify of [true, false]) {
      const two = holdoutSplit(t, frame, { testFraction: 0.2, stratify, seed: 4 });
      const three = holdoutSplit(t, frame, { testFraction: 0.2, validationFraction: 0.15, stratify, seed: 4 });
      expect(Array.from(three.test)).toEqual(Array.from(two.test));
      const validation = three.validation as Int32Array;
      expect(validation.length).toBeGreaterThan(0);
      const all = [...three.train, ...three.test, ...validation].sort((a, b) => a - b);
      expect(new Set(all).size).toBe(all.length);
      expect(all).toEqual(Array.from(two.train).concat(Array.from(two.test)).sort((a, b) => a - b));
      for (let i = 1; i < validation.length; i++) expect(validation[i]).toBeGreaterThan(validation[i - 1]);
      if (stratify) {
        const totals = frame.classCounts as number[];
        const inValidation = countClasses(t, validation);
        for (let c = 0; c < 3; c++) expect(Math.abs(inValidation[c] - totals[c] * 0.15)).toBeLessThanOrEqual(0.5 + 1e-9);
      } else {
        expect(validation.length).toBe(Math.round(frame.rowsWithTarget * 0.15));
      }
    }
    expect(holdoutSplit(t, frame, { testFraction: 0.2, stratify: true, seed: 4 }).validation).toBeUndefined();
  });

  it('refuses validation and test shares that leave nothing to train on', () => {
    const t = imbalanced();
    const frame = analyzeTarget(t, 'y');
    expect(() => holdoutSplit(t, frame, { testFraction: 0.5, validationFraction: 0.5, stratify: false, seed: 1 })).toThrow(
      /must leave rows for training/,
    );
    expect(() => holdoutSplit(t, frame, { testFraction: 0.2, validationFraction: -0.1, stratify: false, seed: 1 })).toThrow(UserError);
  });
});
