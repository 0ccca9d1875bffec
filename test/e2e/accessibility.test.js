// axe-core finds no serious or critical accessibility violations on the main screens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { useApp, waitForState } from './harness.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let page;
let app;
useApp({ ready: (c) => ({ page, app } = c) });

async function seriousViolations() {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

test('home page', async () => {
  await page.goto(app.url);
  await page.getByTestId('project-card').first().waitFor();
  assert.deepEqual(await seriousViolations(), []);
});

test('notebook after a full run', async () => {
  await page.getByTestId('project-card').first().click();
  await page.getByTestId('run-stale').click();
  await waitForState(page, 'export', 'fresh', 120_000);
  assert.deepEqual(await seriousViolations(), []);
});
