import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/server/cli.ts';
import type { CheckJson } from '../../../src/server/check-command.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'bin/lathe.js');
const penguins = join(root, 'public/samples/penguins.csv');
const dir = mkdtempSync(join(tmpdir(), 'lathe-check-'));

function rulesFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** Penguins facts read from the CSV here, independently of Lathe: rows, and Body Mass (g) values. */
const csv = (() => {
  // The sample has no quoted fields.
  const lines = readFileSync(penguins, 'utf8').trim().split('\n');
  const k = lines[0].split(',').indexOf('Body Mass (g)');
  const mass = lines.slice(1).map((l) => l.split(',')[k]);
  return { rows: lines.length - 1, mass: mass.filter((v) => v !== '').map(Number) };
})();

const passing = rulesFile('passing.json', {
  rules: [
    { type: 'column_exists', column: 'Species' },
    { type: 'in_set', column: 'Species', values: ['Adelie', 'Gentoo', 'Chinstrap'] },
    { type: 'row_count_between', min: 300, max: 400 },
    { type: 'not_null', column: 'Sex', mostly: 0.9 },
    { type: 'compound_unique', columns: ['Species', 'Island', 'Beak Length (mm)', 'Beak Depth (mm)', 'Body Mass (g)', 'Sex'], mostly: 0.9 },
  ],
});
const maxMass = Math.max(...csv.mass);
const failing = rulesFile('failing.json', {
  rules: [
    { type: 'between', column: 'Body Mass (g)', min: 0, max: 5000 },
    { type: 'not_null', column: 'Wingspan' },
    { type: 'row_count_between', min: 1 },
  ],
});

describe('lathe check (in process)', () => {
  it('exits 0 and prints one PASS line per rule when all pass', async () => {
    const r = await run('check', penguins, '--rules', passing);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe(`passing.json on penguins.csv (${csv.rows} rows): all 5 rules pass`);
    expect(lines.slice(2).map((l) => l.slice(0, 4))).toEqual(['PASS', 'PASS', 'PASS', 'PASS', 'PASS']);
    expect(lines[3]).toMatch(/^PASS {2}"Species" in \{Adelie, Gentoo, Chinstrap\}\s+all \d+ pass$/);
  });

  it('exits 1 when a rule fails, naming it, with failing values and the missing column', async () => {
    const r = await run('check', penguins, '--rules', failing);
    expect(r.code).toBe(1);
    const over = csv.mass.filter((m) => m > 5000).length;
    expect(r.out).toContain(`failing.json on penguins.csv (${csv.rows} rows): 1 of 3 rules pass, 2 fail`);
    expect(r.out).toMatch(new RegExp(`FAIL {2}0 ≤ "Body Mass \\(g\\)" ≤ 5,000\\s+[\\d.]+% pass \\(${over} of ${csv.mass.length} fail\\)`));
    expect(r.out).toMatch(/\n {6}failing: row \d+: \d+ · row \d+: \d+/);
    expect(r.out).toContain(`(first 5 of ${over})`);
    expect(r.out).toMatch(/FAIL {2}"Wingspan" is not null\s+Column "Wingspan" is not in the data\. Its columns: "Species"/);
    expect(r.out).toMatch(/PASS {2}row count ≥ 1\s+rows 344/);
  });

  it('--json prints {success, results: [{type, column, success, observed}]}', async () => {
    const r = await run('check', penguins, '--rules', failing, '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out) as CheckJson;
    expect(out.success).toBe(false);
    const over = csv.mass.filter((m) => m > 5000).length;
    expect(out.results[0]).toEqual({ type: 'between', column: 'Body Mass (g)', success: false, observed: (csv.mass.length - over) / csv.mass.length });
    expect(out.results[1]).toEqual({
      type: 'not_null',
      column: 'Wingspan',
      success: false,
      observed: null,
      error: expect.stringMatching(/^Column "Wingspan" is not in the data\./),
    });
    expect(out.results[2]).toEqual({ type: 'row_count_between', column: null, success: true, observed: csv.rows });
    expect(maxMass).toBeGreaterThan(5000);
  });

  it('--json gives compound_unique column null and its columns', async () => {
    const r = await run('check', penguins, '--rules', passing, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as CheckJson;
    expect(out.success).toBe(true);
    expect(out.results.map((x) => Object.keys(x))).toEqual([
      ['type', 'column', 'success', 'observed'],
      ['type', 'column', 'success', 'observed'],
      ['type', 'column', 'success', 'observed'],
      ['type', 'column', 'success', 'observed'],
      ['type', 'column', 'success', 'observed', 'columns'],
    ]);
    expect(out.results[4]).toMatchObject({ type: 'compound_unique', column: null, columns: ['Species', 'Island', 'Beak Length (mm)', 'Beak Depth (mm)', 'Body Mass (g)', 'Sex'] });
  });

  it('exits 2 on a bad rules file, naming the rule and the field', async () => {
    const bad = rulesFile('bad.json', { rules: [{ type: 'not_null', column: 'Sex' }, { type: 'between', column: 'Body Mass (g)', min: 'heavy' }] });
    const r = await run('check', penguins, '--rules', bad);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^lathe check: Rule 2 \(between\): "min" must be a number, or a date/);
    expect(r.err).toMatch(/\nhint: /);
  });

  it('exits 2 on rules that are not JSON, not a suite, or empty', async () => {
    const notJson = await run('check', penguins, '--rules', rulesFile('broken.json', '{"rules": ['));
    expect(notJson.code).toBe(2);
    expect(notJson.err).toMatch(/^lathe check: The rules in broken\.json are not valid JSON/);
    const notSuite = await run('check', penguins, '--rules', rulesFile('list.json', [{ type: 'not_null', column: 'Sex' }]));
    expect(notSuite.err).toMatch(/The rules in list\.json must be a JSON object with a "rules" list/);
    const empty = await run('check', penguins, '--rules', rulesFile('empty.json', { rules: [] }));
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/empty\.json has no rules/);
  });

  it('exits 2 on a missing data file, a missing rules file, or a usage mistake', async () => {
    const noData = await run('check', join(dir, 'nope.csv'), '--rules', passing);
    expect(noData.code).toBe(2);
    expect(noData.err).toMatch(/No such file: .*nope\.csv/);
    const noRules = await run('check', penguins, '--rules', join(dir, 'nope.json'));
    expect(noRules.code).toBe(2);
    expect(noRules.err).toMatch(/No such rules file: .*nope\.json/);
    expect((await run('check', penguins)).err).toMatch(/needs the rules to run: --rules/);
    expect((await run('check', '--rules', passing)).err).toMatch(/exactly one data file/);
    expect((await run('check', penguins, '--rules')).err).toMatch(/--rules needs a value/);
    expect((await run('check', penguins, '--rules', passing, '--strict')).err).toMatch(/Unknown option "--strict"/);
  });

  it('is listed in the usage', async () => {
    const r = await run('--help');
    expect(r.out).toMatch(/lathe check <file/);
  });
});

describe('lathe check (executable)', () => {
  const lathe = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  it('gives the exit statuses a CI pipeline reads: 0, 1, 2', () => {
    expect(lathe('check', penguins, '--rules', passing).status).toBe(0);
    const failed = lathe('check', penguins, '--rules', failing, '--json');
    expect(failed.status).toBe(1);
    expect((JSON.parse(failed.stdout) as CheckJson).success).toBe(false);
    const bad = lathe('check', penguins, '--rules', join(dir, 'nope.json'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/No such rules file/);
  }, 60_000);
});
