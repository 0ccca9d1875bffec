// Loading the SciPy references written by scripts/fixtures/drift_reference.py, and comparing with tolerances.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

export function fixtureJson<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/** The JSON writes inf and nan as strings. */
export function value(v: number | string): number {
  if (typeof v === 'number') return v;
  return v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : NaN;
}

/**
 * |actual − expected| ≤ max(relative·|expected|, absolute). Infinite or NaN references must match exactly.
 */
export function expectClose(actual: number, expected: number | string, relative: number, absolute: number, what: string): void {
  const e = value(expected);
  if (!Number.isFinite(e)) {
    expect(actual, what).toBe(e);
    return;
  }
  const tolerance = Math.max(relative * Math.abs(e), absolute);
  if (!(Math.abs(actual - e) <= tolerance)) {
    expect.fail(`${what}: ${actual} vs SciPy ${e} (difference ${Math.abs(actual - e)}, tolerance ${tolerance})`);
  }
}
