// Holds out a share of the training rows to decide early stopping: shuffled, stratified by class when classifying.

import { createRng, shuffleInPlace } from '../random.ts';

export interface ValidationSplit {
  train: Int32Array;
  validation: Int32Array;
}

/**
 * ceil(fraction · n) rows for validation, as scikit-learn's train_test_split rounds the test side. With
 * `classes`, each class gives its share (largest remainders make up the total) and keeps at least one
 * training row. Both sides come back in increasing row order.
 */
export function validationSplit(n: number, fraction: number, seed: number, labels: Float64Array | null, classes: number): ValidationSplit {
  const rng = createRng(seed);
  const total = Math.min(Math.ceil(fraction * n), n - 1);
  const isValidation = new Uint8Array(n);
  if (labels && classes > 1) {
    const groups: number[][] = Array.from({ length: classes }, () => []);
    for (let i = 0; i < n; i++) groups[labels[i]].push(i);
    const exact = groups.map((g) => (g.length * total) / n);
    const take = exact.map((e, k) => Math.min(Math.floor(e), Math.max(groups[k].length - 1, 0)));
    let missing = total - take.reduce((a, b) => a + b, 0);
    const byRemainder = exact.map((e, k) => k).sort((a, b) => exact[b] - Math.floor(exact[b]) - (exact[a] - Math.floor(exact[a])) || a - b);
    for (const k of byRemainder) {
      if (missing <= 0) break;
      if (take[k] < groups[k].length - 1) {
        take[k]++;
        missing--;
      }
    }
    groups.forEach((group, k) => {
      const shuffled = shuffleInPlace(Int32Array.from(group), rng);
      for (let i = 0; i < take[k]; i++) isValidation[shuffled[i]] = 1;
    });
  } else {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    shuffleInPlace(all, rng);
    for (let i = 0; i < total; i++) isValidation[all[i]] = 1;
  }
  let nValidation = 0;
  for (let i = 0; i < n; i++) nValidation += isValidation[i];
  const train = new Int32Array(n - nValidation);
  const validation = new Int32Array(nValidation);
  let t = 0;
  let v = 0;
  for (let i = 0; i < n; i++) {
    if (isValidation[i]) validation[v++] = i;
    else train[t++] = i;
  }
  return { train, validation };
}
