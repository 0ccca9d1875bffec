// Both sides' counts over the union of their categories: what the chi-square, Z and binned tests read.
import { valueCounts } from './sample.ts';
import type { CategoryKey, CategoryTable, DriftSample } from './types.ts';

/** Keys in first-seen order (reference, then categories only the current side has). */
export function categoryTable(reference: DriftSample, current: DriftSample): CategoryTable {
  const a = valueCounts(reference);
  const b = valueCounts(current);
  const keys: CategoryKey[] = [...a.keys()];
  for (const k of b.keys()) if (!a.has(k)) keys.push(k);
  const ref = new Float64Array(keys.length);
  const cur = new Float64Array(keys.length);
  let referenceTotal = 0;
  let currentTotal = 0;
  keys.forEach((k, i) => {
    ref[i] = a.get(k) ?? 0;
    cur[i] = b.get(k) ?? 0;
    referenceTotal += ref[i];
    currentTotal += cur[i];
  });
  return { keys, reference: ref, current: cur, referenceTotal, currentTotal };
}
