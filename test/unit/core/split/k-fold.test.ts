import { describe, expect, it } from 'vitest';
import { kFold } from '../../../../src/core/split/k-fold.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import { expectPartition, fixture } from './fold-checks.ts';

// Reference: scripts/fixtures/split_reference.py (sklearn 1.2.1 KFold, no shuffling); exact equality.
interface Reference {
  kfold: { n: number; k: number; tests: number[][] }[];
}

describe('kFold', () => {
  it('equals scikit-learn KFold without shuffling', async () => {
    const ref = await fixture<Reference>('split.folds.json');
    for (const c of ref.kfold) {
      const plan = kFold(c.n, c.k);
      expect(plan.folds.map((f) => Array.from(f.test))).toEqual(c.tests);
      expectPartition(plan.folds, Array.from({ length: c.n }, (_, i) => i));
    }
  });

  it('returns row ids when given rows, and shuffles reproducibly with a seed', () => {
    const rows = Int32Array.from({ length: 37 }, (_, i) => i * 3 + 1);
    const a = kFold(rows, 4, { shuffle: true, seed: 5 });
    const b = kFold(rows, 4, { shuffle: true, seed: 5 });
    const c = kFold(rows, 4, { shuffle: true, seed: 6 });
    expectPartition(a.folds, Array.from(rows));
    expect(a.folds.map((f) => f.test.length)).toEqual([10, 9, 9, 9]);
    expect(a.folds.map((f) => Array.from(f.test))).toEqual(b.folds.map((f) => Array.from(f.test)));
    expect(a.folds.map((f) => Array.from(f.test))).not.toEqual(c.folds.map((f) => Array.from(f.test)));
    // Shuffled folds are not the contiguous blocks.
    expect(Array.from(a.folds[0].test)).not.toEqual(Array.from(rows.slice(0, 10)));
  });

  it('refuses more folds than rows, and fewer than two folds', () => {
    expect(() => kFold(3, 5)).toThrow(UserError);
    expect(() => kFold(3, 5)).toThrow(/Cannot make 5 folds from 3 rows/);
    expect(() => kFold(10, 1)).toThrow(/at least 2/);
    expect(() => kFold(10, 2.5)).toThrow(UserError);
  });
});
