import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../../src/core/parse/parse-delimited.ts';
import { columnFigure } from '../../../../src/core/quality/column-figures.ts';
import { parseSuiteText } from '../../../../src/core/quality/parse-suite.ts';
import { runSuite } from '../../../../src/core/quality/run-suite.ts';
import { getColumn, type Column } from '../../../../src/core/table/table.ts';

/**
 * The suite in test/fixtures/quality.suite.json run on quality.sample.csv, against pandas 1.5.3 computing each
 * rule the way Great Expectations' pandas engine does (scripts/fixtures/quality_reference.py).
 * Tolerances: counts, failing rows and success exact; shares passing 1e-15 absolute (the same division of
 * two exact counts); mean, median and std 1e-12 relative (pandas sums pairwise, Lathe with compensation).
 */
const fixture = (name: string) => new URL(`../../../fixtures/${name}`, import.meta.url);
const table = parseDelimited(new Uint8Array(readFileSync(fixture('quality.sample.csv'))));
const suite = parseSuiteText(readFileSync(fixture('quality.suite.json'), 'utf8'));

interface RefRule {
  considered?: number;
  unexpected?: number;
  rows?: number[];
  observed: number | null;
  success: boolean;
}
interface RefColumn {
  count: number;
  mean?: number;
  median?: number;
  std?: number;
  distinct: number;
}
const reference = JSON.parse(readFileSync(fixture('quality.reference.json'), 'utf8')) as {
  rows: number;
  columns: Record<string, RefColumn>;
  rules: RefRule[];
};

const RELATIVE = 1e-12;
const closeTo = (actual: number, expected: number, what: string) =>
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(RELATIVE * Math.max(1, Math.abs(expected)));

describe('runSuite against pandas (GE semantics)', () => {
  it('reads the fixture with the types the rules expect', () => {
    expect(table.rowCount).toBe(reference.rows);
    const types = Object.fromEntries(table.columns.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({ id: 'integer', age: 'integer', city: 'categorical', score: 'float', start: 'integer', flag: 'boolean', joined: 'datetime' });
  });

  const result = runSuite(table, suite);
  suite.rules.forEach((rule, i) => {
    it(`rule ${i + 1}: ${JSON.stringify(rule)}`, () => {
      const ref = reference.rules[i];
      const got = result.results[i];
      expect(got.error).toBeUndefined();
      expect(got.success).toBe(ref.success);
      if (ref.considered !== undefined) {
        expect(got.considered).toBe(ref.considered);
        expect(got.unexpectedCount).toBe(ref.unexpected);
        expect(got.examples.map((e) => e.row)).toEqual(ref.rows);
        expect(Math.abs((got.observed as number) - (ref.observed as number))).toBeLessThanOrEqual(1e-15);
        expect(got.unexpectedPercent).toBeCloseTo(((ref.unexpected as number) / ref.considered) * 100, 12);
      } else {
        closeTo(got.observed as number, ref.observed as number, 'observed');
        expect(got.unexpectedCount).toBeNull();
      }
    });
  });

  it('counts the suite as pandas does', () => {
    const passing = reference.rules.filter((r) => r.success).length;
    expect(result.passed).toBe(passing);
    expect(result.failed).toBe(reference.rules.length - passing);
    expect(result.success).toBe(false);
  });
});

describe('columnFigure against pandas', () => {
  for (const [name, ref] of Object.entries(reference.columns)) {
    it(`${name}: distinct${ref.mean !== undefined ? ', mean, median, std' : ''}`, () => {
      const column = getColumn(table, name) as Column;
      expect(columnFigure('distinct', column)).toBe(ref.distinct);
      if (ref.mean === undefined) return;
      closeTo(columnFigure('mean', column), ref.mean, 'mean');
      closeTo(columnFigure('median', column), ref.median as number, 'median');
      closeTo(columnFigure('std', column), ref.std as number, 'std');
    });
  }
});
