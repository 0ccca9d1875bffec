import { describe, expect, it } from 'vitest';
import { groupKFold } from '../../../../src/core/split/group-k-fold.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import { expectPartition, fixture } from './fold-checks.ts';

// Reference: scripts/fixtures/split_reference.py (sklearn 1.2.1 GroupKFold); exact equality.
interface Case {
  name: string;
  k: number;
  groups: number[];
  tests: number[][];
}

describe('groupKFold', () => {
  it('equals scikit-learn GroupKFold, ties in group size included', async () => {
    const ref = await fixture<{ group: Case[] }>('split.folds.json');
    for (const c of ref.group) {
      const plan = groupKFold(c.groups, c.k);
      expect(plan.folds.map((f) => Array.from(f.test)), c.name).toEqual(c.tests);
      expectPartition(plan.folds, c.groups.map((_, i) => i));
    }
  });

  it('never puts one group in two folds', async () => {
    const ref = await fixture<{ group: Case[] }>('split.folds.json');
    const c = ref.group[1];
    const rows = Int32Array.from(c.groups, (_, i) => 1000 + 2 * i);
    const plan = groupKFold(c.groups, 7, { rows });
    expectPartition(plan.folds, Array.from(rows));
    const foldOfGroup = new Map<number, number>();
    plan.folds.forEach((f, fi) => {
      for (const r of f.test) {
        const g = c.groups[(r - 1000) / 2];
        expect(foldOfGroup.get(g) ?? fi).toBe(fi);
        foldOfGroup.set(g, fi);
      }
    });
    expect(foldOfGroup.size).toBe(30);
  });

  it('refuses more folds than groups', () => {
    expect(() => groupKFold([1, 1, 2, 2, 3], 4)).toThrow(UserError);
    expect(() => groupKFold([1, 1, 2, 2, 3], 4)).toThrow(/Cannot make 4 folds from 3 groups/);
  });
});
