// Successive halving: many configurations on a small budget, the best third (1/eta) go on with eta times more, and so on.

import { UserError } from '../errors/user-error.ts';

export interface HalvingOptions {
  /** The configurations (or how many there are). */
  configs: readonly unknown[] | number;
  /** Budget per configuration in the first rung (epochs, trees, rows). */
  minResource: number;
  /** No rung uses more than this. */
  maxResource: number;
  /** Keep 1/eta of the configurations and multiply the budget by eta at each rung (default 3, as scikit-learn). */
  eta?: number;
  /**
   * Raise the first rung's budget so the last rung uses as much of maxResource as it can (scikit-learn's
   * min_resources='exhaust'); minResource is then a floor.
   */
  exhaust?: boolean;
}

export interface Rung {
  index: number;
  /** Configurations evaluated in this rung. */
  candidates: number;
  /** Budget each of them gets. */
  resource: number;
  /** How many of them the next rung takes (after the last rung: how many finalists; the best one wins). */
  keep: number;
}

export interface HalvingPlan {
  rungs: Rung[];
  eta: number;
  /** The first rung's budget, after `exhaust`. */
  minResource: number;
}

/**
 * The rung arithmetic of scikit-learn's HalvingRandomSearchCV (1.2), without aggressive elimination:
 * n_required = 1 + ⌊log_eta(candidates)⌋ rungs would bring the field below eta; n_possible =
 * 1 + ⌊log_eta(⌊max / min⌋)⌋ rungs fit the budget; the plan has the fewer of the two. Rung i gives
 * ⌊eta^i × min⌋ (at most max) to the configurations left, and keeps ⌈candidates / eta⌉ of them.
 * The logarithms are exact (sklearn's floating-point log undercounts at exact powers such as 1000 at eta 10).
 */
export function successiveHalving(options: HalvingOptions): HalvingPlan {
  const n = typeof options.configs === 'number' ? options.configs : options.configs.length;
  const eta = options.eta ?? 3;
  const { maxResource } = options;
  let minResource = options.minResource;
  if (!Number.isInteger(n) || n < 1) throw new UserError('Successive halving needs at least one configuration to try');
  if (!(eta > 1) || !Number.isFinite(eta)) throw new UserError(`The halving factor must be above 1 (got ${eta})`, 'Use 2 or 3.');
  if (!(minResource > 0) || !Number.isFinite(maxResource)) {
    throw new UserError(`The budget per trial must be positive and finite (got ${minResource} to ${maxResource})`);
  }
  if (minResource > maxResource) {
    throw new UserError(
      `The smallest budget (${minResource}) is above the largest (${maxResource})`,
      'Lower the smallest budget or raise the largest.',
    );
  }
  const required = 1 + floorLog(n, eta);
  if (options.exhaust) minResource = Math.max(minResource, Math.floor(maxResource / eta ** (required - 1)));
  const possible = 1 + floorLog(Math.floor(maxResource / minResource), eta);
  const count = Math.min(required, possible);
  const rungs: Rung[] = [];
  let candidates = n;
  for (let i = 0; i < count; i++) {
    const resource = Math.min(Math.floor(eta ** i * minResource), maxResource);
    const keep = Math.ceil(candidates / eta);
    rungs.push({ index: i, candidates, resource, keep });
    candidates = keep;
  }
  return { rungs, eta, minResource };
}

/**
 * Indices of the `keep` best scores, best first. NaN (a failed trial) ranks below every number; equal scores
 * keep their original order, so the choice is deterministic.
 */
export function selectTop(scores: readonly number[], keep: number, higherIsBetter: boolean): number[] {
  const sign = higherIsBetter ? -1 : 1;
  return scores
    .map((_, i) => i)
    .sort((a, b) => {
      const an = Number.isNaN(scores[a]);
      const bn = Number.isNaN(scores[b]);
      if (an || bn) return an === bn ? a - b : an ? 1 : -1;
      return sign * (scores[a] - scores[b]) || a - b;
    })
    .slice(0, Math.max(0, keep));
}

/** Largest p with eta^p ≤ x (x ≥ 1), by multiplication rather than a floating-point logarithm. */
function floorLog(x: number, eta: number): number {
  let p = 0;
  let power = eta;
  while (power <= x) {
    p++;
    power *= eta;
  }
  return p;
}
