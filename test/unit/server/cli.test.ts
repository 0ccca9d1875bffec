import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/server/cli.ts';
import type { ColumnProfile } from '../../../src/core/profile/types';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'bin/lathe.js');
const fixture = (name: string): string => join(root, 'test/fixtures', name);

/** Runs the real executable, as a user would. */
function lathe(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs main() in process, capturing what it prints. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

// The JSON the command prints is a Profile; ±Infinity would come back as strings, not in these fixtures.
type JsonColumn = ColumnProfile;

describe('lathe (executable)', () => {
  it('prints usage for --help', () => {
    const r = lathe('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: lathe <command>/);
    expect(r.stdout).toMatch(/profile/);
  });

  it('profiles a CSV as JSON', () => {
    const r = lathe('profile', fixture('mixed.csv'), '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const profile = JSON.parse(r.stdout) as { rows: number; columns: JsonColumn[] };
    expect(profile.rows).toBe(6);
    const score = profile.columns.find((c) => c.name === 'score') as JsonColumn;
    // score: 3.5, NA, -0.25, 1e3, (blank), 7.125
    expect(score).toMatchObject({ type: 'float', count: 4, missing: 2, distinct: 4, min: -0.25, max: 1000 });
    expect(score.mean).toBeCloseTo((3.5 - 0.25 + 1000 + 7.125) / 4, 12);
    const id = profile.columns.find((c) => c.name === 'id') as JsonColumn;
    expect(id).toMatchObject({ type: 'integer', missing: 0, distinct: 6, mean: 3.5, min: 1, max: 6 });
    expect(id.std).toBeCloseTo(Math.sqrt(17.5 / 5), 12);
  });

  it('exits with 2 and a message on stderr for an empty file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lathe-cli-'));
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const r = lathe('profile', empty);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/The file is empty/);
    expect(r.stdout).toBe('');
  });
});

describe('main', () => {
  it('prints an aligned text table without --json', async () => {
    const r = await run('profile', fixture('mixed.csv'));
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^6 rows × 7 columns/);
    expect(lines[2]).toMatch(/^column\s+type\s+count\s+missing\s+distinct\s+mean\s+std\s+min\s+max\s+top$/);
    expect(lines.slice(3).map((l) => l.split(/\s{2,}/)[0])).toEqual(['id', 'name', 'score', 'age', 'joined', 'active', 'notes']);
    expect(r.out).toMatch(/2019-07-01/);
  });

  it('takes --delimiter, including "tab"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lathe-cli-'));
    const file = join(dir, 'semi.txt');
    writeFileSync(file, 'a;b\n1;2\n');
    const forced = await run('profile', file, '--json', '--delimiter', ',');
    expect((JSON.parse(forced.out) as { columns: JsonColumn[] }).columns.map((c) => c.name)).toEqual(['a;b']);
    const tab = await run('profile', file, '--json', '--delimiter', 'tab');
    expect(tab.code).toBe(0);
    expect(await run('profile', file, '--delimiter', 'ab')).toMatchObject({ code: 2 });
  });

  it('exits with 2 for a missing file, bad usage or unknown command', async () => {
    expect(await run('profile', join(root, 'no-such-file.csv'))).toMatchObject({ code: 2, err: expect.stringMatching(/No such file/) });
    expect(await run('profile')).toMatchObject({ code: 2 });
    expect(await run('profile', fixture('mixed.csv'), '--bogus')).toMatchObject({ code: 2 });
    expect(await run('frobnicate')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown command/) });
  });

  it('reports ragged rows with their lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lathe-cli-'));
    const file = join(dir, 'ragged.csv');
    writeFileSync(file, 'a,b\n1,2\n3\n');
    const r = await run('profile', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 3 has 1 field/);
    expect(r.err).toMatch(/hint:/);
  });

  it('agrees with the pandas reference statistics', async () => {
    type Ref = { columns: Record<string, { numeric?: { mean: number; std: number; quantiles: Record<string, number> } }> };
    const ref = JSON.parse(readFileSync(fixture('numbers.profile.json'), 'utf8')) as Ref;
    const r = await run('profile', fixture('numbers.csv'), '--json');
    const cols = (JSON.parse(r.out) as { columns: (JsonColumn & { quantiles?: Record<string, number> })[] }).columns;
    let checked = 0;
    for (const c of cols) {
      const want = ref.columns[c.name].numeric;
      if (!want || !c.numeric) continue;
      const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
      close(c.numeric.mean, want.mean);
      close(c.numeric.std, want.std);
      for (const q of ['p5', 'p25', 'p50', 'p75', 'p95']) close(c.quantiles![q], want.quantiles[q]);
      checked++;
    }
    expect(checked).toBeGreaterThan(2);
  });

  it('prints the fields pipelines rely on: rows, columns, duplicates and alerts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lathe-cli-'));
    const file = join(dir, 'dups.csv');
    writeFileSync(file, 'k,v,c\n1,2.5,a\n1,2.5,a\n2,,b\n3,4.5,a\n');
    const out = JSON.parse((await run('profile', file, '--json')).out) as {
      rows: number;
      duplicates: number;
      alerts: { type: string; column?: string }[];
      columns: { name: string; type: string; missing: number; distinct: number; quantiles?: object; top?: { value: string; count: number }[] }[];
    };
    expect(out.rows).toBe(4);
    expect(out.duplicates).toBe(1);
    expect(out.columns.map((c) => [c.name, c.type, c.missing, c.distinct])).toEqual([
      ['k', 'integer', 0, 3],
      ['v', 'float', 1, 2],
      ['c', 'categorical', 0, 2],
    ]);
    expect(Object.keys(out.columns[1].quantiles!).sort()).toEqual(['p25', 'p5', 'p50', 'p75', 'p95']);
    expect(out.columns[2].top![0]).toEqual({ value: 'a', count: 3 });
    expect(out.alerts).toContainEqual(expect.objectContaining({ type: 'DUPLICATES' }));
    expect(out.alerts).toContainEqual(expect.objectContaining({ type: 'MISSING', column: 'v' }));
  });

  it('reads JSON and NDJSON by extension', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lathe-cli-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify([{ x: 1, y: 'u' }, { x: 2, y: 'v' }]));
    writeFileSync(join(dir, 'a.ndjson'), '{"x": 1.5}\n{"x": 2.5}\n{"x": null}\n');
    const json = JSON.parse((await run('profile', join(dir, 'a.json'), '--json')).out) as { rows: number; columns: { name: string; type: string }[] };
    expect(json.rows).toBe(2);
    expect(json.columns.map((c) => c.type)).toEqual(['integer', 'categorical']);
    const nd = JSON.parse((await run('profile', join(dir, 'a.ndjson'), '--json')).out) as { rows: number; columns: { missing: number }[] };
    expect(nd.rows).toBe(3);
    expect(nd.columns[0].missing).toBe(1);
  });

  it('writes a self-contained HTML report with --html', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lathe-cli-'));
    const out = join(dir, 'report.html');
    const r = await run('profile', join(root, 'public/samples/penguins.csv'), '--html', out);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<title>Profile of penguins\.csv<\/title>/);
    // Nothing is fetched: no external script or stylesheet.
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    const data = html.match(/<script type="application\/json" id="profile-data">([\s\S]*?)<\/script>/)![1];
    expect(JSON.parse(data).rows).toBe(344);
  });
});
