// Loading data as a user does (picker, drop, paste, URL; every format) and every kind of bad input:
// clear messages, a choice where there is one, nothing lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
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

const data = () => cell(page, 'data');
const shape = () => page.getByTestId('data-shape').innerText();
const notice = () => data().getByTestId('cell-notice');
const head = () => data().getByTestId('data-head').innerText();
/** The Data cell's stored output, as the notebook holds it. */
const dataOutput = () =>
  page.evaluate(() => {
    const s = window.__lathe.session;
    const id = s.project.cells.find((c) => c.kind === 'data').id;
    return JSON.parse(JSON.stringify(s.outputs[id].value));
  });

async function pick(path) {
  await data().getByTestId('file-input').setInputFiles(path);
}

/** Waits until the Data cell shows n rows — from the file named, when given (the previous data may have n rows too). */
async function waitForRows(n, name) {
  await page.waitForFunction(
    ([want, from]) => {
      const card = document.querySelector('[data-testid="cell-data"]');
      const text = (card?.textContent ?? '').replace(/\s+/g, ' ');
      return (
        card?.getAttribute('data-state') === 'fresh' &&
        (document.querySelector('[data-testid="data-shape"]')?.textContent ?? '').replace(/\s+/g, ' ').includes(`${want} rows`) &&
        (!from || text.includes(`from ${from}`))
      );
    },
    [n.toLocaleString('en-US'), name],
  );
}

/** Drops a file on the Data cell's drop zone the way a browser delivers it. */
async function drop(name, content) {
  const zone = data().getByTestId('dropzone');
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
  assert.equal(await data().getByTestId('dropzone').isVisible(), true);
  await shot(page, 'new-project');
  await pick(file('people.csv', '\uFEFFname,age,city\r\n"Smith, Jo",34,Paris\r\nAl,,"Rome"\r\n"Bo ""the"" Great",51,"Oslo\nNorway"\r\n'));
  await waitForState(page, 'data', 'fresh');
  assert.match(await shape(), /3\s+rows\s+×\s+3\s+columns/);
  assert.match(await head(), /Smith, Jo/);
  const out = await dataOutput();
  assert.deepEqual(
    out.columns.map((c) => [c.name, c.type]),
    [['name', 'categorical'], ['age', 'integer'], ['city', 'categorical']],
  );
  assert.equal(out.head[2][0], 'Bo "the" Great');
  assert.equal(out.head[2][2], 'Oslo\nNorway');
  assert.equal(out.head[1][1], null);
  assert.equal(out.report.encoding, 'utf-8');
});

test('dropping a file replaces the data', async () => {
  const rows = ['x,y,label', ...Array.from({ length: 40 }, (_, i) => `${i},${(i * 7) % 13},${i % 2 ? 'odd' : 'even'}`)];
  await drop('dropped.csv', rows.join('\n'));
  await waitForRows(40, 'dropped.csv');
  assert.match(await shape(), /40\s+rows\s+×\s+3\s+columns/);
  assert.match(await data().innerText(), /dropped\.csv/);
});

const latin1 = Buffer.from('ville;température\nMontréal;-3,5\nSão Paulo;24\n', 'latin1');
const parquet = Buffer.from(
  parquetWriteBuffer({
    columnData: [
      { name: 'id', data: [1, 2, 3, 4], type: 'INT32' },
      { name: 'score', data: [0.5, null, 2.25, 4], type: 'DOUBLE' },
      { name: 'ok', data: [true, false, true, null], type: 'BOOLEAN' },
      { name: 'label', data: ['a', 'b', 'a', 'c'], type: 'STRING' },
    ],
  }),
);

const FORMATS = [
  { name: 'tabs.tsv', content: 'a\tb\n1\tx\n2\ty\n', rows: 2, check: (o) => assert.equal(o.report.delimiter, '\t') },
  { name: 'semi.csv', content: 'a;b;c\n1;2;3\n4;5;6\n7;8;9\n', rows: 3, check: (o) => assert.equal(o.report.delimiter, ';') },
  {
    name: 'latin1.csv',
    content: latin1,
    rows: 2,
    check: (o) => {
      assert.equal(o.report.encoding, 'latin-1');
      assert.equal(o.columns[1].name, 'température');
      assert.equal(o.head[1][0], 'São Paulo');
    },
  },
  {
    name: 'records.json',
    content: JSON.stringify([{ a: 1, b: 'x', nested: { c: true } }, { a: 2.5, b: null, nested: { c: false } }, { a: 3, b: 'z' }]),
    rows: 3,
    check: (o) => {
      assert.equal(o.report.format, 'json');
      assert.deepEqual(o.columns.map((c) => c.name), ['a', 'b', 'nested.c']);
      assert.equal(o.columns[0].type, 'float');
    },
  },
  {
    name: 'lines.ndjson',
    content: '{"k": "u", "v": 1}\n{"k": "w", "v": 2}\n\n{"k": "u", "v": 3}\n',
    rows: 3,
    check: (o) => {
      assert.equal(o.report.format, 'ndjson');
      assert.equal(o.columns[1].type, 'integer');
    },
  },
  {
    name: 'table.parquet',
    content: parquet,
    rows: 4,
    check: (o) => {
      assert.equal(o.report.format, 'parquet');
      assert.deepEqual(o.columns.map((c) => c.type), ['integer', 'float', 'boolean', 'categorical']);
      assert.equal(o.head[1][1], null);
    },
  },
];

for (const f of FORMATS) {
  test(`loads ${f.name}`, async () => {
    await pick(file(f.name, f.content));
    await waitForRows(f.rows, f.name);
    await waitForState(page, 'data', 'fresh');
    const out = await dataOutput();
    assert.equal(out.name, f.name);
    assert.equal(out.rows, f.rows);
    f.check(out);
  });
}

test('pasted text loads like a file', async () => {
  await data().getByTestId('read-options').click();
  await data().getByTestId('tab-paste').click();
  await data().getByTestId('paste-text').fill('fruit\tkg\napple\t1.5\npear\t2\nfig\t0.25\n');
  await data().getByTestId('paste-load').click();
  await waitForRows(3, 'pasted.csv');
  const out = await dataOutput();
  assert.deepEqual(out.columns.map((c) => c.name), ['fruit', 'kg']);
  assert.equal(out.columns[1].type, 'float');
});

/** A second origin serving files, with or without a CORS header. */
function fileServer() {
  const server = createServer((req, res) => {
    const cors = req.url.startsWith('/open/');
    const headers = { 'content-type': 'text/csv' };
    if (cors) headers['access-control-allow-origin'] = '*';
    res.writeHead(200, headers).end('u,v\n1,2\n3,4\n5,6\n7,8\n');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('a URL loads when the server allows it, and a CORS refusal is explained', async () => {
  const server = await fileServer();
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    await data().getByTestId('tab-url').click();
    await data().getByTestId('url-input').fill(`${base}/open/data.csv`);
    await data().getByTestId('url-load').click();
    await waitForRows(4, 'data.csv');

    const before = await shape();
    await data().getByTestId('url-input').fill(`${base}/closed/other.csv`);
    await data().getByTestId('url-load').click();
    await notice().waitFor();
    assert.match(await notice().innerText(), /refused to let Lathe read this file.*CORS/s);
    assert.equal(await shape(), before);
    await shot(page, 'data-url-cors');
    await notice().getByText('Dismiss').click();
  } finally {
    server.close();
  }
});

test('changing a column type re-reads the data and shows the values that fail it', async () => {
  await pick(file('codes.csv', 'code,amount\n1,10\n2,11.5\nX,12\n4,13\n'));
  await waitForRows(4, 'codes.csv');
  let out = await dataOutput();
  assert.equal(out.columns[0].type, 'categorical');
  await data().getByTestId('type-select').first().selectOption('integer');
  await page.waitForFunction(() => document.querySelector('[data-testid="invalid-values"]'));
  out = await dataOutput();
  assert.equal(out.columns[0].type, 'integer');
  assert.equal(out.columns[0].invalid.count, 1);
  assert.deepEqual(out.columns[0].invalid.examples[0], { row: 2, text: 'X' });
  assert.match(await data().getByTestId('invalid-values').innerText(), /code.*1 value.*“X” \(row 3\)/s);
  await shot(page, 'data-type-override');
});

test('malformed rows: the user chooses to skip them, and sees which were left out', async () => {
  const before = await shape();
  await pick(file('ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n'));
  await notice().waitFor();
  const text = await notice().innerText();
  assert.match(text, /line 3.*line 4|2 rows/is);
  assert.equal(await shape(), before, 'nothing changes until the user chooses');
  await shot(page, 'bad-input-ragged');
  await data().getByTestId('skip-malformed').click();
  await waitForRows(2, 'ragged.csv');
  assert.match(await data().getByTestId('skipped-rows').innerText(), /2 malformed rows were left out.*line 3.*line 4/s);
});

const BAD = [
  ['empty.csv', '', /empty/i],
  ['header-only.csv', 'a,b,c\n', /no data rows|header/i],
  ['binary.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0xff, 0xfe, 0, 1, 2, 3, 0, 0]), /text|CSV/i],
  ['quote.csv', 'a,b\n1,"open\n2,3\n4,5\n', /quote.*line 2|line 2.*quote/is],
  ['broken.json', '[{"a": 1}, {"a": 2,]', /JSON.*line 1|line 1.*JSON/is],
  ['broken.parquet', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(40, 7)]), /parquet/i],
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
    assert.equal(await data().getAttribute('data-state'), 'fresh');
    await notice().getByText('Dismiss').click();
  });
}

test('cancelling a long load keeps the previous data', async () => {
  const before = await shape();
  const rows = ['a,b,c,d'];
  for (let i = 0; i < 600_000; i++) rows.push(`${i},${i * 0.5},k${i % 7},${i % 3 === 0}`);
  await pick(file('long.csv', rows.join('\n')));
  await data().getByTestId('progress').waitFor();
  await data().getByTestId('cancel').click();
  await notice().waitFor();
  assert.match(await notice().innerText(), /Cancelled/);
  assert.equal(await shape(), before);
  await notice().getByText('Dismiss').click();
});

test('a reopened project reads its stored dataset without the original file', async () => {
  await pick(file('stored.csv', 'f,target\n1,yes\n2,no\n3,yes\n4,no\n5,yes\n6,no\n'));
  await waitForRows(6, 'stored.csv');
  await page.reload();
  await page.getByTestId('notebook').waitFor();
  assert.match(await shape(), /6\s+rows/);
  // Remove every stored source file: the Frame cell must still run from the stored columns.
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('lathe');
        open.onsuccess = () => {
          const tx = open.result.transaction('files', 'readwrite');
          tx.objectStore('files').clear();
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await cell(page, 'frame').getByTestId('frame-target').selectOption('target');
  await cell(page, 'frame').getByTestId('run').click();
  await waitForState(page, 'frame', ['fresh', 'failed']);
  const frameState = await cell(page, 'frame').getAttribute('data-state');
  assert.equal(frameState, 'fresh', frameState === 'failed' ? await cell(page, 'frame').getByTestId('cell-error').innerText() : '');
  assert.equal(await data().getAttribute('data-state'), 'fresh');
});

test('a target with a single value fails the Frame cell with a clear message', async () => {
  await pick(file('constant.csv', 'f,target\n1,yes\n2,yes\n3,yes\n4,yes\n'));
  await waitForRows(4, 'constant.csv');
  await cell(page, 'frame').getByTestId('frame-target').selectOption('target');
  await cell(page, 'frame').getByTestId('run').click();
  await waitForState(page, 'frame', 'failed');
  const error = await cell(page, 'frame').getByTestId('cell-error').innerText();
  assert.match(error, /only one value/);
  assert.match(await page.getByTestId('step-frame').getAttribute('data-state'), /failed/);
  // The Data cell and its output are untouched.
  assert.equal(await data().getAttribute('data-state'), 'fresh');
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
