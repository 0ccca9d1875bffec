import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/server/cli.ts';
import { expectClose, fixtureJson } from '../core/stats/reference.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string): string => join(root, 'test/fixtures', name);

/** Runs main() in process, capturing what it prints. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

interface JsonColumn {
  name: string;
  test: string;
  statistic: number | string;
  p_value?: number;
  drifted: boolean;
  threshold: number;
  psi: number;
}
interface JsonResult {
  dataset_drift: boolean;
  share: number;
  columns: JsonColumn[];
  skipped: { name: string; reason: string }[];
}

/** The Evidently reference of scripts/fixtures/drift_reference.py (see test/unit/core/drift/detect-drift.test.ts). */
const reference = fixtureJson<Record<string, { share: number; dataset_drift: boolean; columns: { name: string; test: string; statistic: number | string; p_value: number | null; drifted: boolean }[] }>>(
  'drift.datasets.json',
);

describe('lathe drift', () => {
  it('prints the JSON shape and exits 0 when the dataset does not drift', async () => {
    const r = await run('drift', fixture('drift.small.reference.csv'), fixture('drift.small.same.csv'), '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as JsonResult;
    const expected = reference.small_same;
    expect(json.dataset_drift).toBe(false);
    expect(json.share).toBe(expected.share);
    expect(json.columns.map((c) => Object.keys(c).sort())).toEqual(
      expected.columns.map(() => ['drifted', 'kind', 'name', 'p_value', 'psi', 'statistic', 'test', 'threshold', 'type']),
    );
    for (const [i, e] of expected.columns.entries()) {
      expect(json.columns[i]).toMatchObject({ name: e.name, test: e.test, drifted: e.drifted });
      // Tolerances as in the core's tests: 1e-9 relative.
      expectClose(json.columns[i].statistic as number, e.statistic, 1e-9, 1e-12, `${e.name} statistic`);
      expectClose(json.columns[i].p_value!, e.p_value!, 1e-9, 1e-15, `${e.name} p`);
    }
  });

  it('exits 1 when the dataset drifts (0 with --exit-zero), and leaves p_value out for distances', async () => {
    const drifting = await run('drift', fixture('drift.large.reference.csv'), fixture('drift.large.current.csv'), '--json');
    expect(drifting.code).toBe(1);
    const json = JSON.parse(drifting.out) as JsonResult;
    expect(json.dataset_drift).toBe(true);
    expect(json.share).toBe(reference.large.share);
    expect(json.columns.every((c) => !('p_value' in c))).toBe(true);
    expect((await run('drift', fixture('drift.large.reference.csv'), fixture('drift.large.current.csv'), '--exit-zero')).code).toBe(0);
  });

  it('writes an infinite chi-square statistic as the string "Infinity"', async () => {
    const r = await run('drift', fixture('drift.small.reference.csv'), fixture('drift.small.current.csv'), '--json');
    const city = (JSON.parse(r.out) as JsonResult).columns.find((c) => c.name === 'city')!;
    expect(city).toMatchObject({ test: 'chisquare', statistic: 'Infinity', p_value: 0, drifted: true });
  });

  it('prints the verdict first, then a row per column', async () => {
    const r = await run('drift', fixture('drift.small.reference.csv'), fixture('drift.small.current.csv'));
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^5 of 7 columns drifted \(71%\) — dataset drift \(threshold 50%/);
    expect(r.out).toMatch(/^age\s+float\s+Kolmogorov–Smirnov\s+0\.438\s+3\.66e-31\s+0\.05\s+1\.155\s+DRIFT$/m);
  });

  it('takes the share threshold as a fraction or a percentage', async () => {
    const high = await run('drift', fixture('drift.small.reference.csv'), fixture('drift.small.current.csv'), '--share', '80%', '--json');
    expect(high.code).toBe(0);
    expect(JSON.parse(high.out)).toMatchObject({ dataset_drift: false, threshold: 0.8 });
    expect((await run('drift', fixture('drift.small.reference.csv'), fixture('drift.small.same.csv'), '--share=0.2')).code).toBe(1);
  });

  it('exits 2 with the differences named for files with different columns; --common-columns compares the rest', async () => {
    const r = await run('drift', fixture('drift.small.reference.csv'), fixture('drift.schema.current.csv'), '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/different columns/);
    expect(r.err).toMatch(/lacks "score"/);
    expect(r.err).toMatch(/hint: .*--common-columns/);
    const common = await run('drift', fixture('drift.small.reference.csv'), fixture('drift.schema.current.csv'), '--common-columns', '--json');
    expect(common.code).toBe(1);
    expect((JSON.parse(common.out) as JsonResult).skipped.map((s) => s.name)).toEqual(['score', 'channel', 'rooms']);
  });

  it('exits 2 on bad usage and unreadable files', async () => {
    expect((await run('drift', fixture('drift.small.reference.csv'))).code).toBe(2);
    expect((await run('drift', fixture('drift.small.reference.csv'), fixture('drift.small.same.csv'), '--share', '2')).code).toBe(2);
    expect((await run('drift', fixture('drift.small.reference.csv'), fixture('drift.small.same.csv'), '--bogus')).code).toBe(2);
    const missing = await run('drift', fixture('drift.small.reference.csv'), fixture('no-such-file.csv'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/No such file/);
    const dir = mkdtempSync(join(tmpdir(), 'lathe-drift-'));
    writeFileSync(join(dir, 'empty.csv'), '');
    expect((await run('drift', join(dir, 'empty.csv'), fixture('drift.small.same.csv'))).code).toBe(2);
  });

  it('runs as the real executable, documenting its exit statuses in --help', () => {
    const help = spawnSync(process.execPath, [join(root, 'bin/lathe.js'), 'drift', '--help'], { cwd: root, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: lathe drift <reference> <current>/);
    expect(help.stdout).toMatch(/1: dataset drift/);
    const r = spawnSync(process.execPath, [join(root, 'bin/lathe.js'), 'drift', fixture('drift.small.reference.csv'), fixture('drift.small.same.csv'), '--json'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).dataset_drift).toBe(false);
  });
});
