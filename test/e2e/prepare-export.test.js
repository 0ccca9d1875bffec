// The sample project with a Prepare cell (impute + filter + derive) exported end to end in Chromium: model.onnx
// takes the raw penguin columns, applies the recipe inside, and onnxruntime-web in the page finds it answers as
// Lathe does on the prepared rows; the zip carries recipe.json, and the card and README list the steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { useApp, openNewSample, cell, waitForState, shot } from './harness.js';

let app;
let browser;
useApp({ ready: (c) => ({ app, browser } = c) });

async function previewRows(prepare, rows, columns) {
  await prepare.page().waitForFunction(
    ([r, c]) => {
      const el = document.querySelector('[data-testid="cell-prepare"] [data-testid="preview-shape"]');
      const busy = document.querySelector('[data-testid="cell-prepare"] [data-testid="recipe-preview"]')?.getAttribute('data-busy');
      return el && !busy && el.getAttribute('data-rows-after') === String(r) && el.getAttribute('data-columns-after') === String(c);
    },
    [rows, columns],
    { timeout: 20_000 },
  );
}

test('a Prepare cell travels into the export: raw columns into model.onnx, parity on raw rows, recipe.json', async () => {
  const [header, ...lines] = readFileSync('public/samples/penguins.csv', 'utf8').trim().split('\n');
  const names = header.split(',');
  const penguins = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
  const kept = penguins.filter((r) => r.Island !== 'Torgersen').length;

  const page = await browser.page();
  await page.goto(app.url + '?debug');
  await openNewSample(page);
  await cell(page, 'data').getByTestId('run').click();
  await waitForState(page, 'data', 'fresh');

  // A Prepare cell right below the Profile cell, so Frame, Split, Train and Export read the prepared table.
  await page.getByTestId('add-cell').click();
  await page.getByRole('menuitem', { name: /Prepare/ }).click();
  const prepare = cell(page, 'prepare');
  await prepare.getByTestId('recipe-empty').waitFor();
  for (let i = 0; i < 12; i++) {
    const kinds = await page.locator('[data-testid^="cell-"][data-state]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    if (kinds.indexOf('cell-prepare') === kinds.indexOf('cell-profile') + 1) break;
    await prepare.getByRole('button', { name: 'Move up', exact: true }).click();
  }

  await prepare.getByTestId('quick-impute').click();
  let form = prepare.getByTestId('step-form');
  await form.getByTestId('impute-columns').locator('select').selectOption('Body Mass (g)');
  await form.getByTestId('impute-method').selectOption('median');
  await form.getByTestId('step-save').click();
  await previewRows(prepare, penguins.length, 7);

  await prepare.getByTestId('quick-filter').click();
  form = prepare.getByTestId('step-form');
  await form.getByTestId('filter-column').selectOption('Island');
  await form.getByTestId('filter-op').selectOption('!=');
  await form.getByTestId('filter-value').fill('Torgersen');
  await form.getByTestId('step-save').click();
  await previewRows(prepare, kept, 7);

  await prepare.getByTestId('quick-derive').click();
  form = prepare.getByTestId('step-form');
  await form.getByTestId('derive-name').fill('mass_kg');
  await form.getByTestId('derive-expression').fill('`Body Mass (g)` / 1000');
  await form.getByTestId('step-save').click();
  await previewRows(prepare, kept, 8);

  // Everything below runs on the prepared table, through to the export.
  await page.getByTestId('run-stale').click();
  await waitForState(page, 'export', ['fresh', 'failed'], 240_000);
  const exportCell = cell(page, 'export');
  assert.equal(await exportCell.getAttribute('data-state'), 'fresh', await exportCell.innerText());
  assert.equal(await prepare.getByTestId('prepare-output').getAttribute('data-rows'), String(kept));

  // The Frame cell used the derived column, so model.onnx must compute it from the raw mass.
  const features = await page.evaluate(() => {
    const s = window.__lathe.session;
    return s.outputs[s.project.cells.find((c) => c.kind === 'frame').id].value.features;
  });
  assert.ok(features.includes('mass_kg') && features.includes('Island'), features.join(', '));

  // Parity in the page: onnxruntime-web ran model.onnx on the raw rows the held-out prepared rows came from.
  const parity = exportCell.getByTestId('parity');
  assert.equal(await parity.getAttribute('data-passed'), 'true', await parity.innerText());
  assert.ok(Number(await parity.getAttribute('data-rows')) > 40);
  assert.ok(Number(await parity.getAttribute('data-max-abs-diff')) <= 1e-5);
  await exportCell.getByText('Files in the bundle').click();
  assert.ok((await exportCell.getByTestId('export-files').innerText()).includes('recipe.json'));
  // The cell says where the recipe runs when serving: inside the graph, on raw columns; the filter only shaped training.
  const serving = await exportCell.getByTestId('export-serving').innerText();
  assert.match(serving, /Inside model\.onnx:.*raw columns \(.*Body Mass \(g\)/s);
  assert.match(serving, /Training data only: .*Torgersen/);
  await exportCell.screenshot({ path: 'test-results/prepare-export-cell.png' });

  const [download] = await Promise.all([page.waitForEvent('download'), exportCell.getByTestId('download').click()]);
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const recipe = JSON.parse(strFromU8(files['recipe.json']));
  assert.deepEqual(
    recipe.steps.map((s) => [s.kind, s.place]),
    [['impute', 'graph'], ['filter', 'training'], ['derive', 'graph']],
  );
  assert.equal(recipe.recipe.fitted, true);
  assert.equal(recipe.recipe.steps[0].fitted.values['Body Mass (g)'], 4050);
  // model.onnx takes raw columns: the mass as measured (mass_kg is made inside), never the derived column.
  const inputs = JSON.parse(strFromU8(files['preprocessing.json'])).inputColumns;
  assert.ok(inputs.includes('Body Mass (g)') && !inputs.includes('mass_kg') && !inputs.includes('Species'), inputs.join(', '));
  const request = JSON.parse(strFromU8(files['example-request.json']));
  assert.deepEqual(request.inputs.map((i) => i.name), inputs);
  const card = strFromU8(files['model-card.md']);
  assert.match(card, /Prepared from penguins\.csv by a recipe of 3 steps \(recipe\.json\):/);
  // (escapeMarkdown writes "!" as "\!".)
  assert.match(card, /2\. Keep rows where Island \\!= 'Torgersen' \(training rows only\)/);
  assert.match(card, /3\. Set mass\\_kg = .* \(in model\.onnx\)/);
  assert.match(strFromU8(files['README.md']), /## The cleaning recipe/);
  await shot(page, 'prepare-export');
  assert.deepEqual(browser.errors, []);
});
