import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectDrift } from '../../../../src/core/drift/detect-drift.ts';
import { parseDelimited } from '../../../../src/core/parse/parse-delimited.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import type { Table } from '../../../../src/core/table/table.ts';
import { expectClose, fixtureJson } from '../stats/reference.ts';

/**
 * Reference: test/fixtures/drift.datasets.json from scripts/fixtures/drift_reference.py: per column
 * Evidently's kind (_get_column_type on the pandas dtypes), its default test (_get_default_stattest on the
 * cleaned columns), the test's result, PSI, and the dataset verdict (share of drifted columns ≥ 0.5).
 * small: 400 vs 350 rows (KS, chi-square with a category only in the current data, Z on a boolean);
 * small_same: the same generator (no dataset drift); large: 3,000 vs 2,500 rows (Wasserstein, Jensen–Shannon).
 * Tolerances: statistics and PSI 1e-9 relative; p-values 1e-9 relative, 1e-15 absolute; decisions exact.
 */
interface RefColumn {
  name: string;
  kind: 'numeric' | 'categorical';
  test: string;
  statistic: number | string;
  p_value: number | string | null;
  drifted: boolean;
  threshold: number;
  psi: number;
}
interface RefDataset {
  columns: RefColumn[];
  drifted: number;
  share: number;
  dataset_drift: boolean;
}
const reference = fixtureJson<Record<string, RefDataset>>('drift.datasets.json');
const table = (name: string): Table => parseDelimited(readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url)));

const cases: [string, string, string][] = [
  ['small', 'drift.small.reference.csv', 'drift.small.current.csv'],
  ['small_same', 'drift.small.reference.csv', 'drift.small.same.csv'],
  ['large', 'drift.large.reference.csv', 'drift.large.current.csv'],
];

describe('detectDrift against Evidently’s defaults', () => {
  for (const [key, refFile, curFile] of cases) {
    it(`${key}: every column's kind, test, result and the dataset verdict`, () => {
      const expected = reference[key];
      const result = detectDrift(table(refFile), table(curFile));
      expect(result.columns.map((c) => c.name)).toEqual(expected.columns.map((c) => c.name));
      expect(result.skipped).toEqual([]);
      for (const [i, e] of expected.columns.entries()) {
        const c = result.columns[i];
        expect({ name: c.name, kind: c.kind, test: c.test, threshold: c.threshold }).toEqual({ name: e.name, kind: e.kind, test: e.test, threshold: e.threshold });
        expectClose(c.statistic, e.statistic, 1e-9, 1e-12, `${e.name} statistic`);
        if (e.p_value === null) expect(c.pValue).toBeUndefined();
        else expectClose(c.pValue!, e.p_value, 1e-9, 1e-15, `${e.name} p`);
        expect(c.drifted, e.name).toBe(e.drifted);
        expectClose(c.psi, e.psi, 1e-9, 1e-12, `${e.name} psi`);
      }
      expect(result.driftedCount).toBe(expected.drifted);
      expect(result.share).toBe(expected.share);
      expect(result.datasetDrift).toBe(expected.dataset_drift);
      expect(result.threshold).toBe(0.5);
    });
  }

  it('covers every test and both verdicts', () => {
    const tests = new Set(Object.values(reference).flatMap((d) => d.columns.map((c) => c.test)));
    expect([...tests].sort()).toEqual(['chisquare', 'jensenshannon', 'ks', 'wasserstein', 'z']);
    expect(new Set(Object.values(reference).map((d) => d.dataset_drift))).toEqual(new Set([true, false]));
  });

  it('counts missing values apart and draws both sides on shared bins', () => {
    const result = detectDrift(table('drift.small.reference.csv'), table('drift.small.current.csv'));
    const age = result.columns.find((c) => c.name === 'age')!;
    expect(age.reference.missing).toBeGreaterThan(0);
    expect(age.reference.count + age.reference.missing).toBe(400);
    expect(age.distribution.kind).toBe('histogram');
    if (age.distribution.kind === 'histogram') {
      expect(age.distribution.reference.length).toBe(age.distribution.edges.length - 1);
      expect(age.distribution.current.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    }
    const city = result.columns.find((c) => c.name === 'city')!;
    expect(city.distribution.kind).toBe('categories');
    if (city.distribution.kind === 'categories') {
      const i = city.distribution.labels.indexOf('Coimbra');
      expect(city.distribution.reference[i]).toBe(0);
      expect(city.distribution.current[i]).toBeGreaterThan(0);
    }
    const member = result.columns.find((c) => c.name === 'member')!;
    expect(member.distribution.kind === 'categories' && member.distribution.labels.sort()).toEqual(['false', 'true']);
  });

  it('a lower drift share turns the verdict', () => {
    const same = detectDrift(table('drift.small.reference.csv'), table('drift.small.same.csv'));
    expect(same.datasetDrift).toBe(false);
    expect(detectDrift(table('drift.small.reference.csv'), table('drift.small.same.csv'), { driftShare: same.share }).datasetDrift).toBe(true);
    expect(() => detectDrift(table('drift.small.reference.csv'), table('drift.small.same.csv'), { driftShare: 0 })).toThrow(UserError);
  });

  it('per-test thresholds override Evidently’s', () => {
    const t = () => detectDrift(table('drift.small.reference.csv'), table('drift.small.same.csv'), { thresholds: { ks: 1 } });
    expect(t().columns.filter((c) => c.test === 'ks').every((c) => c.drifted && c.threshold === 1)).toBe(true);
  });
});

describe('detectDrift on different schemas', () => {
  const ref = () => table('drift.small.reference.csv');
  const other = () => table('drift.schema.current.csv');

  it('fails by default, naming the missing, extra and mismatched columns', () => {
    let error: unknown;
    try {
      detectDrift(ref(), other());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    const message = (error as UserError).message;
    expect(message).toContain('lacks "score"');
    expect(message).toContain('"channel"');
    expect(message).toContain('"rooms" is integer in the reference but categorical in the current data');
    expect((error as UserError).hint).toBeTruthy();
    expect((error as UserError).details).toMatchObject({ kind: 'drift-schema', missing: ['score'], extra: ['channel'] });
  });

  it('compares the common columns on request and lists the rest as skipped', () => {
    const result = detectDrift(ref(), other(), { schema: 'common' });
    expect(result.columns.map((c) => c.name)).toEqual(['age', 'income', 'visits', 'city', 'member']);
    expect(result.skipped).toEqual([
      { name: 'score', reason: 'only in the reference data' },
      { name: 'channel', reason: 'only in the current data' },
      { name: 'rooms', reason: 'integer in the reference but categorical in the current data' },
    ]);
    // The common columns get the same results as in the full comparison.
    const full = detectDrift(ref(), table('drift.small.current.csv'));
    for (const c of result.columns) expect(c.statistic).toBe(full.columns.find((f) => f.name === c.name)!.statistic);
  });
});

describe('detectDrift edge cases', () => {
  const t = (csv: string) => parseDelimited(new TextEncoder().encode(csv));

  it('skips identifiers, free text and dates, and columns empty on one side', () => {
    const rows = (n: number, shift: number) =>
      ['id,when,note,x,empty', ...Array.from({ length: n }, (_, i) => `u${i}-${shift},2024-01-${String((i % 28) + 1).padStart(2, '0')},free text number ${i * 7 + shift} here,${i + shift},${shift ? 1 : ''}`)].join('\n');
    const result = detectDrift(t(rows(60, 0)), t(rows(60, 3)), { schema: 'common' });
    expect(result.columns.map((c) => c.name)).toEqual(['x']);
    const reasons = Object.fromEntries(result.skipped.map((s) => [s.name, s.reason]));
    expect(reasons.id).toMatch(/identifier/);
    expect(reasons.when).toMatch(/dates/);
    expect(reasons.note).toMatch(/free text/);
    expect(reasons.empty).toBe('no values in the reference data');
  });

  it('says so when no column can be tested', () => {
    const ids = (p: string) => ['id', ...Array.from({ length: 50 }, (_, i) => `${p}${i}`)].join('\n');
    expect(() => detectDrift(t(ids('a')), t(ids('b')))).toThrow(/No column of these datasets can be tested for drift\. "id": an identifier/);
  });
});
