import { describe, expect, it } from 'vitest';
import { sortFinite, sortFiniteRows } from '../../../../src/core/profile/sort-finite.ts';

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** The reference: finite values sorted by the built-in comparison sort, −0 written as 0. */
function expected(values: Float64Array): number[] {
  return Array.from(values)
    .filter(Number.isFinite)
    .map((v) => (v === 0 ? 0 : v))
    .sort((a, b) => a - b);
}

function check(values: Float64Array): void {
  const finite = values.filter(Number.isFinite);
  const min = finite.length ? finite.reduce((a, b) => Math.min(a, b)) : NaN;
  const max = finite.length ? finite.reduce((a, b) => Math.max(a, b)) : NaN;
  const out = sortFinite(values, finite.length, min, max);
  expect(Array.from(out)).toEqual(expected(values));
  expect(out.some((v) => Object.is(v, -0))).toBe(false);
  // With rows: the same order, and each value's row holds it (−0 where the sorted value is 0).
  const { values: sorted, rows } = sortFiniteRows(values, finite.length, min, max);
  expect(Array.from(sorted)).toEqual(expected(values));
  expect(sorted.some((v) => Object.is(v, -0))).toBe(false);
  expect(new Set(rows).size).toBe(rows.length);
  for (let k = 0; k < rows.length; k++) expect(values[rows[k]] === sorted[k]).toBe(true);
}

describe('sortFinite and sortFiniteRows', () => {
  const r = random(12345);
  const cases: [string, () => number][] = [
    ['uniform', () => r() * 100 - 30],
    ['normal-ish', () => r() + r() + r() + r() - 2],
    ['log-normal (piles into one linear bucket, so splits on bits)', () => Math.exp(20 * (r() - 0.5))],
    ['few distinct', () => Math.floor(r() * 5)],
    ['integers around 1e12 (dates)', () => 1.6e12 + Math.floor(r() * 1e6) * 1000],
    ['huge range with signs', () => (r() < 0.5 ? -1 : 1) * 10 ** (r() * 600 - 300)],
    ['subnormals and zeros of both signs', () => (r() < 0.3 ? (r() < 0.5 ? -0 : 0) : (r() - 0.5) * 1e-310)],
    ['missing and infinite mixed in', () => (r() < 0.2 ? NaN : r() < 0.05 ? (r() < 0.5 ? Infinity : -Infinity) : r())],
    ['outliers at ±1e308', () => (r() < 0.01 ? (r() < 0.5 ? -1e308 : 1e308) : r())],
  ];
  for (const [name, f] of cases) {
    it(`matches the comparison sort: ${name}`, () => {
      for (const n of [0, 1, 2, 31, 33, 1000, 50_000]) check(Float64Array.from({ length: n }, f));
    });
  }

  it('handles a constant column and an ascending or descending one', () => {
    check(new Float64Array(100).fill(-0));
    check(new Float64Array(100).fill(3.5));
    check(Float64Array.from({ length: 5000 }, (_, i) => i));
    check(Float64Array.from({ length: 5000 }, (_, i) => -i / 7));
  });
});
