import { describe, expect, it } from 'vitest';
import { createTrialScheduler, runSearch } from '../../../../src/core/search/scheduler.ts';
import type { Config } from '../../../../src/core/search/space.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';

const configs: Config[] = Array.from({ length: 9 }, (_, i) => ({ family: i % 2 ? 'mlp' : 'linear', params: { q: i } }));
/** Config i's true quality; more budget helps every config alike. */
const quality = (c: Config): number => [0.3, 0.9, 0.5, 0.7, 0.1, 0.8, 0.2, 0.6, 0.4][c.params.q as number];

function fakeClock() {
  let t = 1000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('trial scheduler', () => {
  it('runs every config once without halving, with CV mean and std per trial', async () => {
    const clock = fakeClock();
    const s = createTrialScheduler({ configs, metric: 'accuracy', now: clock.now });
    const board = await runSearch(s, (t) => {
      clock.advance(10);
      return [quality(t.config) - 0.01, quality(t.config) + 0.01];
    });
    expect(board.length).toBe(9);
    expect(board[0].configIndex).toBe(1);
    expect(board[0].score).toBeCloseTo(0.9, 12);
    expect(board[0].std).toBeCloseTo(0.01, 12);
    expect(board[0].durationMs).toBe(10);
    expect(board.every((r) => r.resource === null)).toBe(true);
    expect(s.status()).toMatchObject({ started: 9, completed: 9, running: 0, stopReason: 'completed' });
    expect(s.next()).toEqual({ kind: 'done', reason: 'completed' });
  });

  it('halves: each rung runs the best of the last with eta times the budget', async () => {
    const clock = fakeClock();
    const s = createTrialScheduler({ configs, metric: 'log_loss', halving: { minResource: 2, maxResource: 18, eta: 3 }, now: clock.now });
    expect(s.plan!.rungs.map((r) => [r.candidates, r.resource])).toEqual([[9, 2], [3, 6], [1, 18]]);
    const seen: [number, number, number | null][] = [];
    // Log loss: lower is better, so the lowest "quality" configs should go on.
    await runSearch(s, (t) => {
      seen.push([t.rung, t.configIndex, t.resource]);
      return [quality(t.config) / (t.resource as number)];
    });
    expect(seen.filter((x) => x[0] === 0).length).toBe(9);
    expect(seen.filter((x) => x[0] === 1).map((x) => x[1])).toEqual([4, 6, 0]);
    expect(seen.filter((x) => x[0] === 2)).toEqual([[2, 4, 18]]);
    expect(s.best()!.configIndex).toBe(4);
    expect(s.best()!.rung).toBe(2);
    expect(s.leaderboard()[0]).toBe(s.best());
  });

  it('stops at the trial budget', async () => {
    const s = createTrialScheduler({ configs, metric: 'accuracy', halving: { minResource: 1, maxResource: 9 }, maxTrials: 11, now: () => 0 });
    const board = await runSearch(s, (t) => [quality(t.config)]);
    expect(board.length).toBe(11);
    expect(s.status().stopReason).toBe('trial-budget');
    // 9 in rung 0, then 2 of the 3 promoted; the leader comes from the furthest rung reached.
    expect(s.best()!.rung).toBe(1);
    expect(s.best()!.configIndex).toBe(1);
  });

  it('stops at the time budget, measured with the given clock', async () => {
    const clock = fakeClock();
    const s = createTrialScheduler({ configs, metric: 'accuracy', timeBudgetMs: 250, now: clock.now });
    await runSearch(s, (t) => {
      clock.advance(100);
      return [quality(t.config)];
    });
    // Trials start at 0, 100 and 200 ms; at 300 ms the budget is spent.
    expect(s.results().length).toBe(3);
    expect(s.status().stopReason).toBe('time-budget');
  });

  it('records failures, never promotes them, and lets running trials finish after a stop', () => {
    const s = createTrialScheduler({ configs: configs.slice(0, 4), metric: 'accuracy', halving: { minResource: 1, maxResource: 4, eta: 2 }, now: () => 0 });
    const trials = [0, 1, 2, 3].map(() => {
      const step = s.next();
      if (step.kind !== 'trial') throw new Error('trial expected');
      return step.trial;
    });
    // The rung is not finished: nothing to start until the running trials report.
    expect(s.next()).toEqual({ kind: 'wait' });
    s.fail(trials[1].id, 'out of memory');
    s.report(trials[0].id, [0.3]);
    s.report(trials[2].id, [0.5]);
    expect(s.next()).toEqual({ kind: 'wait' });
    s.report(trials[3].id, [0.7]);
    const promoted: number[] = [];
    for (let step = s.next(); step.kind === 'trial'; step = s.next()) {
      promoted.push(step.trial.configIndex);
      if (promoted.length === 1) s.cancel();
      s.report(step.trial.id, [0.6]);
    }
    // Config 1 scored best on paper (0.9) but failed: it does not go on. The cancel stops the rung after one.
    expect(promoted).toEqual([3]);
    expect(s.status().stopReason).toBe('cancelled');
    expect(s.results().find((r) => r.configIndex === 1)!.error).toBe('out of memory');
    expect(s.leaderboard().at(-1)!.configIndex).toBe(1);
  });

  it('refuses an empty search or bad budgets', () => {
    expect(() => createTrialScheduler({ configs: [], metric: 'rmse', now: () => 0 })).toThrow(UserError);
    expect(() => createTrialScheduler({ configs, metric: 'rmse', maxTrials: 0, now: () => 0 })).toThrow(/trial budget/);
    expect(() => createTrialScheduler({ configs, metric: 'rmse', timeBudgetMs: -5, now: () => 0 })).toThrow(/time budget/);
  });
});
