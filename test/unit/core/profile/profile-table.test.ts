import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { parseDelimited } from '../../../../src/core/parse/parse-delimited.ts';
import { EXACT_LIMIT, profileColumnRanked } from '../../../../src/core/profile/column-profile.ts';
import { profileTable, SAMPLE_ROWS } from '../../../../src/core/profile/profile-table.ts';
import { cellText, type Table } from '../../../../src/core/table/table.ts';

/**
 * profileTable's own work is the assembly: per-column profiles (profileColumnRanked, tested in its own file),
 * then dataset-level figures checked here against pandas (scripts/fixtures/dataset_reference.py):
 * duplicates, missing cells and combinations exactly; correlations are compared in correlations.test.ts.
 */

// The real profileColumnRanked, wrapped in a spy to see the options it is given.
vi.mock('../../../../src/core/profile/column-profile.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../src/core/profile/column-profile.ts')>();
  return { ...real, profileColumnRanked: vi.fn(real.profileColumnRanked) };
});

interface Reference {
  rows: number;
  columns: string[];
  duplicates: { count: number; groups: { row: number; count: number }[] };
  missing: { rows: Record<string, number[]>; combinations: { columns: number[]; count: number }[] };
  auto: { columns: string[] };
  pearson: { columns: string[] };
}

const fixture = (name: string): URL => new URL(`../../../fixtures/${name}`, import.meta.url);

function load(name: string): { table: Table; reference: Reference } {
  return {
    table: parseDelimited(readFileSync(fixture(`dataset.${name}.csv`))),
    reference: JSON.parse(readFileSync(fixture(`dataset.${name}.reference.json`), 'utf8')) as Reference,
  };
}

describe('profileTable', () => {
  const { table, reference } = load('duplicates');
  const profile = profileTable(table);

  it('fills the dataset figures', () => {
    const missingCells = Object.values(reference.missing.rows).reduce((s, r) => s + r.length, 0);
    expect(profile.version).toBe(2);
    expect(profile.rows).toBe(reference.rows);
    expect(profile.columns.map((c) => c.name)).toEqual(reference.columns);
    expect(profile.missingCells).toBe(missingCells);
    expect(profile.missingCellsShare).toBeCloseTo(missingCells / (reference.rows * reference.columns.length), 15);
    expect(profile.typeCounts).toEqual({ categorical: 2, float: 1, integer: 1, boolean: 1 });
    expect(profile.memoryBytes).toBe(profile.columns.reduce((s, c) => s + c.memoryBytes, 0));
    expect(profile.exactLimit).toBe(EXACT_LIMIT);
  });

  it('counts duplicates as pandas and shows the most frequent duplicated rows as texts', () => {
    expect(profile.duplicates).toBe(reference.duplicates.count);
    expect(profile.duplicateShare).toBeCloseTo(reference.duplicates.count / reference.rows, 15);
    const groups = reference.duplicates.groups.slice(0, 10);
    expect(profile.duplicateRows.map((d) => d.count)).toEqual(groups.map((g) => g.count));
    groups.forEach((g, i) => expect(profile.duplicateRows[i].values).toEqual(table.columns.map((c) => cellText(c, g.row))));
    // The fixture repeats rows with missing cells: they show as null.
    expect(profile.duplicateRows.some((d) => d.values.includes(null))).toBe(true);
  });

  it('shows the first and last 10 rows', () => {
    const rowTexts = (r: number): (string | null)[] => table.columns.map((c) => cellText(c, r));
    expect(SAMPLE_ROWS).toBe(10);
    expect(profile.head).toEqual(Array.from({ length: 10 }, (_, r) => rowTexts(r)));
    expect(profile.tail).toEqual(Array.from({ length: 10 }, (_, i) => rowTexts(reference.rows - 10 + i)));
  });

  it('includes missing patterns, correlations and alerts', () => {
    expect(profile.missingPatterns.combinations).toEqual(reference.missing.combinations.slice(0, 10));
    expect(profile.missingPatterns.sampleRows).toHaveLength(reference.rows);
    expect(profile.correlations.columns).toEqual(reference.auto.columns);
    expect(profile.correlations.pearson.columns).toEqual(reference.pearson.columns);
    const duplicatesAlert = profile.alerts.find((a) => a.type === 'DUPLICATES');
    expect(duplicatesAlert?.value).toBeCloseTo(reference.duplicates.count / reference.rows, 15);
    const missingAlerts = profile.alerts.filter((a) => a.type === 'MISSING').map((a) => a.column);
    const gapped = reference.columns.filter((c) => reference.missing.rows[c].length / reference.rows > 0.01);
    expect(new Set(missingAlerts)).toEqual(new Set(gapped));
  });

  it('raises a high-correlation alert from the auto matrix', () => {
    const correlated = profileTable(load('correlated').table);
    const pair = correlated.alerts.find((a) => a.type === 'HIGH_CORRELATION');
    expect(pair).toMatchObject({ column: 'x', other: 'y' });
  });

  it('passes the exact-statistics limit to every column and reports progress up to 1', () => {
    const spy = vi.mocked(profileColumnRanked);
    spy.mockClear();
    const seen: [number, string][] = [];
    const limited = profileTable(table, { exactLimit: 50, onProgress: (f, label) => seen.push([f, label]) });
    expect(limited.exactLimit).toBe(50);
    expect(spy).toHaveBeenCalledTimes(table.columns.length);
    for (const call of spy.mock.calls) expect(call[1]).toMatchObject({ exactLimit: 50 });
    const fractions = seen.map(([f]) => f);
    expect(fractions[0]).toBe(0);
    expect(fractions[fractions.length - 1]).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
    expect(seen.map(([, l]) => l)).toEqual(
      expect.arrayContaining(['Profiling column 1 of 5: city', 'Finding duplicate rows', 'Computing correlations']),
    );
  });

  it('profiles a table without rows, and one without columns', () => {
    const empty: Table = { rowCount: 0, columns: [{ kind: 'numeric', name: 'x', type: 'float', values: new Float64Array(0) }] };
    const p = profileTable(empty);
    expect(p).toMatchObject({ rows: 0, missingCells: 0, missingCellsShare: 0, duplicates: 0, duplicateShare: 0, head: [], tail: [] });
    expect(p.alerts.map((a) => a.type)).toEqual(['EMPTY']);
    const none = profileTable({ rowCount: 3, columns: [] });
    expect(none.alerts.map((a) => a.type)).toEqual(['EMPTY']);
  });
});
