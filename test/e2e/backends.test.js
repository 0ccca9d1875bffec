// Every tfjs backend path trains in the browser's worker, and "fastest available" never picks a software GPU.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openNewSample, waitForState, cell } from './harness.js';

let page;
useApp({
  ready: (c) => (page = c.page),
  start: async (p) => {
    await openNewSample(p);
    // Few epochs: software WebGPU/WebGL here is far slower than WASM.
    const epochs = cell(p, 'train').getByTestId('train-epochs');
    await epochs.fill('3');
    await epochs.press('Tab');
  },
});

async function trainWith(backend) {
  await cell(page, 'train').getByTestId('train-backend').selectOption(backend);
  await cell(page, 'train').getByTestId('run').click();
  await waitForState(page, 'train', ['fresh', 'failed'], 240_000);
  const state = await cell(page, 'train').getAttribute('data-state');
  if (state === 'failed') return { state, error: await cell(page, 'train').getByTestId('cell-error').innerText() };
  return { state, used: await cell(page, 'train').getByTestId('train-backend-used').innerText() };
}

test('fastest available skips software adapters (here: WASM)', async () => {
  const r = await trainWith('auto');
  assert.equal(r.state, 'fresh', r.error);
  // This machine has no GPU: WebGPU and WebGL run on SwiftShader, which is slower than WASM.
  assert.match(r.used, /Backend: wasm/);
  await cell(page, 'train').getByText(/Why wasm/).click();
  assert.match(await cell(page, 'train').locator('details').innerText(), /webgpu/i);
});

for (const backend of ['cpu', 'webgl', 'webgpu']) {
  test(`training runs on ${backend} when forced`, async () => {
    const r = await trainWith(backend);
    assert.equal(r.state, 'fresh', r.error);
    assert.match(r.used, new RegExp(`Backend: ${backend}`));
  });
}
