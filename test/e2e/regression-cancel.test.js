// A regression target through Frame → Evaluate, and cancelling a long training run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openNewSample, waitForState, cell, shot } from './harness.js';

let page;
useApp({ start: openNewSample, ready: (c) => (page = c.page) });

test('predicting body mass is detected as regression and beats the mean baseline', async () => {
  await cell(page, 'data').getByTestId('run').click();
  await waitForState(page, 'data', 'fresh');
  await cell(page, 'frame').getByTestId('frame-target').selectOption('Body Mass (g)');
  await page.getByTestId('run-stale').click();
  await waitForState(page, 'evaluate', ['fresh', 'failed'], 180_000);
  assert.equal(await page.getByTestId('frame-task-out').innerText(), 'regression');
  assert.equal(await cell(page, 'evaluate').getAttribute('data-state'), 'fresh');
  const num = async (id) => Number((await page.getByTestId(id).innerText()).replace(/,/g, ''));
  const rmse = await num('eval-rmse');
  const baseline = await num('eval-baseline');
  const r2 = await num('eval-r2');
  // Body mass is well explained by species, sex and flipper length: a linear model gets R² ≈ 0.85.
  assert.ok(rmse < 0.6 * baseline, `RMSE ${rmse} vs baseline ${baseline}`);
  assert.ok(r2 > 0.6, `R² ${r2}`);
  await shot(page, 'regression');
});

test('a long training run can be cancelled; the previous model stays and training works again', async () => {
  const acc = await page.getByTestId('eval-rmse').innerText();
  const epochs = cell(page, 'train').getByTestId('train-epochs');
  await epochs.fill('5000');
  await epochs.press('Tab');
  await cell(page, 'train').getByTestId('run').click();
  await cell(page, 'train').getByTestId('progress').getByText(/Epoch \d+ of 5000/).waitFor({ timeout: 60_000 });
  await cell(page, 'train').getByTestId('cancel').click();
  await waitForState(page, 'train', 'failed', 10_000);
  assert.match(await cell(page, 'train').getByTestId('cell-error').innerText(), /Cancelled/);
  // The last good model is still shown (dimmed) and the evaluation downstream is untouched.
  assert.equal(await cell(page, 'train').getByTestId('train-backend-used').count(), 1);
  assert.equal(await page.getByTestId('eval-rmse').innerText(), acc);

  await epochs.fill('5');
  await epochs.press('Tab');
  await cell(page, 'train').getByTestId('run').click();
  await waitForState(page, 'train', 'fresh', 60_000);
});
