import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../../src/core/parse/parse-delimited.ts';
import { profileColumn } from '../../../../src/core/profile/column-profile.ts';
import { runSuite } from '../../../../src/core/quality/run-suite.ts';
import { suggestRules, type ColumnsProfile } from '../../../../src/core/quality/suggest-rules.ts';
import type { Rule } from '../../../../src/core/quality/types.ts';
import type { CodedColumn, NumericColumn, Table } from '../../../../src/core/table/table.ts';

const penguinsText = readFileSync(new URL('../../../../public/samples/penguins.csv', import.meta.url), 'utf8');
const penguins = parseDelimited(new TextEncoder().encode(penguinsText));

/** A column of the CSV read here by splitting lines (the sample has no quoted fields), independently of Lathe. */
function csvColumn(name: string): string[] {
  const [header, ...lines] = penguinsText.trim().split('\n');
  const k = header.split(',').indexOf(name);
  return lines.map((l) => l.split(',')[k]);
}

/** The per-column statistics suggestions read, as the data worker makes them. */
const profileTable = (table: Table): ColumnsProfile => ({ rows: table.rowCount, columns: table.columns.map((c) => profileColumn(c)) });

const find = (rules: Rule[], type: Rule['type'], column?: string) =>
  rules.find((r) => r.type === type && (column === undefined || ('column' in r && r.column === column)));

describe('suggestRules on the penguins', () => {
  const suggested = suggestRules(profileTable(penguins), penguins);
  const rules = suggested.map((s) => s.rule);

  it('proposes rules the data passes today', () => {
    const result = runSuite(penguins, { rules });
    expect(result.failed).toBe(0);
    expect(result.passed).toBe(rules.length);
  });

  it('checks that every column exists', () => {
    const names = penguinsText.split('\n')[0].split(',');
    expect(rules.filter((r) => r.type === 'column_exists').map((r) => (r as { column: string }).column)).toEqual(names);
  });

  it('bounds numeric columns by their range in the file', () => {
    const mass = csvColumn('Body Mass (g)').filter((v) => v !== '').map(Number);
    expect(find(rules, 'between', 'Body Mass (g)')).toEqual({ type: 'between', column: 'Body Mass (g)', min: Math.min(...mass), max: Math.max(...mass) });
  });

  it('sets not_null with mostly from the share present, rounded down to whole percents', () => {
    const sex = csvColumn('Sex');
    const present = sex.filter((v) => v !== '').length / sex.length;
    const rule = find(rules, 'not_null', 'Sex') as { mostly: number };
    expect(rule.mostly).toBe(Math.floor(present * 100) / 100);
    expect(rule.mostly).toBeLessThanOrEqual(present);
    expect(present - rule.mostly).toBeLessThan(0.01);
    expect(find(rules, 'not_null', 'Species')).toEqual({ type: 'not_null', column: 'Species' });
  });

  it('lists the categories of low-cardinality columns', () => {
    const species = new Set(csvColumn('Species'));
    const rule = find(rules, 'in_set', 'Species') as { values: string[] };
    expect(new Set(rule.values)).toEqual(species);
  });

  it('allows ±10% around the row count', () => {
    const rows = csvColumn('Species').length;
    expect(find(rules, 'row_count_between')).toEqual({ type: 'row_count_between', min: Math.floor(rows * 0.9), max: Math.ceil(rows * 1.1) });
  });

  it('gives each suggestion a reason', () => {
    expect(suggested.find((s) => s.rule.type === 'not_null' && s.rule.column === 'Sex')?.reason).toMatch(/^2\.9% missing now \(10 of 344\)\.$/);
  });
});

describe('suggestRules: which rules for which columns', () => {
  const n = 30;
  const num = (name: string, type: NumericColumn['type'], f: (i: number) => number): NumericColumn => ({
    kind: 'numeric',
    name,
    type,
    values: Float64Array.from({ length: n }, (_, i) => f(i)),
  });
  const coded = (name: string, type: CodedColumn['type'], f: (i: number) => string | null): CodedColumn => {
    const dictionary: string[] = [];
    const codes = Int32Array.from({ length: n }, (_, i) => {
      const v = f(i);
      if (v === null) return -1;
      const k = dictionary.indexOf(v);
      return k >= 0 ? k : dictionary.push(v) - 1;
    });
    return { kind: 'coded', name, type, codes, dictionary };
  };
  const table: Table = {
    rowCount: n,
    columns: [
      num('id', 'integer', (i) => 1000 + i),
      coded('code', 'identifier', (i) => `K-${100 + i}`),
      coded('fifteen', 'categorical', (i) => `v${i % 15}`),
      coded('many', 'categorical', (i) => `w${i % 25}`),
      num('when', 'datetime', (i) => Date.UTC(2024, 0, 1 + i)),
      num('stamp', 'datetime', (i) => Date.UTC(2024, 0, 1, i)),
      num('empty', 'float', () => NaN),
      num('flag', 'boolean', (i) => i % 2),
    ],
  };
  const profile = profileTable(table);
  const rules = suggestRules(profile, table).map((s) => s.rule);

  it('unique for all-distinct integer and identifier columns; length_between for identifiers', () => {
    expect(find(rules, 'unique', 'id')).toBeDefined();
    expect(find(rules, 'unique', 'code')).toBeDefined();
    expect(find(rules, 'length_between', 'code')).toEqual({ type: 'length_between', column: 'code', min: 5, max: 5 });
    expect(find(rules, 'unique', 'fifteen')).toBeUndefined();
  });

  it('in_set up to 20 categories, read from the table when the profile lists only the top 10', () => {
    const fifteen = find(rules, 'in_set', 'fifteen') as { values: string[] };
    expect(new Set(fifteen.values)).toEqual(new Set(Array.from({ length: 15 }, (_, i) => `v${i}`)));
    expect(find(rules, 'in_set', 'many')).toBeUndefined();
    const withoutTable = suggestRules(profile).map((s) => s.rule);
    expect(find(withoutTable, 'in_set', 'fifteen')).toBeUndefined();
  });

  it('between with dates for datetime columns (the day alone when at midnight)', () => {
    expect(find(rules, 'between', 'when')).toEqual({ type: 'between', column: 'when', min: '2024-01-01', max: '2024-01-30' });
    expect(find(rules, 'between', 'stamp')).toEqual({ type: 'between', column: 'stamp', min: '2024-01-01', max: '2024-01-02T05:00:00.000Z' });
  });

  it('only column_exists for an all-missing column; no range for booleans', () => {
    expect(rules.filter((r) => 'column' in r && r.column === 'empty')).toEqual([{ type: 'column_exists', column: 'empty' }]);
    expect(find(rules, 'between', 'flag')).toBeUndefined();
  });

  it('all of them pass on the table they came from', () => {
    expect(runSuite(table, { rules }).failed).toBe(0);
  });

  it('nothing about rows for an empty table', () => {
    const empty: Table = { rowCount: 0, columns: [{ kind: 'numeric', name: 'x', type: 'float', values: new Float64Array(0) }] };
    expect(suggestRules(profileTable(empty)).map((s) => s.rule)).toEqual([{ type: 'column_exists', column: 'x' }]);
  });
});
