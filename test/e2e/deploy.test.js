// Deploy: train the sample in the browser, deploy it to a real `lathe serve --allow-upload`, check parity and history.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp, openNewSample, cell, waitForState, shot } from './harness.js';

const ctx = useApp();
const TOKEN = 'e2e-secret-token-7f3a';
const modelDir = mkdtempSync(join(tmpdir(), 'lathe-deploy-'));
let serveProc;

/** Starts `lathe serve` as a user would and resolves with the URL it prints. */
function startServe(origin) {
  serveProc = spawn(process.execPath, ['bin/lathe.js', 'serve', '--model-dir', modelDir, '--allow-upload', '--cors-origin', origin, '--token', TOKEN, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    serveProc.stdout.on('data', (d) => {
      out += d;
      const m = /Serving on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    serveProc.stderr.on('data', (d) => (out += d));
    serveProc.once('exit', (code) => reject(new Error(`lathe serve exited (${code}): ${out}`)));
  });
}

after(() => {
  serveProc?.kill();
  rmSync(modelDir, { recursive: true, force: true });
});

test('deploys the trained sample to lathe serve with passing parity; a down endpoint changes nothing', async () => {
  const page = ctx.page;
  const origin = new URL(ctx.app.url).origin;
  const serveUrl = await startServe(origin);
  await page.goto(ctx.app.url);
  await openNewSample(page);

  await page.getByTestId('add-cell').click();
  await page.getByRole('menuitem', { name: /Deploy/ }).click();
  await cell(page, 'deploy').waitFor();

  await cell(page, 'data').getByTestId('run').click();
  await waitForState(page, 'data', 'fresh');
  await page.getByTestId('run-stale').click();
  await waitForState(page, 'export', ['fresh', 'failed'], 240_000);
  assert.equal(await cell(page, 'export').getAttribute('data-state'), 'fresh');
  // Run stale also tried the Deploy cell, which has no endpoint yet: it must say so.
  await waitForState(page, 'deploy', ['failed', 'never', 'stale'], 30_000);

  const deploy = cell(page, 'deploy');
  await deploy.getByTestId('edit-endpoints').click();
  await deploy.getByTestId('ep-name').fill('Local serve');
  await deploy.getByTestId('ep-url').fill(serveUrl);
  await deploy.getByTestId('ep-token').fill(TOKEN);
  await deploy.getByTestId('ep-save').click();
  await deploy.getByTestId('endpoint-editor').waitFor({ state: 'detached' });

  await deploy.getByTestId('test-connection').click();
  await deploy.locator('[data-testid="connection-checks"][data-ok="true"]').waitFor({ timeout: 20_000 });
  assert.equal(await deploy.getByTestId('check').count(), 3);

  await deploy.getByTestId('deploy').click();
  await waitForState(page, 'deploy', ['fresh', 'failed'], 120_000);
  const errText = (await deploy.getByTestId('cell-error').count()) ? await deploy.getByTestId('cell-error').innerText() : '';
  assert.equal(await deploy.getAttribute('data-state'), 'fresh', errText);
  assert.equal(await deploy.getByTestId('parity').getAttribute('data-pass'), 'true');
  assert.ok(Number(await deploy.getByTestId('max-diff').innerText()) <= 1e-4);
  assert.equal(await deploy.getByTestId('mismatches').innerText(), '0');
  await deploy.getByTestId('history-row').first().waitFor();
  assert.equal(await deploy.getByTestId('history-row').count(), 1);
  // The server wrote the uploaded model where it was told to.
  const name = (await deploy.getByTestId('parity').innerText()).match(/(\S+) v\d+ on/)[1];
  assert.ok(existsSync(join(modelDir, name, '1', 'model.onnx')), `${name}/1/model.onnx in the model folder`);
  await shot(page, 'deploy-passed');

  // The token lives only in the endpoints table: not in the project (cells' config) nor in outputs.
  const stored = await page.evaluate(async () => {
    const open = indexedDB.open('lathe');
    const dbh = await new Promise((res, rej) => ((open.onsuccess = () => res(open.result)), (open.onerror = rej)));
    const all = (store) => new Promise((res) => (dbh.transaction(store).objectStore(store).getAll().onsuccess = (e) => res(e.target.result)));
    return { projects: JSON.stringify(await all('projects')), outputs: JSON.stringify(await all('outputs')), endpoints: JSON.stringify(await all('endpoints')) };
  });
  assert.ok(stored.endpoints.includes(TOKEN), 'the endpoint keeps its token');
  assert.ok(!stored.projects.includes(TOKEN), 'no token in the project');
  assert.ok(!stored.outputs.includes(TOKEN), 'no token in outputs');

  // Down endpoint: a clear message, the earlier result and history unchanged.
  serveProc.kill();
  await new Promise((r) => serveProc.once('exit', r));
  await deploy.getByTestId('deploy').click();
  await waitForState(page, 'deploy', 'failed', 60_000);
  assert.match(await deploy.getByTestId('cell-error').innerText(), /could not be reached|CORS/);
  assert.equal(await deploy.getByTestId('history-row').count(), 1);
  assert.equal(await deploy.getByTestId('parity').getAttribute('data-pass'), 'true');
  await deploy.getByTestId('test-connection').click();
  await deploy.locator('[data-testid="connection-checks"][data-ok="false"]').waitFor({ timeout: 20_000 });
  await shot(page, 'deploy-down');
});
