import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../../src/core/parse/parse-delimited.ts';
import { evenlySpaced, missingPatterns } from '../../../../src/core/profile/missing-patterns.ts';
import type { Column, Table } from '../../../../src/core/table/table.ts';

/**
 * References: scripts/fixtures/dataset_reference.py (pandas df.isna(): the missing rows of every column
 * and every combination of missing columns, most frequent first, ties by first row). Exact.
 */
interface Reference {
  columns: string[];
  missing: { rows: Record<string, number[]>; combinations: { columns: number[]; count: number }[] };
}

const fixture = (name: string): URL => new URL(`../../../fixtures/${name}`, import.meta.url);
const penguins = new URL('../../../../public/samples/penguins.csv', import.meta.url);

function check(csv: URL, referenceName: string): void {
  const reference = JSON.parse(readFileSync(fixture(referenceName), 'utf8')) as Reference;
  const table = parseDelimited(readFileSync(csv));
  const patterns = missingPatterns(table);
  expect(patterns.combinations).toEqual(reference.missing.combinations.slice(0, 10));
  expect(patterns.matrix).toHaveLength(reference.columns.length);
  reference.columns.forEach((name, j) => {
    const missing = new Set(reference.missing.rows[name]);
    expect(patterns.matrix[j], name).toEqual(patterns.sampleRows.map((r) => (missing.has(r) ? 1 : 0)));
  });
}

describe('missingPatterns against pandas', () => {
  // 600 rows: b mostly missing with a, a block of rows without e, scattered gaps in c.
  it('matches on the missing fixture', () => check(fixture('dataset.missing.csv'), 'dataset.missing.reference.json'));
  it('matches on the penguins sample', () => check(penguins, 'dataset.penguins.reference.json'));
  it('matches on the correlated fixture', () =>
    check(fixture('dataset.correlated.csv'), 'dataset.correlated.reference.json'));
});

describe('missingPatterns', () => {
  it('samples 250 evenly spaced rows from first to last', () => {
    const table = parseDelimited(readFileSync(fixture('dataset.missing.csv')));
    const { sampleRows } = missingPatterns(table);
    expect(sampleRows).toHaveLength(250);
    expect(sampleRows[0]).toBe(0);
    expect(sampleRows[249]).toBe(599);
    const gaps = sampleRows.slice(1).map((r, i) => r - sampleRows[i]);
    // 599 / 249 ≈ 2.41: every step is 2 or 3 rows.
    expect(Math.min(...gaps)).toBe(2);
    expect(Math.max(...gaps)).toBe(3);
  });

  it('takes every row of a short table', () => {
    expect(evenlySpaced(4, 250)).toEqual([0, 1, 2, 3]);
    expect(evenlySpaced(10, 3)).toEqual([0, 5, 9]);
    expect(evenlySpaced(10, 1)).toEqual([0]);
  });

  it('counts only rows with a gap, and none for a complete table', () => {
    const table: Table = {
      rowCount: 3,
      columns: [{ kind: 'numeric', name: 'x', type: 'float', values: Float64Array.from([1, 2, 3]) }],
    };
    expect(missingPatterns(table)).toEqual({ sampleRows: [0, 1, 2], matrix: [[0, 0, 0]], combinations: [] });
  });

  it('groups exactly with more than 30 gapped columns', () => {
    // 40 columns, each missing at random: the combination key spans two rounds of 30 bits.
    const n = 3000;
    let seed = 99;
    const rand = (): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const columns: Column[] = Array.from({ length: 40 }, (_, j) => ({
      kind: 'coded',
      name: `c${j}`,
      type: 'categorical',
      // Few columns can be missing in one row, so that combinations repeat.
      codes: Int32Array.from({ length: n }, () => (rand() < (j % 7 === 0 ? 0.3 : 0.02) ? -1 : 0)),
      dictionary: ['v'],
    }));
    const table: Table = { rowCount: n, columns };
    const counts = new Map<string, { columns: number[]; count: number; first: number }>();
    for (let i = 0; i < n; i++) {
      const missing = columns.flatMap((c, j) => ((c as { codes: Int32Array }).codes[i] < 0 ? [j] : []));
      if (missing.length === 0) continue;
      const key = missing.join(',');
      const entry = counts.get(key) ?? { columns: missing, count: 0, first: i };
      entry.count++;
      counts.set(key, entry);
    }
    const expected = [...counts.values()]
      .sort((a, b) => b.count - a.count || a.first - b.first)
      .slice(0, 10)
      .map(({ columns: cols, count }) => ({ columns: cols, count }));
    expect(missingPatterns(table).combinations).toEqual(expected);
  });
});
