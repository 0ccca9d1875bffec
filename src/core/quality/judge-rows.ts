// The loop every per-value rule shares: a verdict per row, counts, the first failing examples, a time budget.

import { MAX_EXAMPLES, type FailingExample } from './types.ts';

export const SKIP = 0;
export const PASS = 1;
export const FAIL = 2;
/** SKIP: not considered (e.g. a missing value for most rules); PASS / FAIL: judged. */
export type Verdict = typeof SKIP | typeof PASS | typeof FAIL;

export interface Judgement {
  considered: number;
  unexpected: number;
  examples: FailingExample[];
}

/** Thrown when a rule runs past its time budget; the suite reports it on that rule and goes on. */
export class BudgetExceeded extends Error {
  constructor(
    readonly checked: number,
    readonly total: number,
    readonly budgetMs: number,
  ) {
    super(`stopped after ${checked} of ${total} rows`);
    this.name = 'BudgetExceeded';
  }
}

export interface Budget {
  ms: number;
  now: () => number;
}

/** How often the clock is read: often enough to stop close to the budget, rarely enough to cost nothing. */
const CHECK_EVERY = 1024;

export function judgeRows(
  rows: number,
  verdict: (row: number) => Verdict,
  display: (row: number) => string | null,
  budget: Budget,
): Judgement {
  const deadline = budget.now() + budget.ms;
  let considered = 0;
  let unexpected = 0;
  const examples: FailingExample[] = [];
  for (let r = 0; r < rows; r++) {
    if (r % CHECK_EVERY === CHECK_EVERY - 1 && budget.now() > deadline) throw new BudgetExceeded(r + 1, rows, budget.ms);
    const v = verdict(r);
    if (v === SKIP) continue;
    considered++;
    if (v === FAIL) {
      unexpected++;
      if (examples.length < MAX_EXAMPLES) examples.push({ row: r, value: display(r) });
    }
  }
  return { considered, unexpected, examples };
}
