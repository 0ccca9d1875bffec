// `lathe profile --html` writes a report that renders offline in a real browser, charts included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openBrowser, RESULTS } from './harness.js';

test('the HTML profile report renders its overview, alerts and charts with no network', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lathe-report-'));
  const out = join(dir, 'report.html');
  // A column name and a value that would be markup if the report did not escape them.
  const data = join(dir, 'tricky.csv');
  const rows = ['<img src=x onerror=alert(1)>,b,c'];
  for (let i = 0; i < 60; i++) rows.push(`${i % 7},${i % 5 === 0 ? '' : i * 1.5},${i % 2 ? '<script>bad()</script>' : 'ok'}`);
  writeFileSync(data, rows.join('\n'));
  execFileSync(process.execPath, ['bin/lathe.js', 'profile', data, '--html', out]);
  const browser = await openBrowser();
  try {
    const page = await browser.page();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    let dialogs = 0;
    page.on('dialog', (d) => (dialogs++, d.dismiss()));
    await page.goto(pathToFileURL(out).href);
    await page.waitForSelector('body[data-rendered="true"]');
    assert.match(await page.locator('h1').innerText(), /Profile of tricky\.csv/);
    assert.equal(await page.locator('[data-column]').count(), 3);
    assert.equal(await page.locator('[data-column="<img src=x onerror=alert(1)>"]').count(), 1, 'the name is text, not markup');
    assert.ok((await page.locator('figure svg').count()) >= 4, 'a chart per column and the heatmap');
    assert.ok((await page.locator('[data-alert="MISSING"]').count()) >= 1);
    assert.equal(dialogs, 0);
    assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), []);
    assert.deepEqual(browser.errors, []);
    await page.screenshot({ path: join(RESULTS, 'cli-html-report.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});
