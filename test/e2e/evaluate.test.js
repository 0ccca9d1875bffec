// Frame → Split → Evaluate on the sample as a user works them: the metric that matters and its baseline,
// a leakage warning for a copied target, a k-fold split summary, and an evaluation whose figures match
// what this test computes itself from the downloaded predictions; then regression on body mass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useApp, openNewSample, waitForState, cell, shot, RESULTS } from './harness.js';

const PENGUINS = 'public/samples/penguins.csv';
let page;
let app;
useApp({ start: openNewSample, ready: (c) => ({ page, app } = c) });

/** A screenshot of one cell, readable at full size. */
const cellShot = (kind, name) => cell(page, kind).screenshot({ path: `${RESULTS}/${name}.png` });
const num = async (locator, attr = 'data-value') => Number(await locator.getAttribute(attr));

/** Parses the app's predictions.csv (no quoted fields in the sample's labels). */
function parseCsv(text) {
  const [header, ...lines] = text.trim().split('\n');
  return { header: header.split(','), rows: lines.map((l) => l.split(',')) };
}

/** One class against the rest by Mann–Whitney (ties count half), averaged over the classes: scikit-learn's roc_auc_score(ovr, macro). */
function rocAucOvr(actual, probs, classes) {
  let total = 0;
  for (let c = 0; c < classes.length; c++) {
    const pos = [];
    const neg = [];
    actual.forEach((a, i) => (a === classes[c] ? pos : neg).push(probs[i][c]));
    let wins = 0;
    for (const p of pos) for (const q of neg) wins += p > q ? 1 : p === q ? 0.5 : 0;
    total += wins / (pos.length * neg.length);
  }
  return total / classes.length;
}

function balancedAccuracy(actual, predicted) {
  const classes = [...new Set(actual)];
  const recalls = classes.map((c) => {
    const idx = actual.map((a, i) => (a === c ? i : -1)).filter((i) => i >= 0);
    return idx.filter((i) => predicted[i] === c).length / idx.length;
  });
  return recalls.reduce((a, b) => a + b, 0) / recalls.length;
}

async function downloadPredictions() {
  const [download] = await Promise.all([page.waitForEvent('download'), cell(page, 'evaluate').getByTestId('eval-download').click()]);
  assert.equal(download.suggestedFilename(), 'predictions.csv');
  return parseCsv(readFileSync(await download.path(), 'utf8'));
}

test('Frame: choosing balanced accuracy shows the baseline to beat at once, with the class balance and features', async () => {
  await cell(page, 'data').getByTestId('run').click();
  await waitForState(page, 'data', 'fresh');
  const frame = cell(page, 'frame');
  await frame.getByTestId('run').click();
  await waitForState(page, 'frame', 'fresh');
  // Accuracy by default: the majority class's share, counted here from the CSV.
  const species = readFileSync(PENGUINS, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]).filter(Boolean);
  const adelie = species.filter((s) => s === 'Adelie').length;
  assert.equal(await frame.getByTestId('frame-baseline').innerText(), `${((adelie / species.length) * 100).toFixed(1)}%`);

  // Balanced accuracy: a constant answer finds one class of three, so 1/3 — shown before running again.
  await frame.getByTestId('frame-metric').selectOption('balanced_accuracy');
  await waitForState(page, 'frame', 'stale', 5_000);
  assert.ok(Math.abs((await num(frame.getByTestId('frame-baseline'))) - 1 / 3) < 1e-12);
  assert.match(await frame.getByTestId('frame-baseline-line').innerText(), /Baseline to beat: majority class \(Adelie\), balanced accuracy 33\.3%/);
  await frame.getByTestId('run').click();
  await waitForState(page, 'frame', 'fresh');
  assert.equal(await frame.getByTestId('frame-baseline').innerText(), '33.3%');
  await frame.getByTestId('class-balance').locator('rect').first().waitFor();
  assert.equal(await frame.getByTestId('class-balance').locator('g[aria-label="bar"] rect').count(), 3);
  const ticked = await frame.getByTestId('frame-features').locator('input[type="checkbox"]:checked').count();
  assert.equal(ticked, 6, 'every column but the target is a feature');
  assert.equal(await frame.getByTestId('frame-leakage').count(), 0, 'no leakage warning on honest features');
  await shot(page, 'eval-frame');
  await cellShot('frame', 'eval-frame-cell');
});

test('Split: stratified 5-fold over the non-test rows, with a summary per part and per fold', async () => {
  const split = cell(page, 'split');
  await split.getByTestId('split-method').selectOption('stratified');
  await split.getByTestId('run').click();
  await waitForState(page, 'split', 'fresh');
  assert.match(await split.getByTestId('split-sizes').innerText(), /275 training rows · 69 test rows of 344 · stratified by class/);
  assert.equal(await split.getByTestId('split-folds').getAttribute('data-folds'), '5');
  assert.match(await split.getByTestId('split-folds').innerText(), /5 folds over the 275 non-test rows: each tests 55 rows/);
  // One stacked bar per part and fold (train, test, 5 folds) and class.
  await split.getByTestId('split-chart').locator('g[aria-label="bar"] rect').first().waitFor();
  assert.equal(await split.getByTestId('split-chart').locator('g[aria-label="bar"] rect').count(), 7 * 3);
  await shot(page, 'eval-split');
  await cellShot('split', 'eval-split-cell');
});

test('Evaluate: metric against baseline, curves, importance and worst errors agree with the downloaded predictions', async () => {
  // Importance is quick on 69 rows: record every progress text the Evaluate cell shows rather than race to see one.
  await page.evaluate(() => {
    window.__evalProgress = [];
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="cell-evaluate"] [data-testid="progress"]')?.textContent;
      if (text && window.__evalProgress.at(-1) !== text) window.__evalProgress.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByTestId('run-stale').click();
  await waitForState(page, 'evaluate', ['fresh', 'failed'], 180_000);
  const seen = await page.evaluate(() => window.__evalProgress);
  assert.ok(seen.some((t) => /Permutation importance: \d+ of 30 shuffles/.test(t)), `progress shown: ${seen.join(' | ')}`);
  const ev = cell(page, 'evaluate');
  assert.equal(await ev.getAttribute('data-state'), 'fresh', await ev.innerText());
  const score = ev.getByTestId('eval-score');
  assert.equal(await score.getAttribute('data-metric'), 'balanced_accuracy');

  const { header, rows } = await downloadPredictions();
  assert.deepEqual(header, ['row', 'actual', 'predicted', 'p_Adelie', 'p_Chinstrap', 'p_Gentoo']);
  assert.equal(rows.length, 69);
  const actual = rows.map((r) => r[1]);
  const predicted = rows.map((r) => r[2]);
  const probs = rows.map((r) => r.slice(3).map(Number));
  const classes = ['Adelie', 'Chinstrap', 'Gentoo'];
  assert.ok(Math.abs((await num(score)) - balancedAccuracy(actual, predicted)) < 1e-12, 'balanced accuracy');
  const accuracy = predicted.filter((p, i) => p === actual[i]).length / rows.length;
  assert.ok(Math.abs((await num(ev.getByTestId('eval-accuracy'))) - accuracy) < 1e-12, 'accuracy');
  const auc = rocAucOvr(actual, probs, classes);
  assert.ok(Math.abs((await num(ev.getByTestId('eval-roc-auc'))) - auc) < 1e-12, `ROC AUC ${auc}`);
  assert.ok(Math.abs((await num(ev.getByTestId('eval-roc_auc'))) - auc) < 1e-12);
  assert.ok((await num(ev.getByTestId('eval-gain'))) > 0.3, 'well above the 1/3 baseline');

  // The confusion matrix counts equal the predictions'.
  const confusion = ev.getByTestId('confusion');
  await confusion.locator('g[aria-label="cell"] rect').first().waitFor();
  assert.equal(await confusion.locator('g[aria-label="cell"] rect').count(), 9);
  const texts = await confusion.locator('g[aria-label="text"] text').allTextContents();
  const expected = classes.flatMap((a) => classes.map((p) => String(rows.filter((r) => r[1] === a && r[2] === p).length)));
  assert.deepEqual(texts, expected);

  // ROC, PR (a line per class), calibration and importance are drawn.
  for (const id of ['roc', 'pr']) {
    await ev.getByTestId(id).locator('g[aria-label="line"] path').first().waitFor();
    assert.ok((await ev.getByTestId(id).locator('g[aria-label="line"] path').count()) >= 3, `${id} has a curve per class`);
  }
  await ev.getByTestId('calibration').locator('g[aria-label="dot"] circle').first().waitFor();
  await ev.getByTestId('importance').scrollIntoViewIfNeeded();
  await ev.getByTestId('importance').locator('g[aria-label="bar"] rect').first().waitFor();
  assert.equal(await ev.getByTestId('importance').locator('g[aria-label="bar"] rect').count(), 6, 'one bar per feature');

  // The table starts with the worst error: the row with the lowest probability given to its true class.
  const worst = Math.max(...rows.map((r, i) => 1 - probs[i][classes.indexOf(r[1])]));
  assert.ok(Math.abs((await num(ev.getByTestId('eval-error').first())) - worst) < 1e-6);
  assert.match(await ev.getByTestId('eval-page').innerText(), /Rows 1–50 of 69/);
  await ev.getByTestId('eval-next').click();
  assert.match(await ev.getByTestId('eval-page').innerText(), /Rows 51–69 of 69/);
  assert.equal(await ev.getByTestId('eval-error').count(), 19);
  await shot(page, 'eval-classification');
  await cellShot('evaluate', 'eval-classification-cell');
});

test('Regression on body mass: residuals and predicted against actual, RMSE as in the predictions', async () => {
  await cell(page, 'frame').getByTestId('frame-target').selectOption('Body Mass (g)');
  await page.getByTestId('run-stale').click();
  await waitForState(page, 'evaluate', ['fresh', 'failed'], 180_000);
  const ev = cell(page, 'evaluate');
  assert.equal(await ev.getAttribute('data-state'), 'fresh', await ev.innerText());
  assert.equal(await ev.getByTestId('eval-score').getAttribute('data-metric'), 'rmse');
  const { header, rows } = await downloadPredictions();
  assert.deepEqual(header, ['row', 'actual', 'predicted', 'residual']);
  const rmse = Math.sqrt(rows.reduce((a, r) => a + (Number(r[1]) - Number(r[2])) ** 2, 0) / rows.length);
  assert.ok(Math.abs((await num(ev.getByTestId('eval-score'))) - rmse) < 1e-9 * rmse, `RMSE ${rmse}`);
  for (const id of ['residuals', 'predicted-actual']) {
    await ev.getByTestId(id).locator('g[aria-label="dot"] circle').first().waitFor();
    assert.equal(await ev.getByTestId(id).locator('g[aria-label="dot"] circle').count(), rows.length);
  }
  assert.equal(await ev.getByTestId('roc').count(), 0);
  await shot(page, 'eval-regression');
  await cellShot('evaluate', 'eval-regression-cell');
  await cellShot('split', 'eval-regression-split');
});

test('Leakage: a pasted copy of the target is named in a warning, and leaving it out clears it', async () => {
  await page.goto(app.url);
  await page.getByTestId('new-project').click();
  await page.getByTestId('notebook').waitFor();
  const [header, ...lines] = readFileSync(PENGUINS, 'utf8').trim().split('\n');
  // A copy of the target under another name, and two infinite beak lengths (rows 2 and 3).
  const text = [
    header + ',Species code',
    ...lines.map((l, i) => {
      const f = l.split(',');
      if (i === 1 || i === 2) f[2] = i === 1 ? 'inf' : '-Infinity';
      return `${f.join(',')},${f[0] ? 'sp-' + f[0] : ''}`;
    }),
  ].join('\n');
  const data = cell(page, 'data');
  await data.getByTestId('tab-paste').click();
  await data.getByTestId('paste-text').fill(text);
  await data.getByTestId('paste-load').click();
  await waitForState(page, 'data', 'fresh');
  const frame = cell(page, 'frame');
  await frame.getByTestId('frame-target').selectOption('Species');
  await frame.getByTestId('run').click();
  await waitForState(page, 'frame', 'fresh');
  const warning = frame.getByTestId('frame-leakage');
  assert.match(await warning.innerText(), /"Species code" alone predicts "Species" almost perfectly/);
  assert.equal(await warning.locator('li').count(), 1, 'only the copy is flagged');
  assert.match(
    await frame.getByTestId('frame-nonfinite').innerText(),
    /“Beak Length \(mm\)” holds 2 infinite values \(first in row 2\)\. A model can’t use them: they are treated as missing/,
  );
  await shot(page, 'eval-leakage');
  await cellShot('frame', 'eval-leakage-cell');
  await warning.getByTestId('leave-out').click();
  await frame.getByTestId('run').click();
  await waitForState(page, 'frame', 'fresh');
  assert.equal(await frame.getByTestId('frame-leakage').count(), 0);
  assert.equal(await frame.locator('input[data-feature="Species code"]').isChecked(), false);
});
