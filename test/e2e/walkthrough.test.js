// The sample project walked end to end as a user would: every cell, the numbers on screen, persistence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import {
  useApp,
  installLongTaskObserver,
  resetLongTasks,
  longTasks,
  waitForState,
  cell,
  shot,
} from './harness.js';

let app;
let browser;
useApp({ ready: (c) => ({ app, browser } = c) });

/** Column statistics computed here from the CSV itself, independently of the app. */
function csvStats(path, column) {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const idx = header.split(',').indexOf(column);
  const raw = lines.map((l) => l.split(',')[idx]);
  const nums = raw.filter((v) => v !== '').map(Number);
  const mean = nums.reduce((a, b) => a + b, 0) / nums.length;
  const std = Math.sqrt(nums.reduce((a, b) => a + (b - mean) ** 2, 0) / (nums.length - 1));
  return { rows: lines.length, missing: raw.length - nums.length, mean, std, min: Math.min(...nums), max: Math.max(...nums), distinct: new Set(nums).size };
}

test('the sample project runs through every step in the browser', async () => {
  const page = await browser.page();
  await installLongTaskObserver(page);
  await page.goto(app.url);

  // Home: the sample project is ready on first visit.
  const card = page.getByTestId('project-card').filter({ hasText: 'Penguin species' });
  await card.waitFor();
  await shot(page, 'home');
  await card.click();
  await page.getByTestId('notebook').waitFor();

  // Nothing has run yet; run the Data cell first, then everything else with "Run stale".
  assert.equal(await cell(page, 'data').getAttribute('data-state'), 'never');
  await cell(page, 'data').getByTestId('run').click();
  await waitForState(page, 'data', 'fresh');
  assert.match(await page.getByTestId('data-shape').innerText(), /344\s+rows\s+×\s+7\s+columns/);

  // The observer must see a long task when there is one, or its silence below would prove nothing.
  await page.evaluate(() => {
    const t = performance.now();
    while (performance.now() - t < 120);
  });
  await page.waitForFunction(() => window.__longtasks.some((d) => d >= 100));
  await resetLongTasks(page);
  await page.getByTestId('run-stale').click();
  await waitForState(page, 'profile', 'fresh');
  // While training: a progress bar naming the epoch, and the loss curve growing live.
  await cell(page, 'train').getByTestId('progress').getByText(/Epoch \d+ of 60/).waitFor({ timeout: 60_000 });
  await cell(page, 'train').getByTestId('loss-curve').locator('g[aria-label="line"] path').first().waitFor({ timeout: 30_000 });
  await waitForState(page, 'train', ['fresh', 'failed'], 180_000);
  await waitForState(page, 'export', ['fresh', 'failed'], 60_000);
  const tasks = await longTasks(page);
  assert.ok(Math.max(0, ...tasks) <= 200, `main-thread tasks during profiling and training: ${tasks.join(', ')} ms`);
  console.log(`longest main-thread task while profiling and training: ${Math.max(0, ...tasks).toFixed(0)} ms`);

  for (const kind of ['data', 'profile', 'frame', 'split', 'train', 'evaluate', 'export']) {
    assert.equal(await cell(page, kind).getAttribute('data-state'), 'fresh', `${kind} cell is fresh`);
  }

  // Profile numbers equal the CSV's.
  const expected = csvStats('public/samples/penguins.csv', 'Body Mass (g)');
  assert.equal(await page.getByTestId('profile-rows').innerText(), String(expected.rows));
  const mass = page.locator('[data-testid="profile-column"][data-column="Body Mass (g)"]');
  const stat = async (name) => Number(await mass.locator(`[data-stat="${name}"]`).getAttribute('data-value'));
  assert.equal(await stat('missing'), expected.missing);
  assert.equal(await stat('distinct'), expected.distinct);
  assert.equal(await stat('min'), expected.min);
  assert.equal(await stat('max'), expected.max);
  assert.ok(Math.abs((await stat('mean')) - expected.mean) < 1e-9 * expected.mean);
  assert.ok(Math.abs((await stat('std')) - expected.std) < 1e-9 * expected.std);
  assert.ok((await mass.getByTestId('histogram').locator('rect').count()) > 3, 'histogram drawn');
  const species = page.locator('[data-testid="profile-column"][data-column="Species"]');
  assert.equal(await species.locator('[data-stat="distinct"]').getAttribute('data-value'), '3');

  // Frame: classification detected, majority baseline shown.
  assert.equal(await page.getByTestId('frame-task-out').innerText(), 'classification');
  assert.equal(await page.getByTestId('frame-baseline').innerText(), `${((152 / 344) * 100).toFixed(1)}%`);

  // Train: a loss curve and the backend that ran.
  // The finished curve has a vertex per epoch.
  const d = await page.getByTestId('loss-curve').locator('g[aria-label="line"] path').last().getAttribute('d');
  assert.ok((d.match(/L/g) ?? []).length >= 59, `training loss line has a point per epoch: ${d.slice(0, 80)}…`);
  const backend = await page.getByTestId('train-backend-used').innerText();
  assert.match(backend, /Backend: (webgpu|webgl|wasm|cpu)/);

  // Evaluate: test accuracy above the majority baseline.
  const acc = Number(await page.getByTestId('eval-accuracy').getAttribute('data-value'));
  const base = Number(await page.getByTestId('eval-baseline').getAttribute('data-value'));
  assert.ok(acc > base + 0.2, `accuracy ${acc} vs baseline ${base}`);
  assert.ok((await page.getByTestId('confusion').locator('rect').count()) >= 9, 'confusion matrix drawn');

  // Export: the download is a zip with the TF.js artifacts and the preprocessing spec.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  assert.equal(download.suggestedFilename(), 'penguin-species.zip');
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  assert.ok(files['tfjs/model.json'] && files['tfjs/weights.bin'] && files['preprocessing.json']);
  const prep = JSON.parse(strFromU8(files['preprocessing.json']));
  assert.equal(prep.target, 'Species');
  const modelJson = JSON.parse(strFromU8(files['tfjs/model.json']));
  assert.deepEqual(modelJson.weightsManifest[0].paths, ['weights.bin']);
  // …and the whole pipeline as ONNX, checked in the browser by onnxruntime-web against Lathe's predictions.
  assert.ok(files['model.onnx'] && files['metadata.json'] && files['triton/penguin-species/config.pbtxt']);
  const parity = page.getByTestId('parity');
  assert.equal(await parity.getAttribute('data-passed'), 'true');
  assert.ok(Number(await parity.getAttribute('data-rows')) > 50);
  assert.ok(Number(await parity.getAttribute('data-max-abs-diff')) <= 1e-5);
  const modelCard = strFromU8(files['model-card.md']);
  assert.match(modelCard, /ONNX/);
  assert.match(modelCard, /Species/);

  await shot(page, 'notebook-after-run');
  const trainedText = await cell(page, 'train').locator('.info').innerText();
  const trainRanAt = await cell(page, 'train').getAttribute('data-ran-at');

  // Reload: everything is still there, fresh, without recomputing.
  await page.reload();
  await page.getByTestId('notebook').waitFor();
  await waitForState(page, 'evaluate', 'fresh', 10_000);
  assert.equal(await page.getByTestId('progress').count(), 0, 'nothing is running after a reload');
  assert.equal(await cell(page, 'train').locator('.info').innerText(), trainedText, 'the same training run is shown');
  assert.equal(await cell(page, 'train').getAttribute('data-ran-at'), trainRanAt, 'training was not re-run');
  assert.equal(await page.getByTestId('eval-accuracy').getAttribute('data-value'), String(acc));

  // Close the browser and open it again on the same profile.
  const url = page.url();
  await browser.reopen();
  const again = await browser.page();
  await again.goto(url);
  await waitForState(again, 'export', 'fresh', 10_000);
  assert.equal(await again.getByTestId('eval-accuracy').getAttribute('data-value'), String(acc));
  assert.deepEqual(browser.errors, [], 'no uncaught page errors');
});

test('changing a cell marks the cells downstream stale, and "Run stale" recomputes only those', async () => {
  const page = await browser.page();
  await page.goto(app.url);
  await page.getByTestId('project-card').filter({ hasText: 'Penguin species' }).click();
  await waitForState(page, 'export', 'fresh', 10_000);
  const profileRanAt = await cell(page, 'profile').getAttribute('data-ran-at');
  const splitRanAt = await cell(page, 'split').getAttribute('data-ran-at');

  // Change the seed of the split: split, train, evaluate and export go stale; data, profile, frame stay fresh.
  const seed = cell(page, 'split').locator('input[type="number"]');
  await seed.fill('7');
  await seed.press('Tab');
  await waitForState(page, 'split', 'stale', 5_000);
  const states = {};
  for (const kind of ['data', 'profile', 'frame', 'split', 'train', 'evaluate', 'export']) {
    states[kind] = await cell(page, kind).getAttribute('data-state');
  }
  assert.deepEqual(states, { data: 'fresh', profile: 'fresh', frame: 'fresh', split: 'stale', train: 'stale', evaluate: 'stale', export: 'stale' });
  assert.match(await page.getByTestId('step-split').getAttribute('data-state'), /stale/);
  await shot(page, 'notebook-stale');

  assert.match(await page.getByTestId('run-stale').innerText(), /\(4\)/);
  await page.getByTestId('run-stale').click();
  await waitForState(page, 'export', 'fresh', 120_000);
  assert.equal(await cell(page, 'profile').getAttribute('data-ran-at'), profileRanAt, 'the profile was not recomputed');
  assert.notEqual(await cell(page, 'split').getAttribute('data-ran-at'), splitRanAt, 'the split was recomputed');
  assert.match(await page.getByTestId('split-sizes').innerText(), /275 training rows · 69 test rows/);
});
