import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../../src/core/parse/parse-delimited.ts';
import { findDuplicates } from '../../../../src/core/profile/duplicates.ts';
import type { Column, Table } from '../../../../src/core/table/table.ts';

/** References: scripts/fixtures/dataset_reference.py (pandas df.duplicated().sum() and groupby sizes); counts must match exactly. */
interface Reference {
  duplicates: { count: number; groups: { row: number; count: number }[] };
}

const fixture = (name: string): URL => new URL(`../../../fixtures/${name}`, import.meta.url);
const penguins = new URL('../../../../public/samples/penguins.csv', import.meta.url);

function check(csv: URL, referenceName: string): void {
  const reference = JSON.parse(readFileSync(fixture(referenceName), 'utf8')) as Reference;
  const result = findDuplicates(parseDelimited(readFileSync(csv)));
  expect(result.duplicates).toBe(reference.duplicates.count);
  expect(result.groups).toEqual(reference.duplicates.groups.slice(0, 10));
}

describe('findDuplicates against pandas', () => {
  // Repeats with missing cells, 0 beside -0.0, and near-duplicates that differ in one cell.
  it('matches on the duplicates fixture', () => check(fixture('dataset.duplicates.csv'), 'dataset.duplicates.reference.json'));
  it('matches on the penguins sample', () => check(penguins, 'dataset.penguins.reference.json'));
  it('matches on the correlated fixture (no duplicates)', () =>
    check(fixture('dataset.correlated.csv'), 'dataset.correlated.reference.json'));
});

function numeric(name: string, values: number[]): Column {
  return { kind: 'numeric', name, type: 'float', values: Float64Array.from(values) };
}
function coded(name: string, codes: number[], dictionary: string[]): Column {
  return { kind: 'coded', name, type: 'categorical', codes: Int32Array.from(codes), dictionary };
}

describe('findDuplicates', () => {
  it('treats missing as equal to missing, -0 as 0, and keeps Infinity apart from missing', () => {
    const table: Table = {
      rowCount: 6,
      columns: [numeric('x', [NaN, NaN, 0, -0, Infinity, NaN]), coded('c', [-1, -1, 0, 0, 1, 1], ['a', 'b'])],
    };
    const result = findDuplicates(table);
    expect(result.duplicates).toBe(2);
    expect(result.groups).toEqual([
      { row: 0, count: 2 },
      { row: 2, count: 2 },
    ]);
  });

  it('agrees with a string-keyed count on a large table with many repeats', () => {
    // Values from small domains so that many rows repeat; the reference groups rows by their joined texts.
    const n = 50_000;
    let seed = 7;
    const rand = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const a = Array.from({ length: n }, () => (rand() < 0.1 ? NaN : Math.floor(rand() * 6) / 2));
    const b = Array.from({ length: n }, () => (rand() < 0.1 ? -1 : Math.floor(rand() * 5)));
    const c = Array.from({ length: n }, () => Math.floor(rand() * 4));
    const table: Table = {
      rowCount: n,
      columns: [numeric('a', a), coded('b', b, ['p', 'q', 'r', 's', 't']), numeric('c', c)],
    };
    const seen = new Map<string, { row: number; count: number }>();
    for (let i = 0; i < n; i++) {
      const key = `${a[i]}|${b[i]}|${c[i]}`;
      const g = seen.get(key);
      if (g) g.count++;
      else seen.set(key, { row: i, count: 1 });
    }
    const expected = [...seen.values()]
      .filter((g) => g.count > 1)
      .sort((x, y) => y.count - x.count || x.row - y.row)
      .slice(0, 10);
    const result = findDuplicates(table);
    expect(result.duplicates).toBe(n - seen.size);
    expect(result.groups).toEqual(expected);
  });

  it('finds nothing in fewer than two rows, nor without columns (pandas: an empty result)', () => {
    expect(findDuplicates({ rowCount: 1, columns: [numeric('x', [1])] })).toEqual({ duplicates: 0, groups: [] });
    expect(findDuplicates({ rowCount: 3, columns: [] })).toEqual({ duplicates: 0, groups: [] });
  });

  it('lists at most the requested number of groups, most frequent first', () => {
    const values = [1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 4];
    const result = findDuplicates({ rowCount: values.length, columns: [numeric('x', values)] }, 2);
    expect(result.duplicates).toBe(7);
    expect(result.groups).toEqual([
      { row: 7, count: 4 },
      { row: 2, count: 3 },
    ]);
  });
});
