import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { selectTop, successiveHalving } from '../../../../src/core/search/successive-halving.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';

// Reference: scikit-learn 1.2.1 HalvingGridSearchCV's n_candidates_ / n_resources_ / n_remaining_candidates_
// (scripts/fixtures/split_reference.py); exact equality.
interface Case {
  candidates: number;
  min_resource: number;
  exhaust: boolean;
  max_resource: number;
  eta: number;
  n_candidates: number[];
  n_resources: number[];
  n_remaining: number;
}
const cases = (JSON.parse(readFileSync(new URL('../../../fixtures/split.halving.json', import.meta.url), 'utf8')) as { cases: Case[] }).cases;

describe('successiveHalving', () => {
  it('has scikit-learn HalvingRandomSearchCV rungs', () => {
    for (const c of cases) {
      const plan = successiveHalving({ configs: c.candidates, minResource: c.min_resource, maxResource: c.max_resource, eta: c.eta, exhaust: c.exhaust });
      const label = JSON.stringify(c);
      expect(plan.rungs.map((r) => r.candidates), label).toEqual(c.n_candidates);
      expect(plan.rungs.map((r) => r.resource), label).toEqual(c.n_resources);
      expect(plan.rungs[plan.rungs.length - 1].keep, label).toBe(c.n_remaining);
    }
  });

  it('counts exact powers exactly (Jamieson–Talwalkar: 81 configs at eta 3 → 81, 27, 9, 3, 1)', () => {
    const plan = successiveHalving({ configs: 1000, minResource: 1, maxResource: 1000, eta: 10 });
    expect(plan.rungs.map((r) => [r.candidates, r.resource])).toEqual([
      [1000, 1],
      [100, 10],
      [10, 100],
      [1, 1000],
    ]);
    expect(successiveHalving({ configs: new Array(81).fill(null), minResource: 1, maxResource: 81 }).rungs.map((r) => r.candidates)).toEqual([81, 27, 9, 3, 1]);
  });

  it('refuses impossible budgets with a clear message', () => {
    expect(() => successiveHalving({ configs: 10, minResource: 50, maxResource: 10 })).toThrow(/smallest budget \(50\) is above the largest \(10\)/);
    expect(() => successiveHalving({ configs: 0, minResource: 1, maxResource: 10 })).toThrow(UserError);
    expect(() => successiveHalving({ configs: 5, minResource: 1, maxResource: 10, eta: 1 })).toThrow(/above 1/);
  });
});

describe('selectTop', () => {
  it('keeps the best, either direction, failures last, ties by order', () => {
    expect(selectTop([0.5, NaN, 0.9, 0.7, 0.9], 3, true)).toEqual([2, 4, 3]);
    expect(selectTop([3, 1, NaN, 2], 4, false)).toEqual([1, 3, 0, 2]);
    expect(selectTop([1, 2], 0, true)).toEqual([]);
  });
});
