// Notebook keyboard shortcuts, notes (Markdown rendered safely), and adding cells.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openNewSample, waitForState, cell, shot } from './harness.js';

let page;
useApp({ start: openNewSample, ready: (c) => (page = c.page) });

const selectedKind = () => page.locator('article.selected').getAttribute('data-testid');

test('Shift+Enter runs the selected cell and moves on; Ctrl+Enter runs in place', async () => {
  await cell(page, 'data').locator('header .icon').click();
  assert.equal(await selectedKind(), 'cell-data');
  await page.keyboard.press('Shift+Enter');
  await waitForState(page, 'data', 'fresh');
  assert.equal(await selectedKind(), 'cell-profile');
  await page.keyboard.press('Control+Enter');
  await waitForState(page, 'profile', 'fresh');
  assert.equal(await selectedKind(), 'cell-profile');
  await page.keyboard.press('ArrowDown');
  assert.equal(await selectedKind(), 'cell-frame');
  await page.keyboard.press('k');
  assert.equal(await selectedKind(), 'cell-profile');
});

test('A and B add notes above and below; ? lists the shortcuts', async () => {
  const notes = () => page.locator('[data-testid="cell-note"]').count();
  const before = await notes();
  await page.keyboard.press('b');
  assert.equal(await notes(), before + 1);
  const order = async () => page.locator('article').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  let kinds = await order();
  assert.deepEqual(kinds.slice(2, 4), ['cell-profile', 'cell-note']);
  await page.keyboard.press('Escape');
  await page.locator('article.selected header .icon').click();
  await page.keyboard.press('a');
  kinds = await order();
  assert.deepEqual(kinds.slice(2, 5), ['cell-profile', 'cell-note', 'cell-note']);
  await page.locator('article.selected header .icon').click();
  await page.keyboard.press('?');
  await page.getByTestId('shortcuts').waitFor();
  assert.match(await page.getByTestId('shortcuts').innerText(), /Shift.*Enter/s);
  await shot(page, 'shortcuts');
  await page.keyboard.press('Escape');
  await page.getByTestId('shortcuts').waitFor({ state: 'detached' });
});

test('notes render Markdown and never run script', async () => {
  const note = page.locator('[data-testid="cell-note"]').nth(1);
  await note.getByTestId('note-rendered').dblclick();
  const editor = note.getByTestId('note-editor');
  await editor.fill(
    '## Findings\n\n**Flipper length** separates Gentoo.\n\n<img src="x" onerror="window.__xss = 1">\n\n<script>window.__xss = 2</script>\n\n[click](javascript:window.__xss=3)',
  );
  await editor.press('Escape');
  const rendered = note.getByTestId('note-rendered');
  await rendered.waitFor();
  assert.equal(await rendered.locator('h2').innerText(), 'Findings');
  assert.equal(await rendered.locator('strong').innerText(), 'Flipper length');
  assert.equal(await rendered.locator('script').count(), 0);
  assert.equal(await rendered.locator('img[onerror]').count(), 0);
  const href = await rendered.locator('a').getAttribute('href');
  assert.ok(!href || !href.startsWith('javascript:'), `link href is ${href}`);
  await rendered.locator('a').click().catch(() => {});
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  // The note is saved with the project.
  await page.reload();
  await page.getByTestId('notebook').waitFor();
  assert.match(await page.locator('[data-testid="cell-note"]').nth(1).innerText(), /Flipper length/);
});
