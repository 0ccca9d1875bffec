// Loading data as a user does (picker, drop) and every kind of bad input: clear messages, nothing lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp, waitForState, cell, shot } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'lathe-files-'));
const file = (name, content) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

let page;
useApp({
  ready: (c) => (page = c.page),
  path: '?debug',
  start: async (p) => {
    await p.getByTestId('new-project').click();
    await p.getByTestId('notebook').waitFor();
  },
});

const shape = () => page.getByTestId('data-shape').innerText();
const notice = () => cell(page, 'data').getByTestId('cell-notice');

async function pick(path) {
  await cell(page, 'data').getByTestId('file-input').setInputFiles(path);
}

/** Drops a file on the Data cell's drop zone the way a browser delivers it. */
async function drop(name, content) {
  const zone = cell(page, 'data').getByTestId('dropzone');
  const dataTransfer = await page.evaluateHandle(
    ([n, c]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([c], n, { type: 'text/csv' }));
      return dt;
    },
    [name, content],
  );
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

test('a new project shows the drop zone and loads a CSV from the file picker', async () => {
  assert.equal(await cell(page, 'data').getByTestId('dropzone').isVisible(), true);
  await shot(page, 'new-project');
  await pick(file('people.csv', 'name,age,city\r\n"Smith, Jo",34,Paris\r\nAl,,"Rome"\r\nBo,51,Oslo\r\n'));
  await waitForState(page, 'data', 'fresh');
  assert.match(await shape(), /3\s+rows\s+×\s+3\s+columns/);
  const head = await cell(page, 'data').getByTestId('data-head').innerText();
  assert.match(head, /Smith, Jo/);
});

test('dropping a file replaces the data', async () => {
  const rows = ['x,y,label', ...Array.from({ length: 40 }, (_, i) => `${i},${(i * 7) % 13},${i % 2 ? 'odd' : 'even'}`)];
  await drop('dropped.csv', rows.join('\n'));
  await page.waitForFunction(() => /40\s+rows/.test(document.querySelector('[data-testid="data-shape"]')?.textContent ?? ''));
  assert.match(await shape(), /40\s+rows\s+×\s+3\s+columns/);
  assert.match(await cell(page, 'data').innerText(), /dropped\.csv/);
});

const BAD = [
  ['empty.csv', '', /empty/i],
  ['header-only.csv', 'a,b,c\n', /no data rows|header/i],
  ['binary.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0xff, 0xfe, 0, 1, 2, 3, 0, 0]), /text|CSV/i],
  ['ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n', /line 3.*line 4|2 rows/is],
];

for (const [name, content, message] of BAD) {
  test(`a bad file (${name}) gives a clear message and keeps the previous data`, async () => {
    const before = await shape();
    await pick(file(name, content));
    await notice().waitFor();
    const text = await notice().innerText();
    assert.match(text, message);
    assert.match(text, /previous result is unchanged/);
    assert.equal(await shape(), before, 'the previous dataset is still shown');
    assert.equal(await cell(page, 'data').getAttribute('data-state'), 'fresh');
    if (name === 'ragged.csv') await shot(page, 'bad-input-ragged');
    await notice().getByText('Dismiss').click();
  });
}

test('a target with a single value fails the Frame cell with a clear message', async () => {
  await pick(file('constant.csv', 'f,target\n1,yes\n2,yes\n3,yes\n4,yes\n'));
  await page.waitForFunction(() => /4\s+rows/.test(document.querySelector('[data-testid="data-shape"]')?.textContent ?? ''));
  await cell(page, 'frame').getByTestId('frame-target').selectOption('target');
  await cell(page, 'frame').getByTestId('run').click();
  await waitForState(page, 'frame', 'failed');
  const error = await cell(page, 'frame').getByTestId('cell-error').innerText();
  assert.match(error, /only one value/);
  assert.match(await page.getByTestId('step-frame').getAttribute('data-state'), /failed/);
  // The Data cell and its output are untouched.
  assert.equal(await cell(page, 'data').getAttribute('data-state'), 'fresh');
});

test('a crashed worker is restarted and the cell says so', async () => {
  await page.evaluate(() => window.__lathe.armDataWorkerCrash());
  await cell(page, 'profile').getByTestId('run').click();
  await waitForState(page, 'profile', 'failed', 30_000);
  assert.match(await cell(page, 'profile').getByTestId('cell-error').innerText(), /stopped unexpectedly.*restarted/s);
  await cell(page, 'profile').getByTestId('run').click();
  await waitForState(page, 'profile', 'fresh', 30_000);
  assert.equal(await page.getByTestId('profile-rows').innerText(), '4');
});
