// The Prepare cell in Chromium on the sample project: steps added through the forms and the filter builder,
// the live preview, undo/redo and reordering, a run whose table the Frame cell below reads, the two bad inputs
// (a filter that removes every row, an expression with a syntax error), and a profile alert's Fix button.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { useApp, openNewSample, cell, waitForState, shot } from './harness.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let app;
let browser;
useApp({ ready: (c) => ({ app, browser } = c) });

/** The penguins read here from the CSV, independently of the app (the sample has no quoted fields). */
function penguins() {
  const [header, ...lines] = readFileSync('public/samples/penguins.csv', 'utf8').trim().split('\n');
  const names = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

/** Serious or critical axe-core violations inside the Prepare cell. */
async function axeViolations(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run('[data-testid="cell-prepare"]', { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The recipe as saved in the project (read through the page's debug hook). */
const savedSteps = (page) =>
  page.evaluate(() => {
    const s = window.__lathe.session;
    const c = s.project.cells.find((x) => x.kind === 'prepare');
    return JSON.parse(JSON.stringify(c.config.recipe.steps));
  });

async function previewShape(prepare, rowsAfter, columnsAfter) {
  const shape = prepare.getByTestId('preview-shape');
  await prepare.page().waitForFunction(
    ([rows, cols]) => {
      const el = document.querySelector('[data-testid="cell-prepare"] [data-testid="preview-shape"]');
      const busy = document.querySelector('[data-testid="cell-prepare"] [data-testid="recipe-preview"]')?.getAttribute('data-busy');
      return el && !busy && el.getAttribute('data-rows-after') === String(rows) && el.getAttribute('data-columns-after') === String(cols);
    },
    [rowsAfter, columnsAfter],
    { timeout: 20_000 },
  );
  return shape;
}

const stepKinds = (prepare) => prepare.getByTestId('recipe-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));

test('Prepare cell: build a recipe, preview it, undo/redo, reorder, run, bad inputs, alert fix', async () => {
  const rows = penguins();
  const torgersen = rows.filter((r) => r.Island === 'Torgersen').length;
  const kept = rows.length - torgersen;
  const massMissing = rows.filter((r) => r['Body Mass (g)'] === '').length;
  assert.ok(torgersen > 0 && massMissing > 0);

  const page = await browser.page();
  await page.goto(app.url + '?debug');
  await openNewSample(page);
  await cell(page, 'data').getByTestId('run').click();
  await waitForState(page, 'data', 'fresh');
  await cell(page, 'profile').getByTestId('run').click();
  await waitForState(page, 'profile', 'fresh');

  // A Prepare cell, added at the end and moved up to just below the Profile cell.
  await page.getByTestId('add-cell').click();
  await page.getByRole('menuitem', { name: /Prepare/ }).click();
  const prepare = cell(page, 'prepare');
  await prepare.getByTestId('recipe-empty').waitFor();
  for (let i = 0; i < 12; i++) {
    const kinds = await page.locator('[data-testid^="cell-"][data-state]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    if (kinds.indexOf('cell-prepare') === kinds.indexOf('cell-profile') + 1) break;
    await prepare.getByRole('button', { name: 'Move up', exact: true }).click();
  }
  const order = await page.locator('[data-testid^="cell-"][data-state]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  assert.equal(order.indexOf('cell-prepare'), order.indexOf('cell-profile') + 1, order.join(' '));
  await previewShape(prepare, rows.length, 7);

  // 1. Impute Body Mass with the median.
  await prepare.getByTestId('quick-impute').click();
  let form = prepare.getByTestId('step-form');
  await form.getByTestId('impute-columns').locator('select').selectOption('Body Mass (g)');
  await form.getByTestId('impute-method').selectOption('median');
  await form.getByTestId('step-save').click();
  await previewShape(prepare, rows.length, 7);
  const impute = prepare.getByTestId('recipe-step').nth(0);
  await impute.getByTestId('step-effect').waitFor();
  assert.equal(await impute.getByTestId('step-effect').getAttribute('data-changed'), String(massMissing));
  assert.match(await impute.getByTestId('step-text').innerText(), /Fill missing values in Body Mass \(g\) with the median \(4050\)/);

  // 2. Filter with the builder: Island ≠ Torgersen.
  await prepare.getByTestId('quick-filter').click();
  form = prepare.getByTestId('step-form');
  await form.getByTestId('filter-column').selectOption('Island');
  await form.getByTestId('filter-op').selectOption('!=');
  await form.getByTestId('filter-value').fill('Torgersen');
  assert.equal(await form.getByTestId('filter-expression').inputValue(), "Island != 'Torgersen'");
  await form.screenshot({ path: 'test-results/prepare-filter-builder.png' });
  assert.deepEqual(await axeViolations(page), []);
  await form.getByTestId('step-save').click();
  const shape = await previewShape(prepare, kept, 7);
  assert.equal(await shape.getAttribute('data-rows-before'), String(rows.length));
  assert.match(await shape.innerText(), new RegExp(`${rows.length}\\s+rows × 7 columns\\s*→\\s*${kept}\\s+rows × 7 columns`));

  // 3. Derive mass in kilograms.
  await prepare.getByTestId('quick-derive').click();
  form = prepare.getByTestId('step-form');
  await form.getByTestId('derive-name').fill('mass_kg');
  await form.getByTestId('derive-expression').fill('`Body Mass (g)` / 1000');
  await form.getByTestId('step-save').click();
  await previewShape(prepare, kept, 8);
  assert.ok(await prepare.getByTestId('preview-after').locator('th.added', { hasText: 'mass_kg' }).count(), 'new column marked in the preview');

  // 4. The profile's Fix for the missing Sex values adds a step to this cell (it reads the same data).
  const profile = cell(page, 'profile');
  const fix = profile.locator('[data-testid="alert-fix"][data-type="MISSING"][data-column="Sex"]');
  await fix.scrollIntoViewIfNeeded();
  await profile.getByTestId('profile-alerts').screenshot({ path: 'test-results/prepare-alert-fix.png' });
  assert.match(await fix.innerText(), /Fix\s+Impute with mode/i);
  await fix.click();
  assert.match(await fix.innerText(), /✓ Added/);
  await prepare.getByTestId('recipe-step').nth(3).waitFor();
  assert.match(await prepare.getByTestId('recipe-step').nth(3).getByTestId('step-text').innerText(), /Fill missing values in Sex with the most common value/);
  assert.equal((await savedSteps(page)).length, 4);

  // 5. Drop a column.
  await prepare.getByTestId('quick-drop').click();
  form = prepare.getByTestId('step-form');
  await form.getByTestId('drop-columns').locator('select').selectOption('Beak Depth (mm)');
  await form.getByTestId('step-save').click();
  await previewShape(prepare, kept, 7);
  assert.deepEqual(await stepKinds(prepare), ['impute', 'filter', 'derive', 'impute', 'drop']);
  await prepare.screenshot({ path: 'test-results/prepare-recipe.png' });

  // Undo and redo, by button and by keyboard while focus is inside the cell.
  await prepare.getByTestId('recipe-undo').click();
  await previewShape(prepare, kept, 8);
  assert.equal(await prepare.getByTestId('recipe-step').count(), 4);
  await prepare.getByTestId('recipe-redo').click();
  await previewShape(prepare, kept, 7);
  await prepare.getByTestId('recipe-undo').focus();
  await page.keyboard.press('Control+z');
  await previewShape(prepare, kept, 8);
  await page.keyboard.press('Control+z');
  assert.deepEqual(await stepKinds(prepare), ['impute', 'filter', 'derive']);
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await previewShape(prepare, kept, 7);
  assert.deepEqual(await stepKinds(prepare), ['impute', 'filter', 'derive', 'impute', 'drop']);

  // Reorder: the drop moves above the Sex impute.
  await prepare.getByTestId('recipe-step').nth(4).getByTestId('step-up').click();
  assert.deepEqual(await stepKinds(prepare), ['impute', 'filter', 'derive', 'drop', 'impute']);
  assert.deepEqual((await savedSteps(page)).map((s) => s.kind), ['impute', 'filter', 'derive', 'drop', 'impute']);

  // Run: the Frame cell below reads the prepared table.
  await prepare.getByTestId('run').click();
  await waitForState(page, 'prepare', 'fresh');
  assert.equal(await prepare.getByTestId('prepare-output').getAttribute('data-rows'), String(kept));
  const frame = cell(page, 'frame');
  await frame.getByTestId('run').click();
  await waitForState(page, 'frame', 'fresh');
  const targets = await frame.getByTestId('frame-target').locator('option').allInnerTexts();
  assert.ok(targets.includes('mass_kg') && !targets.includes('Beak Depth (mm)'), targets.join(', '));
  // The Frame cell's own result (its view may change; its output is the cell contract).
  const framed = await page.evaluate(() => {
    const s = window.__lathe.session;
    const id = s.project.cells.find((c) => c.kind === 'frame').id;
    const v = s.outputs[id].value;
    return { rows: v.rowsWithTarget, features: v.features };
  });
  assert.equal(framed.rows, kept);
  assert.ok(framed.features.includes('mass_kg') && !framed.features.includes('Beak Depth (mm)'), framed.features.join(', '));
  assert.match(await frame.innerText(), new RegExp(`Rows with a target\\s+${kept}`));

  // Bad input 1: a filter that removes every row. The step is saved, the preview says which step and why.
  await prepare.getByTestId('quick-filter').click();
  form = prepare.getByTestId('step-form');
  await form.getByTestId('filter-expression').fill('`Body Mass (g)` > 100000');
  await form.getByTestId('step-save').click();
  const failed = prepare.getByTestId('recipe-step').nth(5);
  await failed.getByTestId('step-error').waitFor();
  assert.match(await failed.getByTestId('step-error').innerText(), new RegExp(`Step 6 \\(Keep rows where \`Body Mass \\(g\\)\` > 100000\\): This filter removes every row \\(${kept} → 0\\)`));
  assert.equal((await savedSteps(page)).length, 6);
  await prepare.getByTestId('run').click();
  await waitForState(page, 'prepare', 'failed');
  assert.match(await prepare.getByTestId('cell-error').innerText(), /removes every row/);
  // Nothing else broke: the Frame cell keeps its result (stale), the recipe is still saved after a reload.
  assert.equal(await cell(page, 'frame').getAttribute('data-state'), 'stale');
  await prepare.screenshot({ path: 'test-results/prepare-filter-removes-all.png' });
  await page.reload();
  await page.getByTestId('notebook').waitFor();
  assert.equal(await cell(page, 'prepare').getByTestId('recipe-step').count(), 6);
  assert.equal((await savedSteps(page)).length, 6);
  await cell(page, 'prepare').getByTestId('recipe-step').nth(5).getByTestId('step-delete').click();
  await previewShape(cell(page, 'prepare'), kept, 7);

  // Bad input 2: an expression with a syntax error cannot be added; the message says where and what.
  const p2 = cell(page, 'prepare');
  await p2.getByTestId('quick-derive').click();
  form = p2.getByTestId('step-form');
  await form.getByTestId('derive-name').fill('broken');
  await form.getByTestId('derive-expression').fill('`Body Mass (g)` *');
  const problem = form.getByTestId('step-form-problem');
  await problem.waitFor();
  assert.match(await problem.innerText(), /Expected a value after "\*", found the end of the expression \(character 18\)/);
  assert.equal(await form.getByTestId('step-save').isDisabled(), true);
  assert.equal(await form.getByTestId('derive-expression-mark').locator('mark').count(), 1);
  await form.screenshot({ path: 'test-results/prepare-syntax-error.png' });
  await form.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await savedSteps(page)).length, 5);

  // Run again: the recipe as it was before the failing filter gives the same table.
  await p2.getByTestId('run').click();
  await waitForState(page, 'prepare', 'fresh');
  assert.equal(await p2.getByTestId('prepare-output').getAttribute('data-rows'), String(kept));

  // Expanded details of a step: the values the impute changed, before → after.
  const first = p2.getByTestId('recipe-step').nth(0);
  await first.getByTestId('step-details-toggle').click();
  const details = first.getByTestId('step-details');
  await details.waitFor();
  assert.deepEqual(await axeViolations(page), []);
  assert.equal(await details.locator('tbody tr').count(), massMissing);
  assert.match(await details.innerText(), /Body Mass \(g\)\s+—\s+4050/);
  await p2.screenshot({ path: 'test-results/prepare-final.png' });

  // With no Prepare cell, a Fix puts a new one right below the Profile cell, holding that step.
  await p2.getByRole('button', { name: 'Delete cell' }).click();
  await p2.waitFor({ state: 'detached' });
  const again = cell(page, 'profile').locator('[data-testid="alert-fix"][data-type="MISSING"][data-column="Sex"]');
  await again.click();
  const fresh = cell(page, 'prepare');
  await fresh.getByTestId('recipe-step').first().waitFor();
  const after = await page.locator('[data-testid^="cell-"][data-state]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  assert.equal(after.indexOf('cell-prepare'), after.indexOf('cell-profile') + 1, after.join(' '));
  assert.deepEqual((await savedSteps(page)).map((x) => [x.kind, x.method, x.columns]), [['impute', 'mode', ['Sex']]]);
  await shot(page, 'prepare-notebook');
  assert.deepEqual(browser.errors, []);
});
