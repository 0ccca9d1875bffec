import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../../src/core/parse/parse-delimited.ts';
import { profileTable } from '../../../../src/core/profile/profile-table.ts';
import type { ColumnProfile } from '../../../../src/core/profile/types.ts';

/**
 * References come from scripts/fixtures/profile_reference.py (pandas when installed, else Python's csv +
 * statistics modules: an implementation independent of Lathe's). Statistics must agree to 1e-9 relative;
 * counts exactly.
 */
const RELATIVE_TOLERANCE = 1e-9;

interface Reference {
  generator: string;
  columns: Record<string, { count: number; missing: number; distinct: number; mean: number; std: number | null; min: number; max: number }>;
}

const fixtureUrl = (name: string): URL => new URL(`../../../fixtures/${name}`, import.meta.url);

function close(actual: number | undefined, expected: number): void {
  expect(actual).toBeDefined();
  const a = actual as number;
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(Math.abs(a - expected) / scale, `${a} vs ${expected}`).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
}

function checkAgainstReference(csv: URL, referenceName: string): void {
  const reference = JSON.parse(readFileSync(fixtureUrl(referenceName), 'utf8')) as Reference;
  const profile = profileTable(parseDelimited(readFileSync(csv)));
  const byName = new Map(profile.columns.map((c) => [c.name, c]));
  expect(Object.keys(reference.columns).length).toBeGreaterThan(0);
  for (const [name, ref] of Object.entries(reference.columns)) {
    const col = byName.get(name) as ColumnProfile;
    expect(col, name).toBeDefined();
    expect(['integer', 'float']).toContain(col.type);
    expect({ count: col.count, missing: col.missing, distinct: col.distinct }).toEqual({
      count: ref.count,
      missing: ref.missing,
      distinct: ref.distinct,
    });
    close(col.mean, ref.mean);
    if (ref.std === null) expect(col.std).toBeUndefined();
    else close(col.std, ref.std);
    close(col.min, ref.min);
    close(col.max, ref.max);
  }
}

describe('profileTable against reference statistics', () => {
  it('matches on the mixed fixture', () => checkAgainstReference(fixtureUrl('mixed.csv'), 'mixed.profile.json'));
  // Values near 1e9 that differ in the decimals: a one-pass sum of squares would lose the variance.
  it('matches on the numbers fixture', () => checkAgainstReference(fixtureUrl('numbers.csv'), 'numbers.profile.json'));
  const penguins = new URL('../../../../public/samples/penguins.csv', import.meta.url);
  it.skipIf(!existsSync(penguins) || !existsSync(fixtureUrl('penguins.profile.json')))('matches on the penguins sample', () =>
    checkAgainstReference(penguins, 'penguins.profile.json'),
  );
});

describe('profileTable', () => {
  const csv =
    'n,x,flag,day,cat\n' +
    '1,1.5,true,2024-01-01,a\n' +
    '2,,false,2024-01-03,b\n' +
    '2,2.5,true,,a\n' +
    ',Infinity,,2024-01-02,\n';
  const profile = profileTable(parseDelimited(new TextEncoder().encode(csv)));
  const col = (name: string): ColumnProfile => profile.columns.find((c) => c.name === name) as ColumnProfile;

  it('counts rows and missing cells', () => {
    expect(profile.rows).toBe(4);
    expect(profile.missingCells).toBe(5);
    expect(profile.columns.map((c) => c.missing)).toEqual([1, 1, 1, 1, 1]);
    expect(profile.columns.map((c) => c.type)).toEqual(['integer', 'float', 'boolean', 'datetime', 'categorical']);
  });

  it('gives integer columns sample statistics and one bin per value', () => {
    const n = col('n');
    expect(n).toMatchObject({ count: 3, distinct: 2, min: 1, max: 2 });
    close(n.mean, 5 / 3);
    close(n.std, Math.sqrt(((1 - 5 / 3) ** 2 + 2 * (2 - 5 / 3) ** 2) / 2));
    expect(n.histogram).toEqual([
      { x0: 0.5, x1: 1.5, count: 1 },
      { x0: 1.5, x1: 2.5, count: 2 },
    ]);
  });

  it('keeps Infinity in count, min and max but out of mean and std', () => {
    const x = col('x');
    expect(x).toMatchObject({ count: 3, missing: 1, distinct: 3, min: 1.5, max: Infinity, mean: 2 });
    close(x.std, Math.SQRT1_2);
    expect(x.histogram?.reduce((s, b) => s + b.count, 0)).toBe(2);
  });

  it('gives boolean columns the share of true and their counts, no histogram', () => {
    const flag = col('flag');
    close(flag.mean, 2 / 3);
    expect(flag.top).toEqual([
      { value: 'true', count: 2 },
      { value: 'false', count: 1 },
    ]);
    expect(flag.histogram).toBeUndefined();
    expect(flag.std).toBeUndefined();
  });

  it('gives datetime columns min and max in milliseconds and no mean', () => {
    const day = col('day');
    expect(day).toMatchObject({ count: 3, distinct: 3, min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 0, 3) });
    expect(day.mean).toBeUndefined();
    expect(day.histogram?.reduce((s, b) => s + b.count, 0)).toBe(3);
  });

  it('gives coded columns their top values', () => {
    expect(col('cat')).toMatchObject({ count: 3, distinct: 2, top: [{ value: 'a', count: 2 }, { value: 'b', count: 1 }] });
    expect(col('cat').mean).toBeUndefined();
  });
});
