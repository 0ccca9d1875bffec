// The one-line answer of a drift comparison, e.g. "4 of 7 columns drifted (57%) — dataset drift".
import type { DriftResult } from './types.ts';

/** A share as a whole percentage, with "<1%" and ">99%" where rounding would claim 0% or 100%. */
export function sharePercent(share: number): string {
  if (share > 0 && share < 0.01) return '<1%';
  if (share < 1 && share > 0.99) return '>99%';
  return `${Math.round(share * 100)}%`;
}

export function verdictText(r: Pick<DriftResult, 'driftedCount' | 'columns' | 'share' | 'datasetDrift'>): string {
  const n = r.columns.length;
  return `${r.driftedCount} of ${n} column${n === 1 ? '' : 's'} drifted (${sharePercent(r.share)}) — ${r.datasetDrift ? 'dataset drift' : 'no dataset drift'}`;
}
