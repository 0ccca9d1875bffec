import { describe, expect, it } from 'vitest';
import { timeSeriesFolds, timeSplit } from '../../../../src/core/split/time-split.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import { fixture } from './fold-checks.ts';

// Reference: scripts/fixtures/split_reference.py (sklearn 1.2.1 TimeSeriesSplit on rows ordered by a
// distinct time, given in shuffled order); exact equality.
interface Case {
  n: number;
  k: number;
  times: number[];
  folds: { train: number[]; test: number[] }[];
}

const maxOf = (times: number[], ids: Int32Array): number => Math.max(...Array.from(ids, (i) => times[i]));
const minOf = (times: number[], ids: Int32Array): number => Math.min(...Array.from(ids, (i) => times[i]));

describe('timeSeriesFolds', () => {
  it('equals scikit-learn TimeSeriesSplit when times are distinct', async () => {
    const ref = await fixture<{ time: Case[] }>('split.folds.json');
    for (const c of ref.time) {
      const plan = timeSeriesFolds(c.times, c.k);
      expect(plan.folds.map((f) => ({ train: Array.from(f.train), test: Array.from(f.test) }))).toEqual(c.folds);
      expect(plan.warnings).toEqual([]);
    }
  });

  it('keeps equal times together, training strictly before testing, and says when folds merge', () => {
    // 30 rows on 6 days, 5 rows a day, in scrambled order.
    const times = Array.from({ length: 30 }, (_, i) => ((i * 7) % 6) * 86_400_000);
    const plan = timeSeriesFolds(times, 4);
    for (const f of plan.folds) expect(maxOf(times, f.train)).toBeLessThan(minOf(times, f.test));
    // ⌊30/5⌋ = 6-row blocks would cut days apart; edges snap to day boundaries.
    for (const f of plan.folds) expect(f.test.length % 5).toBe(0);
    const two = timeSeriesFolds([1, 1, 1, 1, 2, 2, 2, 2, 2, 3], 4);
    expect(two.folds.length).toBeLessThan(4);
    expect(two.warnings[0]).toMatch(/left \d folds instead of 4/);
    for (const f of two.folds) expect(maxOf([1, 1, 1, 1, 2, 2, 2, 2, 2, 3], f.train)).toBeLessThan(minOf([1, 1, 1, 1, 2, 2, 2, 2, 2, 3], f.test));
  });

  it('refuses too many folds and a constant time', () => {
    expect(() => timeSeriesFolds([1, 2, 3], 3)).toThrow(/needs at least 4/);
    expect(() => timeSeriesFolds([5, 5, 5, 5, 5], 2)).toThrow(UserError);
    expect(() => timeSeriesFolds([5, 5, 5, 5, 5], 2)).toThrow(/share one time/);
  });
});

describe('timeSplit', () => {
  it('tests on the latest rows, ordered by time, with row ids', () => {
    const times = [50, 10, 40, 20, 30, 90, 80, 70, 60, 0];
    const rows = Int32Array.from({ length: 10 }, (_, i) => 100 + i);
    const s = timeSplit(times, 0.3, { rows });
    expect(Array.from(s.test)).toEqual([105, 106, 107]); // times 90, 80, 70
    expect(s.train.length).toBe(7);
    expect(s.validation).toBeUndefined();
  });

  it('moves the cut to a change of time so ties stay on one side', () => {
    // Ten rows on day 1, ten on day 2, one on day 3: a 25% test share would cut day 2 apart.
    const times = [...Array(10).fill(1), ...Array(10).fill(2), 3];
    const s = timeSplit(times, 0.25);
    expect(maxOf(times, s.train)).toBeLessThan(minOf(times, s.test));
    expect(s.train.length + s.test.length).toBe(21);
  });

  it('puts a validation block between train and test', () => {
    const times = Array.from({ length: 20 }, (_, i) => 19 - i);
    const s = timeSplit(times, 0.2, { validationFraction: 0.1 });
    expect(s.test.length).toBe(4);
    expect(s.validation?.length).toBe(2);
    expect(maxOf(times, s.train)).toBeLessThan(minOf(times, s.validation!));
    expect(maxOf(times, s.validation!)).toBeLessThan(minOf(times, s.test));
  });

  it('errors on bad shares and on a single time', () => {
    expect(() => timeSplit([1, 2, 3], 0)).toThrow(UserError);
    expect(() => timeSplit([1, 2, 3], 0.5, { validationFraction: 0.5 })).toThrow(/leave rows for training/);
    expect(() => timeSplit([4, 4, 4], 0.3)).toThrow(/share one time/);
  });
});
