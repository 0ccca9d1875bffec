import { describe, expect, it } from 'vitest';
import { stratifiedKFold } from '../../../../src/core/split/stratified-k-fold.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import { expectPartition, fixture } from './fold-checks.ts';

// Reference: scripts/fixtures/split_reference.py (sklearn 1.2.1 StratifiedKFold). Unshuffled folds must be
// identical; shuffled folds must have sklearn's per-fold class counts (its allocation does not depend on the
// shuffle). Exact equality throughout.
interface Case {
  name: string;
  k: number;
  y: number[];
  tests: number[][];
  classes: number[];
  shuffled_counts: number[][];
  warnings: string[];
}

const counts = (y: number[], test: Int32Array, classes: number[]): number[] =>
  classes.map((c) => Array.from(test).filter((i) => y[i] === c).length);

describe('stratifiedKFold', () => {
  it('equals scikit-learn StratifiedKFold without shuffling, warning where sklearn warns', async () => {
    const ref = await fixture<{ stratified: Case[] }>('split.folds.json');
    for (const c of ref.stratified) {
      const plan = stratifiedKFold(c.y, c.k);
      expect(plan.folds.map((f) => Array.from(f.test)), `${c.name} k=${c.k}`).toEqual(c.tests);
      expectPartition(plan.folds, c.y.map((_, i) => i));
      expect(plan.warnings.length).toBe(c.warnings.length);
    }
  });

  it('keeps sklearn per-fold class counts when shuffled, and is reproducible with a seed', async () => {
    const ref = await fixture<{ stratified: Case[] }>('split.folds.json');
    for (const c of ref.stratified) {
      const plan = stratifiedKFold(c.y, c.k, { shuffle: true, seed: 11 });
      expect(plan.folds.map((f) => counts(c.y, f.test, c.classes)), `${c.name} k=${c.k}`).toEqual(c.shuffled_counts);
      expectPartition(plan.folds, c.y.map((_, i) => i));
      // Per class, test fold sizes differ by at most one.
      for (let j = 0; j < c.classes.length; j++) {
        const sizes = plan.folds.map((f) => counts(c.y, f.test, c.classes)[j]);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
      const again = stratifiedKFold(c.y, c.k, { shuffle: true, seed: 11 });
      expect(again.folds.map((f) => Array.from(f.test))).toEqual(plan.folds.map((f) => Array.from(f.test)));
    }
    const y = ref.stratified.find((c) => c.name === 'imbalanced')!.y;
    const a = stratifiedKFold(y, 5, { shuffle: true, seed: 1 }).folds.map((f) => Array.from(f.test));
    const b = stratifiedKFold(y, 5, { shuffle: true, seed: 2 }).folds.map((f) => Array.from(f.test));
    expect(a).not.toEqual(b);
  });

  it('maps positions to row ids and names the rare class in its warning', () => {
    const y = [0, 0, 0, 0, 0, 0, 1, 1];
    const rows = Int32Array.from([2, 5, 6, 9, 10, 14, 20, 21]);
    const plan = stratifiedKFold(y, 3, { rows, classNames: ['common', 'rare'] });
    expectPartition(plan.folds, Array.from(rows));
    expect(plan.warnings).toEqual([
      'Class "rare" has only 2 rows, fewer than the 3 folds: some test folds will not contain it',
    ]);
  });

  it('refuses when every class is smaller than k, as sklearn does', () => {
    expect(() => stratifiedKFold([0, 0, 1, 1, 2, 2], 3)).toThrow(UserError);
    expect(() => stratifiedKFold([0, 0, 1, 1, 2, 2], 3)).toThrow(/needs at least one class with 3 rows/);
    expect(() => stratifiedKFold([0, 1], 3)).toThrow(/Cannot make 3 folds from 2 rows/);
  });
});
