import { describe, expect, it } from 'vitest';
import { groupHoldout } from '../../../../src/core/split/group-holdout.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';

describe('groupHoldout', () => {
  const groups = Array.from({ length: 200 }, (_, i) => (i * 13) % 17);

  it('keeps every group on one side and reaches the asked test share with whole groups', () => {
    const s = groupHoldout(groups, 0.25, { seed: 3 });
    const testGroups = new Set(Array.from(s.test, (i) => groups[i]));
    for (const i of s.train) expect(testGroups.has(groups[i])).toBe(false);
    expect(s.train.length + s.test.length).toBe(200);
    expect(s.test.length).toBeGreaterThanOrEqual(50);
    // Adding groups stops as soon as the share is reached, so it overshoots by less than one group.
    const sizes = new Map<number, number>();
    for (const g of groups) sizes.set(g, (sizes.get(g) ?? 0) + 1);
    expect(s.test.length).toBeLessThan(50 + Math.max(...sizes.values()));
  });

  it('is reproducible with a seed and maps to row ids', () => {
    const rows = Int32Array.from(groups, (_, i) => 5 + i);
    const a = groupHoldout(groups, 0.3, { seed: 8, rows });
    const b = groupHoldout(groups, 0.3, { seed: 8, rows });
    const c = groupHoldout(groups, 0.3, { seed: 9, rows });
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
    expect(Math.min(...a.test, ...a.train)).toBe(5);
  });

  it('keeps one group for training and refuses a single group', () => {
    const s = groupHoldout([1, 1, 2], 0.9, { seed: 1 });
    expect(s.train.length).toBeGreaterThan(0);
    expect(() => groupHoldout([4, 4, 4], 0.2, { seed: 1 })).toThrow(UserError);
  });
});
