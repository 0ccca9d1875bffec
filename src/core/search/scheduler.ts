// Schedules search trials within a trial budget and a time budget, rung by rung for successive halving; pure, clock passed in.

import { UserError } from '../errors/user-error.ts';
import { meanStd } from '../metrics/fold-scores.ts';
import { metricInfo, type MetricName } from '../metrics/registry.ts';
import type { Config } from './space.ts';
import { selectTop, successiveHalving, type HalvingOptions, type HalvingPlan } from './successive-halving.ts';

export interface TrialSpec {
  id: number;
  /** Index into the configs given to the scheduler. */
  configIndex: number;
  config: Config;
  /** Budget for this trial (epochs, trees); null without halving: the trainer's own default. */
  resource: number | null;
  rung: number;
}

export interface TrialResult extends TrialSpec {
  /** One score per cross-validation fold (or one for a hold-out). */
  foldScores: number[];
  /** Mean over folds; NaN when the trial failed or a fold had no score. */
  score: number;
  std: number;
  durationMs: number;
  /** Why the trial failed, when it did. */
  error?: string;
}

export type StopReason = 'completed' | 'trial-budget' | 'time-budget' | 'cancelled';

export type NextStep =
  | { kind: 'trial'; trial: TrialSpec }
  /** Trials are running and nothing else can start until they report (the rung is not finished). */
  | { kind: 'wait' }
  | { kind: 'done'; reason: StopReason };

export interface SchedulerOptions {
  configs: readonly Config[];
  /** The metric that matters, or just its direction. */
  metric: MetricName | { higherIsBetter: boolean };
  /** Successive halving over the configs; absent: each config is tried once. */
  halving?: Omit<HalvingOptions, 'configs'>;
  /** At most this many trials are started (a halving config counts once per rung it runs in). */
  maxTrials?: number;
  /** No trial starts once this much time has passed since the scheduler was created. */
  timeBudgetMs?: number;
  /** Milliseconds from any fixed origin (performance.now, Date.now, or a fake clock in tests). */
  now: () => number;
}

export interface SearchStatus {
  started: number;
  completed: number;
  running: number;
  elapsedMs: number;
  rung: number;
  stopReason: StopReason | null;
}

export interface TrialScheduler {
  readonly plan: HalvingPlan | null;
  next(): NextStep;
  /** Records a finished trial's fold scores. */
  report(id: number, foldScores: readonly number[]): TrialResult;
  /** Records a failed trial: it scores NaN and is never promoted. */
  fail(id: number, message: string): TrialResult;
  /** Stops starting trials; running ones may still report. */
  cancel(): void;
  /** Finished trials, in the order they finished. */
  results(): TrialResult[];
  /** Best first: trials of later rungs (more budget) above earlier ones, then by score, failures last. */
  leaderboard(): TrialResult[];
  /** The leader: the best trial of the furthest rung that has a scored trial; null when none has. */
  best(): TrialResult | null;
  status(): SearchStatus;
}

/**
 * A trial is one configuration evaluated with one budget, usually by k-fold cross-validation (report the
 * score of each fold; the mean ranks it). Without halving the configs run once each, in order. With it,
 * rung i runs its configurations, and only when all have reported does rung i + 1 start with the best
 * ⌈n / eta⌉ of them. Budgets are checked whenever a trial is asked for: past either, no trial starts, and
 * the search is done once the running trials have reported.
 */
export function createTrialScheduler(options: SchedulerOptions): TrialScheduler {
  const { configs, now } = options;
  if (configs.length === 0) {
    throw new UserError(
      'The search has no configurations to try',
      'Check the search space: it must hold at least one valid configuration.',
    );
  }
  if (options.maxTrials !== undefined && !(Number.isInteger(options.maxTrials) && options.maxTrials >= 1)) {
    throw new UserError(`The trial budget must be a whole number, at least 1 (got ${options.maxTrials})`);
  }
  if (options.timeBudgetMs !== undefined && !(options.timeBudgetMs > 0)) {
    throw new UserError(`The time budget must be positive (got ${options.timeBudgetMs} ms)`);
  }
  const higherIsBetter = typeof options.metric === 'string' ? metricInfo(options.metric).higherIsBetter : options.metric.higherIsBetter;
  const plan = options.halving ? successiveHalving({ ...options.halving, configs: configs.length }) : null;
  const startedAt = now();

  let rung = 0;
  /** Config indices of the current rung, and how many of them have been started. */
  let queue: number[] = configs.map((_, i) => i);
  let issued = 0;
  let nextId = 0;
  let stopReason: StopReason | null = null;
  let cancelled = false;
  const running = new Map<number, { spec: TrialSpec; startedAt: number }>();
  const finished: TrialResult[] = [];
  const rungResults = new Map<number, TrialResult>();

  const resourceOf = (r: number): number | null => (plan ? plan.rungs[r].resource : null);

  function advanceRungIfDone(): void {
    if (!plan || issued < queue.length || running.size > 0) return;
    if (rung + 1 >= plan.rungs.length) return;
    const scores = queue.map((ci) => rungResults.get(ci)?.score ?? NaN);
    const keep = plan.rungs[rung].keep;
    // Failed trials are never promoted, even when fewer than `keep` succeeded.
    queue = selectTop(scores, keep, higherIsBetter)
      .filter((i) => !Number.isNaN(scores[i]))
      .map((i) => queue[i]);
    rung++;
    issued = 0;
    rungResults.clear();
  }

  function next(): NextStep {
    if (stopReason && running.size === 0) return { kind: 'done', reason: stopReason };
    const reason = cancelled
      ? 'cancelled'
      : options.maxTrials !== undefined && nextId >= options.maxTrials
        ? 'trial-budget'
        : options.timeBudgetMs !== undefined && now() - startedAt >= options.timeBudgetMs
          ? 'time-budget'
          : null;
    if (reason) {
      stopReason ??= reason;
      return running.size > 0 ? { kind: 'wait' } : { kind: 'done', reason: stopReason };
    }
    advanceRungIfDone();
    if (issued < queue.length) {
      const configIndex = queue[issued++];
      const spec: TrialSpec = { id: nextId++, configIndex, config: configs[configIndex], resource: resourceOf(rung), rung };
      running.set(spec.id, { spec, startedAt: now() });
      return { kind: 'trial', trial: spec };
    }
    if (running.size > 0) return { kind: 'wait' };
    stopReason = 'completed';
    return { kind: 'done', reason: stopReason };
  }

  function finish(id: number, foldScores: readonly number[], error?: string): TrialResult {
    const entry = running.get(id);
    if (!entry) throw new Error(`Trial ${id} is not running`);
    running.delete(id);
    const { mean, std } = error ? { mean: NaN, std: NaN } : meanStd(foldScores);
    const result: TrialResult = { ...entry.spec, foldScores: [...foldScores], score: mean, std, durationMs: now() - entry.startedAt };
    if (error !== undefined) result.error = error;
    finished.push(result);
    if (entry.spec.rung === rung) rungResults.set(entry.spec.configIndex, result);
    return result;
  }

  function leaderboard(): TrialResult[] {
    const sign = higherIsBetter ? -1 : 1;
    return [...finished].sort((a, b) => {
      if (a.rung !== b.rung) return b.rung - a.rung;
      const an = Number.isNaN(a.score);
      const bn = Number.isNaN(b.score);
      if (an || bn) return an === bn ? a.id - b.id : an ? 1 : -1;
      return sign * (a.score - b.score) || a.id - b.id;
    });
  }

  return {
    plan,
    next,
    report: (id, foldScores) => {
      if (foldScores.length === 0) throw new Error(`Trial ${id} reported no scores`);
      return finish(id, foldScores);
    },
    fail: (id, message) => finish(id, [], message),
    cancel: () => {
      cancelled = true;
    },
    results: () => [...finished],
    leaderboard,
    best: () => leaderboard().find((r) => !Number.isNaN(r.score)) ?? null,
    status: () => ({
      started: nextId,
      completed: finished.length,
      running: running.size,
      elapsedMs: now() - startedAt,
      rung,
      stopReason,
    }),
  };
}

/**
 * Runs trials one at a time until the scheduler is done: `evaluate` trains and scores a trial and returns its
 * fold scores; a rejection marks the trial failed and the search goes on. Returns the leaderboard.
 */
export async function runSearch(
  scheduler: TrialScheduler,
  evaluate: (trial: TrialSpec) => Promise<readonly number[]> | readonly number[],
): Promise<TrialResult[]> {
  for (;;) {
    const step = scheduler.next();
    if (step.kind !== 'trial') break;
    try {
      scheduler.report(step.trial.id, await evaluate(step.trial));
    } catch (err) {
      scheduler.fail(step.trial.id, err instanceof Error ? err.message : String(err));
    }
  }
  return scheduler.leaderboard();
}
