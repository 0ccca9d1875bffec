// The home page: projects are created, renamed, listed after a reload, and deleted with everything in them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './harness.js';

let page;
let app;
useApp({ ready: (c) => ({ page, app } = c) });

const cards = () => page.getByTestId('project-card');

test('a new project can be renamed, is listed on the home page, and can be deleted', async () => {
  await page.goto(app.url);
  await cards().first().waitFor();
  const before = await cards().count();
  await page.getByTestId('new-project').click();
  const name = page.getByLabel('Project name');
  await name.fill('Churn model <img src=x onerror="window.__xss=1">');
  await name.press('Enter');
  await page.waitForTimeout(200);
  await page.getByLabel('Lathe home').click();
  await cards().nth(before).waitFor();
  assert.equal(await cards().count(), before + 1);
  const card = cards().filter({ hasText: 'Churn model' });
  assert.match(await card.innerText(), /Churn model <img src=x onerror="window.__xss=1">/, 'the name is shown as text');
  assert.equal(await page.evaluate(() => window.__xss), undefined);

  await page.reload();
  await card.waitFor();
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: /Delete Churn model/ }).click();
  await card.waitFor({ state: 'detached' });
  assert.equal(await cards().count(), before);
  await page.reload();
  await cards().first().waitFor();
  assert.equal(await cards().filter({ hasText: 'Churn model' }).count(), 0);
});

test('a link to a project that does not exist says so', async () => {
  await page.goto(app.url + '#/p/no-such-project');
  await page.getByText('This project does not exist in this browser').waitFor();
  await page.goto(app.url + '#/p/%E0%A4%A');
  await cards().first().waitFor();
});
