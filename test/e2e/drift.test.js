// Drift in the browser: two Data cells (the penguins sample and a shifted copy pasted as text), a Drift
// cell comparing them that shows the verdict and per-column results the core computes for the same files
// (through `lathe drift --json`), overlaid charts drawn, and a clear message for different schemas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp, waitForState, shot } from './harness.js';

const PENGUINS = 'public/samples/penguins.csv';
const dir = mkdtempSync(join(tmpdir(), 'lathe-drift-'));

/** The penguins with longer, shallower beaks, longer flippers and heavier; species, island and sex as they were. */
function shiftedPenguins() {
  const [header, ...rows] = readFileSync(PENGUINS, 'utf8').trim().split('\n');
  const shifted = rows.map((line) => {
    const f = line.split(',');
    if (f[2]) f[2] = (Number(f[2]) + 3).toFixed(1);
    if (f[3]) f[3] = (Number(f[3]) - 1.2).toFixed(1);
    if (f[4]) f[4] = String(Number(f[4]) + 7);
    if (f[5]) f[5] = String(Number(f[5]) + 450);
    return f.join(',');
  });
  return [header, ...shifted].join('\n') + '\n';
}

/** The same shifted data with a column left out and one renamed: another schema. */
function otherSchema(text) {
  return text
    .trim()
    .split('\n')
    .map((line, i) => {
      const f = line.split(',');
      f.splice(6, 1);
      if (i === 0) f[1] = 'Location';
      return f.join(',');
    })
    .join('\n');
}

const shiftedText = shiftedPenguins();
const shiftedPath = join(dir, 'penguins-shifted.csv');
writeFileSync(shiftedPath, shiftedText);

/** What the core says for the same two files, through the command line. */
function expectedDrift() {
  const r = spawnSync(process.execPath, ['bin/lathe.js', 'drift', PENGUINS, shiftedPath, '--json', '--exit-zero'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

let page;
useApp({
  ready: (c) => (page = c.page),
  path: '?debug',
  start: async (p) => {
    await p.getByTestId('new-project').click();
    await p.getByTestId('notebook').waitFor();
  },
});

const cards = (kind) => page.locator(`[data-testid="cell-${kind}"]`);
const driftCard = () => cards('drift').first();

/** A screenshot of the window with the Drift cell's top just under the sticky project bar. */
async function viewCard(name) {
  await driftCard().evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 64));
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join('test-results', name + '.png') });
}

async function addCell(title) {
  await page.getByTestId('add-cell').click();
  await page.getByRole('menuitem', { name: title, exact: false }).first().click();
}

async function waitForNth(kind, n, states) {
  await page.waitForFunction(
    ([k, i, w]) => w.includes(document.querySelectorAll(`[data-testid="cell-${k}"]`)[i]?.getAttribute('data-state') ?? ''),
    [kind, n, states],
    { timeout: 120_000 },
  );
}

test('a Drift cell compares the penguins with a shifted copy as the core does', async () => {
  // First Data cell: the bundled sample (the reference).
  await cards('data').first().getByTestId('load-sample').first().click();
  await waitForNth('data', 0, ['fresh']);

  // A second Data cell at the end with the shifted copy pasted, then the Drift cell below it.
  await addCell('Data');
  const second = cards('data').nth(1);
  await second.getByTestId('tab-paste').click();
  await second.getByTestId('paste-text').fill(shiftedText);
  await second.getByTestId('paste-load').click();
  await waitForNth('data', 1, ['fresh']);
  await addCell('Drift');
  await driftCard().waitFor();

  // The reference is chosen from the dataset cells above, the current data being the nearest one.
  const select = driftCard().getByTestId('drift-reference');
  const options = await select.locator('option').allInnerTexts();
  assert.deepEqual(options, ['Data (cell 1)']);
  await select.selectOption({ label: 'Data (cell 1)' });
  const position = (await cards('data').nth(1).evaluate((el) => [...el.parentElement.children].indexOf(el))) + 1;
  assert.match(await driftCard().innerText(), new RegExp(`compared with Data \\(cell ${position}\\)`));

  await driftCard().getByTestId('run').click();
  await waitForState(page, 'drift', 'fresh');

  const expected = expectedDrift();
  const verdict = await driftCard().getByTestId('drift-verdict').locator('strong').innerText();
  const n = expected.columns.length;
  const percent = Math.round(expected.share * 100);
  assert.match(verdict, new RegExp(`^${expected.drifted_columns} of ${n} columns drifted \\(${percent}%\\) — ${expected.dataset_drift ? 'dataset drift' : 'no dataset drift'}`));
  assert.equal(expected.drifted_columns > 0 && expected.drifted_columns < n, true, 'the fixture shifts some columns, not all');

  const rows = await driftCard()
    .getByTestId('drift-row')
    .evaluateAll((trs) => trs.map((tr) => ({ name: tr.dataset.column, test: tr.dataset.test, drifted: tr.dataset.drifted === 'true', statistic: Number(tr.dataset.statistic), p: tr.dataset.p === '' ? undefined : Number(tr.dataset.p) })));
  assert.deepEqual(
    rows.map((r) => [r.name, r.test, r.drifted]),
    expected.columns.map((c) => [c.name, c.test, c.drifted]),
  );
  for (const [i, c] of expected.columns.entries()) {
    // The same core code on the same bytes: the figures agree to the last digit (1e-12 relative allowed).
    const close = (a, b) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
    assert.ok(close(rows[i].statistic, c.statistic), `${c.name} statistic ${rows[i].statistic} vs ${c.statistic}`);
    if (c.p_value !== undefined) assert.ok(close(rows[i].p, c.p_value), `${c.name} p ${rows[i].p} vs ${c.p_value}`);
  }
  // The shifted columns drift, the untouched ones do not.
  const drifted = Object.fromEntries(rows.map((r) => [r.name, r.drifted]));
  assert.equal(drifted['Body Mass (g)'], true);
  assert.equal(drifted['Flipper Length (mm)'], true);
  assert.equal(drifted['Species'], false);
  assert.equal(drifted['Island'], false);

  // One overlaid chart per column, each drawn once it is scrolled to.
  const charts = driftCard().getByTestId('drift-chart');
  assert.equal(await charts.count(), n);
  for (let i = 0; i < n; i++) await charts.nth(i).scrollIntoViewIfNeeded();
  await page.waitForFunction((want) => document.querySelectorAll('[data-testid="drift-chart"][data-drawn="true"] svg').length >= want, n);
  assert.match(await driftCard().innerText(), /Reference · penguins\.csv/);
  await shot(page, 'drift-penguins');
  await viewCard('drift-cell');
});

test('different schemas give a clear message on the Drift cell, and comparing the common columns works', async () => {
  const second = cards('data').nth(1);
  await second.getByTestId('read-options').click().catch(() => {});
  await second.getByTestId('tab-paste').click();
  await second.getByTestId('paste-text').fill(otherSchema(shiftedText));
  await second.getByTestId('paste-load').click();
  await page.waitForFunction(() => /6\s+columns/.test(document.querySelectorAll('[data-testid="cell-data"]')[1]?.textContent ?? ''));
  await waitForNth('data', 1, ['fresh']);

  await driftCard().getByTestId('run').click();
  await waitForState(page, 'drift', 'failed');
  const error = await driftCard().getByTestId('cell-error').innerText();
  assert.match(error, /different columns/);
  assert.match(error, /lacks "Island", "Sex"/);
  assert.match(error, /has "Location", which the reference lacks/);
  assert.match(error, /Compare only the columns both have/);
  await viewCard('drift-schema-error');
  // Nothing else broke: both Data cells are still fresh.
  await waitForNth('data', 0, ['fresh']);
  await waitForNth('data', 1, ['fresh']);

  await driftCard().getByTestId('drift-common').check();
  await driftCard().getByTestId('run').click();
  await waitForState(page, 'drift', 'fresh');
  const skipped = await driftCard().getByTestId('drift-skipped').innerText();
  assert.match(skipped, /Island \(only in the reference data\)/);
  assert.match(skipped, /Location \(only in the current data\)/);
  assert.equal(await driftCard().getByTestId('drift-row').count(), 5);
});
