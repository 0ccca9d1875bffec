import { describe, expect, it } from 'vitest';
import { crossValidationFolds } from '../../../../src/core/split/cross-validation.ts';
import { analyzeTarget } from '../../../../src/core/frame/frame.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import type { Table } from '../../../../src/core/table/table.ts';
import { expectPartition } from './fold-checks.ts';

function table(): Table {
  const n = 60;
  return {
    rowCount: n,
    columns: [
      // Class "b" on every third row; row 7's target is missing.
      { kind: 'coded', name: 'y', type: 'categorical', codes: Int32Array.from({ length: n }, (_, i) => (i === 7 ? -1 : i % 3 === 0 ? 1 : 0)), dictionary: ['a', 'b'] },
      { kind: 'numeric', name: 'x', type: 'float', values: Float64Array.from({ length: n }, (_, i) => Math.sin(i)) },
      { kind: 'coded', name: 'store', type: 'categorical', codes: Int32Array.from({ length: n }, (_, i) => i % 6), dictionary: ['s0', 's1', 's2', 's3', 's4', 's5'] },
      { kind: 'numeric', name: 'day', type: 'datetime', values: Float64Array.from({ length: n }, (_, i) => Math.floor(i / 4) * 86_400_000) },
      { kind: 'coded', name: 'gappy', type: 'categorical', codes: Int32Array.from({ length: n }, (_, i) => (i % 10 === 1 ? -1 : 0)), dictionary: ['g'] },
    ],
  };
}
const withTarget = Array.from({ length: 60 }, (_, i) => i).filter((i) => i !== 7);

describe('crossValidationFolds', () => {
  it('folds only rows with a target, for every method', () => {
    const t = table();
    const frame = analyzeTarget(t, 'y');
    for (const method of ['kfold', 'stratified', 'group', 'time'] as const) {
      const column = method === 'group' ? 'store' : method === 'time' ? 'day' : undefined;
      const plan = crossValidationFolds(t, frame, { method, k: 3, seed: 1, column });
      if (method === 'time') {
        for (const f of plan.folds) expect(Math.max(...f.train)).toBeLessThan(Math.min(...f.test));
      } else {
        expectPartition(plan.folds, withTarget);
      }
    }
  });

  it('stratifies by class and keeps groups whole', () => {
    const t = table();
    const frame = analyzeTarget(t, 'y');
    const strat = crossValidationFolds(t, frame, { method: 'stratified', k: 4, seed: 2 });
    for (const f of strat.folds) {
      const b = Array.from(f.test).filter((r) => r % 3 === 0).length;
      expect(b).toBe(5); // 20 rows of class b over 4 folds
    }
    const grouped = crossValidationFolds(t, frame, { method: 'group', k: 3, seed: 0, column: 'store' });
    for (const f of grouped.folds) {
      const inTest = new Set(Array.from(f.test, (r) => r % 6));
      for (const r of f.train) expect(inTest.has(r % 6)).toBe(false);
    }
  });

  it('falls back to k-fold for regression and names missing or wrong columns', () => {
    const t = table();
    const reg = analyzeTarget(t, 'x');
    const plan = crossValidationFolds(t, reg, { method: 'stratified', k: 5, seed: 1 });
    expect(plan.warnings[0]).toMatch(/plain k-fold/);
    const frame = analyzeTarget(t, 'y');
    expect(() => crossValidationFolds(t, frame, { method: 'group', k: 3, seed: 1, column: 'gappy' })).toThrow(/6 rows have no value in the group column "gappy"/);
    expect(() => crossValidationFolds(t, frame, { method: 'time', k: 3, seed: 1, column: 'store' })).toThrow(/holds text/);
    expect(() => crossValidationFolds(t, frame, { method: 'group', k: 3, seed: 1 })).toThrow(UserError);
  });
});
