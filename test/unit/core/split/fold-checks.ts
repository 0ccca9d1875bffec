// Shared assertions for fold plans: every fold partitions the rows, test folds are disjoint and cover them.
import { expect } from 'vitest';
import type { Fold } from '../../../../src/core/split/folds.ts';

export function expectPartition(folds: Fold[], ids: number[]): void {
  const all = [...ids].sort((a, b) => a - b);
  const tested: number[] = [];
  for (const { train, test } of folds) {
    for (const side of [train, test]) for (let i = 1; i < side.length; i++) expect(side[i]).toBeGreaterThan(side[i - 1]);
    const union = [...train, ...test].sort((a, b) => a - b);
    expect(union).toEqual(all);
    tested.push(...test);
  }
  // Test folds are disjoint and together cover every row once.
  expect(tested.sort((a, b) => a - b)).toEqual(all);
}

export const fixture = <T>(name: string): Promise<T> =>
  import('node:fs').then((fs) => JSON.parse(fs.readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url), 'utf8')) as T);
