import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../../src/core/parse/parse-delimited.ts';
import { profileColumn } from '../../../../src/core/profile/column-profile.ts';
import type { ColumnProfile } from '../../../../src/core/profile/types.ts';
import type { Column } from '../../../../src/core/table/table.ts';

/**
 * Every column of the fixture CSVs, profiled by Lathe (parsed with parseDelimited), against references from
 * scripts/fixtures/profile_reference.py (pandas 1.5.3, NumPy, SciPy; text statistics with Python's
 * unicodedata). Tolerances:
 * - counts, value lists, monotonicity, top values, dirty groups: exact;
 * - mean, sum, min/max, range, quantiles, iqr, MAD: 1e-12 × the larger of the value and the column's largest
 *   finite |value| (a difference such as the IQR of values near 1e9 cannot be closer than their rounding);
 * - variance, std, skewness, kurtosis, cv: 1e-9 relative to the exact value of pandas' formulas (rational
 *   arithmetic in the script), with an absolute floor of 1e-9 (variance: 1e-9 × largest |value|²), and within
 *   that plus twice pandas' own distance from the exact value of pandas (pandas' skewness of 1e9 + noise is
 *   off in the 5th digit; Lathe's is not);
 * - shares, imbalance, length mean and median: 1e-9 relative, floor 1e-9.
 */
const VALUE = 1e-12;
const RELATIVE = 1e-9;

type RefNumber = number | 'NaN' | 'Infinity' | '-Infinity';
interface RefColumn {
  kind: 'numeric' | 'boolean' | 'datetime' | 'text';
  rows: number;
  count: number;
  missing: number;
  missingShare: number;
  distinct: number;
  distinctShare: number;
  unique: number;
  exact?: Partial<Record<'mean' | 'variance' | 'skewness' | 'kurtosis', RefNumber>>;
  numeric?: Record<string, RefNumber> & {
    quantiles: Record<'p5' | 'p25' | 'p50' | 'p75' | 'p95', RefNumber>;
    zeros: number;
    negatives: number;
    infinite: number;
    monotonicity: string;
    common: [RefNumber, number][];
    lowest: [RefNumber, number][];
    highest: [RefNumber, number][];
  };
  top?: [string, number][];
  otherCount?: number;
  imbalance?: number;
  mean?: number | null;
  datetime?: { min: number; max: number; rangeMs: number };
  text?: {
    length: { min: number; mean: number; median: number; max: number };
    characters: Record<string, number>;
    dirty: { normalized: string; values: string[] }[];
  };
}

const toNumber = (x: RefNumber): number => (typeof x === 'number' ? x : x === 'NaN' ? NaN : x === 'Infinity' ? Infinity : -Infinity);

function close(actual: number | undefined, expected: number, floor: number, what: string, extra = 0, relative = RELATIVE): void {
  expect(actual, what).toBeDefined();
  const a = actual as number;
  if (Number.isNaN(expected) || !Number.isFinite(expected)) {
    expect(Object.is(a, expected) || (Number.isNaN(a) && Number.isNaN(expected)), `${what}: ${a} vs ${expected}`).toBe(true);
    return;
  }
  const tolerance = relative * Math.max(Math.abs(expected), floor) + extra;
  expect(Math.abs(a - expected), `${what}: ${a} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

const fixture = (name: string): URL => new URL(`../../../fixtures/${name}`, import.meta.url);
const penguins = new URL('../../../../public/samples/penguins.csv', import.meta.url);
const SOURCES: [string, URL][] = [
  ['mixed', fixture('mixed.csv')],
  ['numbers', fixture('numbers.csv')],
  ['columns.numeric', fixture('columns.numeric.csv')],
  ['columns.text', fixture('columns.text.csv')],
  ['columns.dates', fixture('columns.dates.csv')],
  ['penguins', penguins],
];

const KINDS: Record<RefColumn['kind'], string[]> = {
  numeric: ['integer', 'float'],
  boolean: ['boolean'],
  datetime: ['datetime'],
  text: ['categorical', 'text', 'identifier'],
};

function checkCounts(p: ColumnProfile, ref: RefColumn): void {
  expect({ count: p.count, missing: p.missing, distinct: p.distinct, unique: p.unique }).toEqual({
    count: ref.count,
    missing: ref.missing,
    distinct: ref.distinct,
    unique: ref.unique,
  });
  close(p.missingShare, ref.missingShare, 1, 'missingShare');
  close(p.distinctShare, ref.distinctShare, 1, 'distinctShare');
}

function checkNumeric(p: ColumnProfile, ref: RefColumn): void {
  const r = ref.numeric;
  if (!r) {
    expect(p.numeric).toBeUndefined();
    return;
  }
  const n = p.numeric;
  expect(n).toBeDefined();
  if (!n) return;
  const finiteScale = Math.max(
    ...[r.min, r.max, r.quantiles.p5, r.quantiles.p95].map(toNumber).filter(Number.isFinite).map(Math.abs),
    Number.MIN_VALUE,
  );
  for (const key of ['mean', 'sum', 'min', 'max', 'range', 'mad', 'iqr'] as const) close(n[key], toNumber(r[key]), finiteScale, key, 0, VALUE);
  close(n.cv, toNumber(r.cv), 1, 'cv');
  for (const key of ['p5', 'p25', 'p50', 'p75', 'p95'] as const) {
    close(n.quantiles[key], toNumber(r.quantiles[key]), finiteScale, key, 0, VALUE);
  }
  const exact = ref.exact ?? {};
  const moments: ['variance' | 'skewness' | 'kurtosis', number][] = [
    ['variance', n.variance],
    ['skewness', n.skewness],
    ['kurtosis', n.kurtosis],
  ];
  for (const [key, actual] of moments) {
    const pandas = toNumber(r[key]);
    const truth = exact[key] === undefined ? pandas : toNumber(exact[key] as RefNumber);
    const floor = key === 'variance' ? finiteScale * finiteScale : 1;
    close(actual, truth, floor, `${key} (exact)`);
    close(actual, pandas, floor, `${key} (pandas)`, Number.isFinite(pandas) ? 2 * Math.abs(pandas - truth) : 0);
  }
  close(n.std, Math.sqrt(toNumber(exact.variance ?? r.variance)), finiteScale, 'std');
  expect({ zeros: n.zeros, negatives: n.negatives, infinite: n.infinite, monotonicity: n.monotonicity }).toEqual({
    zeros: r.zeros,
    negatives: r.negatives,
    infinite: r.infinite,
    monotonicity: r.monotonicity,
  });
  const pairs = (list: { value: number; count: number }[]): [number, number][] => list.map((e) => [e.value, e.count]);
  const refPairs = (list: [RefNumber, number][]): [number, number][] => list.map(([v, c]) => [toNumber(v), c]);
  expect(pairs(n.common)).toEqual(refPairs(r.common));
  expect(pairs(n.extremes.lowest)).toEqual(refPairs(r.lowest));
  expect(pairs(n.extremes.highest)).toEqual(refPairs(r.highest));
  // The older fields the foundation's views read.
  expect(p.min).toBe(n.min);
  expect(p.max).toBe(n.max);
  if (ref.count - r.infinite > 0) expect(p.mean).toBe(n.mean);
  else expect(p.mean).toBeUndefined();
}

function checkHistogram(p: ColumnProfile, column: Column): void {
  const bins = p.histogram ?? [];
  if (column.kind !== 'numeric') return;
  const finite = Array.from(column.values).filter(Number.isFinite);
  if (finite.length === 0) {
    expect(p.histogram).toBeUndefined();
    return;
  }
  // Every finite value in exactly the bin whose edges hold it (the last bin closed), counted here independently.
  const expected = bins.map((b, i) => finite.filter((v) => v >= b.x0 && (v < b.x1 || (i === bins.length - 1 && v === b.x1))).length);
  expect(bins.map((b) => b.count)).toEqual(expected);
  expect(expected.reduce((a, b) => a + b, 0)).toBe(finite.length);
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  // Integer columns spanning at most 50 values get a bin per value; otherwise ydata's min(50, distinct) bins, give or take the one a round edge can add.
  if (column.type === 'integer' && max - min < 50) expect(bins.length).toBe(max - min + 1);
  else expect(bins.length).toBeLessThanOrEqual(Math.min(50, new Set(finite).size) + 1);
  for (let i = 1; i < bins.length; i++) expect(bins[i].x0).toBe(bins[i - 1].x1);
}

function checkCoded(p: ColumnProfile, ref: RefColumn): void {
  expect(p.top?.map((t) => [t.value, t.count])).toEqual(ref.top);
  if (ref.otherCount !== undefined) expect(p.otherCount).toBe(ref.otherCount);
  close(p.imbalance, ref.imbalance as number, 1, 'imbalance');
}

function checkText(p: ColumnProfile, ref: RefColumn): void {
  if (!ref.text) {
    expect(p.text).toBeUndefined();
    return;
  }
  const t = p.text;
  expect(t).toBeDefined();
  if (!t) return;
  expect({ min: t.length.min, max: t.length.max }).toEqual({ min: ref.text.length.min, max: ref.text.length.max });
  close(t.length.mean, ref.text.length.mean, 1, 'length mean');
  close(t.length.median, ref.text.length.median, 1, 'length median');
  expect(t.characters).toEqual(ref.text.characters);
  expect(t.dirty).toEqual(ref.text.dirty);
  expect(t.length.histogram.reduce((s, b) => s + b.count, 0)).toBe(ref.count);
}

for (const [name, csv] of SOURCES) {
  const referencePath = fixture(`${name}.profile.json`);
  describe.skipIf(!existsSync(csv) || !existsSync(referencePath))(`profileColumn on ${name} against pandas`, () => {
    const reference = JSON.parse(readFileSync(referencePath, 'utf8')) as { columns: Record<string, RefColumn> };
    const table = parseDelimited(readFileSync(csv));
    it('has every referenced column', () => {
      expect(table.columns.map((c) => c.name).sort()).toEqual(Object.keys(reference.columns).sort());
    });
    for (const [columnName, ref] of Object.entries(reference.columns)) {
      it(`${columnName} (${ref.kind})`, () => {
        const column = table.columns.find((c) => c.name === columnName) as Column;
        expect(KINDS[ref.kind]).toContain(column.type);
        const p = profileColumn(column);
        expect(p.name).toBe(columnName);
        expect(p.type).toBe(column.type);
        expect(p.approximations).toBeUndefined();
        checkCounts(p, ref);
        if (ref.kind === 'numeric') {
          checkNumeric(p, ref);
          checkHistogram(p, column);
        } else if (ref.kind === 'boolean') {
          checkCoded(p, ref);
          if (ref.mean === null) expect(p.mean).toBeUndefined();
          else close(p.mean, ref.mean as number, 1, 'mean');
        } else if (ref.kind === 'datetime') {
          expect(p.datetime).toEqual(ref.datetime);
          checkHistogram(p, column);
        } else {
          checkCoded(p, ref);
          checkText(p, ref);
        }
      });
    }
  });
}
