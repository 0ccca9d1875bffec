import { describe, expect, it } from 'vitest';
import { profileColumn } from '../../../../src/core/profile/column-profile.ts';
import { HyperLogLog } from '../../../../src/core/profile/hyperloglog.ts';
import { KllSketch } from '../../../../src/core/profile/kll.ts';
import type { ColumnProfile } from '../../../../src/core/profile/types.ts';
import type { NumericColumn } from '../../../../src/core/table/table.ts';

/**
 * Above the exact limit (here 1,000 instead of 2,000,000, on 100,000 values), sketched statistics must lie within
 * the error they state against the exact profile of the same column (the default limit):
 * - quantiles: the true rank of each sketched quantile within KLL's rank error of its share (99% bound);
 * - MAD: the true rank of the sketched MAD among |x − sketched median| within its stated rank error (twice the quantiles');
 * - distinct, unique: within 3 standard errors (the errors stated are relative standard errors);
 * - everything not listed in approximations: equal to the exact profile, except that moments are summed in
 *   another order (row order, or distinct values × counts, instead of sorted values): std, variance and cv to
 *   1e-10 relative, skewness and kurtosis to 1e-9 absolute.
 * Several seeds and distributions; the data come from a seeded generator so failures reproduce.
 */
const N = 100_000;
const LIMIT = 1_000;
const SEEDS = [1, 2, 3, 4, 5];

function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Generator = (r: () => number, i: number) => number;
const normal: Generator = (r) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
const DISTRIBUTIONS: [string, NumericColumn['type'], Generator][] = [
  ['normal with missing values and infinities', 'float', (r) => (r() < 0.05 ? NaN : r() < 0.001 ? (r() < 0.5 ? Infinity : -Infinity) : 10 + 3 * normal(r, 0))],
  ['log-normal', 'float', (r) => Math.exp(1.5 * normal(r, 0))],
  ['integers with repeats and heavy hitters', 'integer', (r) => (r() < 0.2 ? 7 : r() < 0.05 ? -3 : Math.floor(r() * 60_000))],
];

function column(type: NumericColumn['type'], values: Float64Array): NumericColumn {
  return { kind: 'numeric', name: 'x', type, values };
}

/** Share of values < v and ≤ v. */
function rankRange(sorted: Float64Array, v: number): [number, number] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < sorted.length && sorted[end] === v) end++;
  return [lo / sorted.length, end / sorted.length];
}

function expectRank(sorted: Float64Array, v: number, share: number, error: number, what: string): void {
  const [below, atOrBelow] = rankRange(sorted, v);
  expect(share, `${what}: ${v} has rank [${below}, ${atOrBelow}]`).toBeGreaterThanOrEqual(below - error);
  expect(share, `${what}: ${v} has rank [${below}, ${atOrBelow}]`).toBeLessThanOrEqual(atOrBelow + error);
}

function momentsClose(a: NonNullable<ColumnProfile['numeric']>, b: NonNullable<ColumnProfile['numeric']>): void {
  for (const key of ['std', 'variance', 'cv'] as const) {
    expect(Math.abs(a[key] - b[key]), `${key}: ${a[key]} vs ${b[key]}`).toBeLessThanOrEqual(1e-10 * Math.abs(b[key]));
  }
  for (const key of ['skewness', 'kurtosis'] as const) expect(Math.abs(a[key] - b[key]), `${key}: ${a[key]} vs ${b[key]}`).toBeLessThanOrEqual(1e-9);
}

describe('profileColumn above the exact limit (sketches)', () => {
  for (const [name, type, generate] of DISTRIBUTIONS) {
    for (const seed of SEEDS) {
      it(`${name}, seed ${seed}: sketched statistics within their stated error`, () => {
        const r = random(seed);
        const values = Float64Array.from({ length: N }, (_, i) => generate(r, i));
        const exact = profileColumn(column(type, values));
        const sketched = profileColumn(column(type, values), { exactLimit: LIMIT });
        expect(exact.approximations).toBeUndefined();
        const approximations = sketched.approximations ?? [];
        const kll = approximations.find((a) => a.method === 'kll' && a.applies.includes('quantiles'));
        const kllMad = approximations.find((a) => a.method === 'kll' && a.applies.includes('mad'));
        const hllDistinct = approximations.find((a) => a.method === 'hll' && a.applies.includes('distinct'));
        const hllUnique = approximations.find((a) => a.method === 'hll' && a.applies.includes('unique'));
        expect(kll).toEqual({ method: 'kll', applies: ['quantiles', 'iqr'], error: KllSketch.rankError() });
        expect(kllMad).toEqual({ method: 'kll', applies: ['mad'], error: 2 * KllSketch.rankError() });
        expect(hllDistinct).toEqual({ method: 'hll', applies: ['distinct', 'distinctShare'], error: HyperLogLog.error() });
        expect(hllUnique?.error).toBeGreaterThan(0);

        const finite = Float64Array.from(values.filter(Number.isFinite)).sort();
        const n = sketched.numeric as NonNullable<ColumnProfile['numeric']>;
        const e = exact.numeric as NonNullable<ColumnProfile['numeric']>;
        const eps = (kll as { error: number }).error;
        const shares = { p5: 0.05, p25: 0.25, p50: 0.5, p75: 0.75, p95: 0.95 } as const;
        for (const [key, share] of Object.entries(shares) as [keyof typeof shares, number][]) {
          expectRank(finite, n.quantiles[key], share, eps, key);
        }
        expect(n.iqr).toBe(n.quantiles.p75 - n.quantiles.p25);
        const deviations = finite.map((v) => Math.abs(v - n.quantiles.p50)).sort();
        expectRank(deviations, n.mad, 0.5, (kllMad as { error: number }).error, 'mad');

        const distinctError = 3 * (hllDistinct as { error: number }).error;
        expect(Math.abs(sketched.distinct - exact.distinct) / exact.distinct).toBeLessThanOrEqual(distinctError);
        expect(sketched.distinctShare).toBe(sketched.distinct / sketched.count);
        const uniqueError = 3 * (hllUnique as { error: number }).error;
        expect(Math.abs(sketched.unique - exact.unique)).toBeLessThanOrEqual(uniqueError * exact.unique + 1);

        // Not estimated: as the exact profile.
        expect({ count: sketched.count, missing: sketched.missing, missingShare: sketched.missingShare }).toEqual({
          count: exact.count,
          missing: exact.missing,
          missingShare: exact.missingShare,
        });
        for (const key of ['mean', 'sum', 'min', 'max', 'range', 'zeros', 'negatives', 'infinite', 'monotonicity'] as const) {
          expect(n[key], key).toEqual(e[key]);
        }
        momentsClose(n, e);
        expect(n.extremes).toEqual(e.extremes);
        expect(sketched.histogram).toEqual(exact.histogram);
        // Common values: exact counts, and exactly the exact profile's values above n / 4097 occurrences.
        const threshold = exact.count / 4097;
        expect(n.common).toEqual(e.common.filter((c) => c.count > threshold));
      });
    }
  }

  it('stays exact above the limit when the distinct values fit it', () => {
    const r = random(9);
    const values = Float64Array.from({ length: N }, () => (r() < 0.1 ? NaN : Math.floor(r() * 500) / 4));
    const exact = profileColumn(column('float', values));
    const counted = profileColumn(column('float', values), { exactLimit: LIMIT });
    expect(counted.approximations).toBeUndefined();
    const strip = (p: ColumnProfile): unknown => ({ ...p, numeric: { ...p.numeric, std: 0, variance: 0, skewness: 0, kurtosis: 0, cv: 0 }, std: 0 });
    expect(strip(counted)).toEqual(strip(exact));
    momentsClose(counted.numeric as NonNullable<ColumnProfile['numeric']>, exact.numeric as NonNullable<ColumnProfile['numeric']>);
  });

  it('counts an integer column whose range fits the limit outright, exactly', () => {
    const r = random(10);
    const values = Float64Array.from({ length: N }, () => (r() < 0.1 ? NaN : r() < 0.01 ? -Infinity : Math.floor(r() * 900) - 450));
    values[3] = -0;
    const exact = profileColumn(column('integer', values));
    const counted = profileColumn(column('integer', values), { exactLimit: LIMIT });
    expect(counted.approximations).toBeUndefined();
    const strip = (p: ColumnProfile): unknown => ({ ...p, numeric: { ...p.numeric, std: 0, variance: 0, skewness: 0, kurtosis: 0, cv: 0 }, std: 0 });
    expect(strip(counted)).toEqual(strip(exact));
    momentsClose(counted.numeric as NonNullable<ColumnProfile['numeric']>, exact.numeric as NonNullable<ColumnProfile['numeric']>);
  });

  it('estimates distinct and unique datetimes, with an exact histogram', () => {
    const r = random(11);
    const day = 86_400_000;
    const values = Float64Array.from({ length: N }, () => Date.UTC(2020, 0, 1) + Math.floor(r() * 40_000) * (day / 24));
    const exact = profileColumn(column('datetime', values));
    const sketched = profileColumn(column('datetime', values), { exactLimit: LIMIT });
    expect(sketched.approximations?.map((a) => a.method)).toEqual(['hll', 'hll']);
    expect(Math.abs(sketched.distinct - exact.distinct) / exact.distinct).toBeLessThanOrEqual(3 * HyperLogLog.error());
    const uniqueError = 3 * (sketched.approximations?.[1].error as number);
    expect(Math.abs(sketched.unique - exact.unique)).toBeLessThanOrEqual(uniqueError * exact.unique + 1);
    expect(sketched.histogram).toEqual(exact.histogram);
    expect(sketched.datetime).toEqual(exact.datetime);
    expect(sketched.numeric).toBeUndefined();
  });
});
