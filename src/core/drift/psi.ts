// The population stability index, as Evidently's psi: Σ (r − c)·ln(r/c) over the binned shares.
import { fillZeroes } from './binning.ts';
import type { BinnedShares } from './types.ts';

/** Evidently's PSI threshold (its psi test's default): 0.1, commonly read as "some shift"; 0.25 "major". */
export const PSI_THRESHOLD = 0.1;

/** Empty bins are first filled with a small share on each side (Evidently's feel_zeroes). */
export function psi(shares: BinnedShares): number {
  const r = fillZeroes(shares.reference);
  const c = fillZeroes(shares.current);
  let sum = 0;
  for (let i = 0; i < r.length; i++) sum += (r[i] - c[i]) * Math.log(r[i] / c[i]);
  return sum;
}
