// The Quality cell in Chromium on the sample project: suggest rules, run them, a failing rule with its
// examples and the header badge, a rule on a missing column, and the suite as JSON out and back in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useApp, openNewSample, cell, waitForState, shot } from './harness.js';

let app;
let browser;
useApp({ ready: (c) => ({ app, browser } = c) });

/** Body Mass (g) read from the CSV here, independently of the app (the sample has no quoted fields). */
function massValues() {
  const [header, ...lines] = readFileSync('public/samples/penguins.csv', 'utf8').trim().split('\n');
  const k = header.split(',').indexOf('Body Mass (g)');
  return lines.map((l) => l.split(',')[k]).filter((v) => v !== '').map(Number);
}

const rulesOf = (download) => download.path().then((p) => JSON.parse(readFileSync(p, 'utf8')));

test('Quality cell: suggest, run, a failing rule, a missing column, JSON round trip', async () => {
  const page = await browser.page();
  await page.goto(app.url);
  await openNewSample(page);
  await cell(page, 'data').getByTestId('run').click();
  await waitForState(page, 'data', 'fresh');

  // Add a Quality cell at the end: it reads the Data cell above.
  await page.getByTestId('add-cell').click();
  await page.getByRole('menuitem', { name: /Quality/ }).click();
  const quality = cell(page, 'quality');
  await quality.waitFor();
  await quality.getByTestId('quality-empty').waitFor();

  // Suggest rules from the profile, accept them all, run: every one passes.
  await quality.getByTestId('suggest-rules').click();
  await quality.getByTestId('suggestions').waitFor();
  const offered = await quality.getByTestId('suggestion').count();
  assert.ok(offered >= 15, `suggested ${offered} rules`);
  assert.ok(await quality.getByTestId('suggestion').filter({ hasText: '"Species" in {Adelie, Gentoo, Chinstrap}' }).count(), 'in_set for Species');
  await shot(page, 'quality-suggestions');
  // One by one, then the rest at once.
  await quality.getByTestId('accept-suggestion').first().click();
  assert.equal(await quality.getByTestId('rule-row').count(), 1);
  assert.equal(await quality.getByTestId('suggestion').count(), offered - 1);
  await quality.getByTestId('accept-all').click();
  assert.equal(await quality.getByTestId('rule-row').count(), offered);
  await quality.getByTestId('close-suggestions').click();
  await quality.getByTestId('run').click();
  await waitForState(page, 'quality', 'fresh');
  const summary = quality.getByTestId('quality-summary');
  assert.equal(await summary.getAttribute('data-passed'), String(offered));
  assert.equal(await summary.getAttribute('data-total'), String(offered));
  assert.match(await summary.innerText(), new RegExp(`${offered} of ${offered}\\s+rules pass`));
  const badge = quality.getByTestId('cell-verdict');
  assert.equal(await badge.getAttribute('data-tone'), 'pass');
  assert.equal(await badge.innerText(), `${offered}/${offered} pass`);
  assert.equal(await quality.locator('[data-testid="rule-row"][data-status="pass"]').count(), offered);

  // A failing rule: Body Mass (g) at most 5000 g, below the heaviest penguin.
  const mass = massValues();
  const over = mass.filter((m) => m > 5000);
  assert.ok(Math.max(...mass) > 5000);
  await quality.getByTestId('add-rule-type').selectOption('between');
  await quality.getByTestId('add-rule').click();
  const form = quality.getByTestId('rule-form');
  await form.getByTestId('field-column').selectOption('Body Mass (g)');
  await form.getByTestId('field-min').fill('0');
  await form.getByTestId('field-min').press('Tab');
  await form.getByTestId('field-max').fill('5000');
  await form.getByTestId('field-max').press('Tab');
  await form.screenshot({ path: 'test-results/quality-rule-form.png' });
  await form.getByTestId('save-rule').click();
  const row = quality.getByTestId('rule-row').last();
  assert.match(await row.getByTestId('rule-label').innerText(), /0 ≤ "Body Mass \(g\)" ≤ 5,000/);
  assert.equal(await row.getAttribute('data-status'), 'pending');
  await quality.getByTestId('run').click();
  await waitForState(page, 'quality', 'fresh');
  assert.equal(await row.getAttribute('data-status'), 'fail');
  assert.match(await row.getByTestId('rule-observed').innerText(), new RegExp(`\\(${over.length} of ${mass.length} fail\\)`));
  await row.getByTestId('rule-examples').locator('summary').click();
  const cells = row.getByTestId('example-value');
  const shown = (await cells.allInnerTexts()).map(Number);
  assert.equal(shown.length, Math.min(20, over.length));
  assert.ok(shown.every((v) => v > 5000), `examples over 5000: ${shown.join(', ')}`);
  assert.deepEqual(shown, over.slice(0, 20), 'the first failing values in row order');
  assert.equal(await badge.getAttribute('data-tone'), 'fail');
  assert.equal(await badge.innerText(), `1 of ${offered + 1} fail`);
  assert.equal(await summary.getAttribute('data-passed'), String(offered));
  // Only the failing rule, on request.
  await quality.getByTestId('show-failing').click();
  assert.equal(await quality.getByTestId('rule-row').count(), 1);
  await shot(page, 'quality-failing-rule');
  await quality.getByTestId('show-all').click();
  assert.equal(await quality.getByTestId('rule-row').count(), offered + 1);

  // Export the suite as JSON: the file holds exactly the rules of the cell.
  await quality.getByTestId('toggle-json').click();
  const panel = quality.getByTestId('json-panel');
  const [first] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('download-json').click()]);
  assert.equal(first.suggestedFilename(), 'quality-rules.json');
  const exported = await rulesOf(first);
  assert.equal(exported.rules.length, offered + 1);
  assert.deepEqual(exported.rules.at(-1), { type: 'between', column: 'Body Mass (g)', min: 0, max: 5000 });

  // Paste it back with a rule on a column the data does not have: a clear message on that rule only.
  const edited = { rules: [...exported.rules, { type: 'not_null', column: 'Wingspan' }] };
  await panel.getByTestId('json-text').fill(JSON.stringify(edited, null, 2));
  await panel.getByTestId('apply-json').click();
  const wing = quality.getByTestId('rule-row').last();
  assert.match(await wing.getByTestId('rule-missing').innerText(), /Column "Wingspan" is not in the data: this rule will fail\./);
  await quality.getByTestId('run').click();
  await waitForState(page, 'quality', 'fresh');
  assert.equal(await wing.getAttribute('data-status'), 'fail');
  assert.match(await wing.getByTestId('rule-observed').innerText(), /^Column "Wingspan" is not in the data\. Its columns: "Species", "Island"/);
  assert.equal(await summary.getAttribute('data-passed'), String(offered), 'the other rules still ran');
  assert.equal(await badge.innerText(), `2 of ${offered + 2} fail`);
  await wing.scrollIntoViewIfNeeded();
  await shot(page, 'quality-missing-column');

  // Round trip: what is downloaded now is what was pasted, and opening that file gives the same suite.
  const [second] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('download-json').click()]);
  assert.deepEqual(await rulesOf(second), edited);
  await quality.getByTestId('rule-row').first().getByTestId('delete-rule').click();
  assert.equal(await quality.getByTestId('rule-row').count(), offered + 1);
  await panel.getByTestId('json-file').setInputFiles(await second.path());
  await panel.getByRole('status').filter({ hasText: `${offered + 2} rules imported.` }).waitFor();
  assert.equal(await quality.getByTestId('rule-row').count(), offered + 2);
  const [third] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('download-json').click()]);
  assert.deepEqual(await rulesOf(third), edited);

  // A bad paste says what is wrong and where, and changes nothing.
  await panel.getByTestId('json-text').fill('{"rules": [{"type": "between", "column": "Body Mass (g)", "min": "heavy"}]}');
  await panel.getByTestId('apply-json').click();
  assert.match(await panel.getByTestId('json-error').innerText(), /Rule 1 \(between\): "min" must be a number, or a date/);
  assert.equal(await quality.getByTestId('rule-row').count(), offered + 2);
  await panel.screenshot({ path: 'test-results/quality-json-panel.png' });

  // Nothing is lost on reload: the rules and the last results come back without running.
  await quality.getByTestId('run').click();
  await waitForState(page, 'quality', 'fresh');
  await page.reload();
  await page.getByTestId('notebook').waitFor();
  await cell(page, 'quality').getByTestId('quality-summary').waitFor();
  assert.equal(await cell(page, 'quality').getByTestId('rule-row').count(), offered + 2);
  assert.equal(await cell(page, 'quality').getByTestId('cell-verdict').innerText(), `2 of ${offered + 2} fail`);
  assert.deepEqual(browser.errors, []);
});
