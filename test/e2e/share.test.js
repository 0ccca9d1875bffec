// Sharing: the trained sample as a link opened in a fresh browser profile (plain, keyed, passphrase, #src=),
// an editable copy, a .lathe saved with Ctrl+S and dropped on another profile's home page, no token anywhere,
// and XSS payloads in every user string that travel through a link without running.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { unzipSync } from 'fflate';
import { join } from 'node:path';
import { useApp, openBrowser, openNewSample, cell, waitForState, shot, RESULTS } from './harness.js';

const ctx = useApp();
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical findings on what the page shows now. */
async function seriousViolations(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
const TOKEN = 'e2e-share-token-5b1d9c';
const opened = [];
const servers = [];
after(async () => {
  for (const b of opened) await b.close();
  for (const s of servers) s.close();
});

/** A fresh browser profile whose pages count the workers they start (fflate's blob: workers aside). */
async function freshProfile() {
  const b = await openBrowser();
  opened.push(b);
  await b.context.addInitScript(() => {
    const Native = window.Worker;
    window.__workers = [];
    window.Worker = class extends Native {
      constructor(url, options) {
        super(url, options);
        if (!String(url).startsWith('blob:')) window.__workers.push(String(url));
      }
    };
  });
  return b;
}

/** Every text inside a payload or file: the bytes themselves and each zip entry decompressed. */
function textsOf(bytes) {
  const out = [Buffer.from(bytes).toString('latin1')];
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) for (const e of Object.values(unzipSync(bytes))) out.push(Buffer.from(e).toString('latin1'));
  return out;
}
/** What the eye sees first: the viewport, or one element (a dialog), rather than the whole long page. */
const glance = (target, name) => target.screenshot({ path: join(RESULTS, name + '.png') });
const payloadOf = (link) => new Uint8Array(Buffer.from(/#share=([A-Za-z0-9_-]+)/.exec(link)[1], 'base64url'));

async function openShare(page, { includeData = false, mode = 'none', passphrase } = {}) {
  await page.getByTestId('share').click();
  const dialog = page.getByTestId('share-dialog');
  await dialog.waitFor();
  if (includeData !== (await dialog.getByTestId('include-data').isChecked())) await dialog.getByTestId('include-data').click();
  await dialog.getByTestId(`enc-${mode}`).check();
  if (passphrase) await dialog.getByTestId('share-passphrase').fill(passphrase);
  // The link for exactly these options: the field is rebuilt (emptied) on each change.
  await dialog.getByTestId('share-link').waitFor({ timeout: 30_000 });
  const link = await dialog.getByTestId('share-link').inputValue();
  const length = Number(await dialog.getByTestId('link-length').getAttribute('data-length'));
  return { dialog, link, length };
}
const closeShare = (page) => page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).click();

let trained; // { page, numbers } after the first test

/** The figures a stakeholder reads, from the notebook or the report (both show the cells' own views). */
async function numbers(page) {
  const mass = page.locator('[data-testid="profile-column"][data-column="Body Mass (g)"]');
  const stat = async (name) => mass.locator(`[data-stat="${name}"]`).getAttribute('data-value');
  return {
    shape: (await page.getByTestId('data-shape').innerText()).replace(/\s+/g, ' '),
    rows: await page.getByTestId('profile-rows').getAttribute('data-value'),
    missingCells: await page.getByTestId('profile-missing-cells').getAttribute('data-value'),
    mean: await stat('mean'),
    std: await stat('std'),
    baseline: await page.getByTestId('frame-baseline').innerText(),
    accuracy: await page.getByTestId('eval-accuracy').getAttribute('data-value'),
    evalBaseline: await page.getByTestId('eval-baseline').getAttribute('data-value'),
  };
}

test('the trained sample, shared as a link, opens read-only in a fresh profile with the same numbers', async () => {
  const page = ctx.page;
  await page.goto(ctx.app.url);
  await openNewSample(page);
  await cell(page, 'data').getByTestId('run').click();
  await waitForState(page, 'data', 'fresh');
  await page.getByTestId('run-stale').click();
  await waitForState(page, 'export', ['fresh', 'failed'], 240_000);
  assert.equal(await cell(page, 'evaluate').getAttribute('data-state'), 'fresh');

  // An endpoint with a token, as a user saves one in a Deploy cell: it must never travel.
  await page.getByTestId('add-cell').click();
  await page.getByRole('menuitem', { name: /Deploy/ }).click();
  const deploy = cell(page, 'deploy');
  await deploy.getByTestId('edit-endpoints').click();
  await deploy.getByTestId('ep-name').fill('Production');
  await deploy.getByTestId('ep-url').fill('http://127.0.0.1:9/');
  await deploy.getByTestId('ep-token').fill(TOKEN);
  await deploy.getByTestId('ep-save').click();
  await deploy.getByTestId('endpoint-editor').waitFor({ state: 'detached' });

  const before = await numbers(page);
  const { dialog, link, length } = await openShare(page);
  await glance(dialog, 'share-dialog');
  assert.equal(length, link.length, 'the dialog shows the link’s length');
  assert.ok(length < 32_000, `the trained sample without data fits a link (${length} characters)`);
  console.log(`share link of the trained sample without data: ${length.toLocaleString()} characters`);
  assert.ok(!link.includes(TOKEN));
  for (const t of textsOf(payloadOf(link))) assert.ok(!t.includes(TOKEN), 'no token inside the link’s payload');
  assert.match(await page.getByTestId('data-note').innerText(), /first rows/);
  assert.deepEqual(await seriousViolations(page), [], 'the share dialog');
  await closeShare(page);
  trained = { page, numbers: before };

  const b = await freshProfile();
  const other = await b.page();
  await other.goto(link);
  await other.getByTestId('report-cells').waitFor();
  assert.equal(await other.getByTestId('report-title').innerText(), 'Penguin species');
  assert.deepEqual(await numbers(other), before, 'the report shows the same figures as the notebook');
  // The summary leads with the answer: the metric against the baseline, the problem, the alerts.
  assert.equal(await other.getByTestId('summary-metric').getAttribute('data-value'), before.accuracy);
  assert.equal(await other.getByTestId('summary-baseline').getAttribute('data-value'), before.evalBaseline);
  assert.match(await other.getByTestId('summary-problem').innerText(), /Predict Species/);
  assert.match(await other.getByTestId('summary-data').innerText(), /344 rows/);
  // Read-only: no Run buttons, no config editing, nothing started.
  assert.equal(await other.getByTestId('run').count(), 0);
  assert.equal(await other.getByTestId('run-stale').count(), 0);
  assert.equal(await other.getByTestId('type-select').count(), 0);
  assert.equal(await cell(other, 'evaluate').getAttribute('data-state'), 'fresh');
  // Without data: the first rows are not in the report.
  assert.equal(await other.getByTestId('data-head').locator('tbody tr').count(), 0);
  assert.deepEqual(await other.evaluate(() => window.__workers), [], 'opening a report starts no worker');
  assert.deepEqual(await seriousViolations(other), [], 'the shared report');
  await glance(other, 'share-report');
  await shot(other, 'share-report-full');

  // Printing hides the chrome (the header with its buttons and the read-only banner).
  await other.emulateMedia({ media: 'print' });
  assert.equal(await other.getByTestId('editable-copy').isVisible(), false);
  assert.equal(await other.getByTestId('shared-banner').isVisible(), false);
  assert.equal(await other.getByTestId('summary-model').isVisible(), true);
  await shot(other, 'share-report-print');
  await other.emulateMedia({ media: 'screen' });

  // An editable copy lands in the recipient's own projects, with its results.
  await other.getByTestId('editable-copy').click();
  await other.getByTestId('notebook').waitFor();
  await waitForState(other, 'evaluate', 'fresh', 10_000);
  assert.equal(await other.getByTestId('eval-accuracy').getAttribute('data-value'), before.accuracy);
  assert.equal(await other.getByTestId('run-stale').count(), 1);
  await other.goto(ctx.app.url);
  const card = other.getByTestId('project-card');
  await card.first().waitFor();
  assert.deepEqual(await card.locator('.name').allInnerTexts(), ['Penguin species']);
  assert.deepEqual(b.errors, []);
});

test('encrypted links: key in the link, key cut off, passphrase', async () => {
  const page = trained.page;
  // The project's own report, from its header, and back.
  await page.getByTestId('open-report').click();
  await page.getByTestId('report-cells').waitFor();
  assert.equal(await page.getByTestId('summary-metric').getAttribute('data-value'), trained.numbers.accuracy);
  assert.equal(await page.getByTestId('editable-copy').count(), 0, 'a local report offers no copy');
  await page.getByTestId('back-to-notebook').click();
  await page.getByTestId('notebook').waitFor();
  const keyed = await openShare(page, { mode: 'key' });
  await closeShare(page);
  assert.match(keyed.link, /#share=[A-Za-z0-9_-]+&key=[A-Za-z0-9_-]{43}$/);
  for (const t of textsOf(payloadOf(keyed.link))) assert.ok(!t.includes('Penguin species'), 'the payload is ciphertext');

  const b = await freshProfile();
  const other = await b.page();
  await other.goto(keyed.link);
  await other.getByTestId('report-cells').waitFor();
  assert.equal(await other.getByTestId('eval-accuracy').getAttribute('data-value'), trained.numbers.accuracy);

  // The same link with its key cut off says so, instead of failing obscurely.
  const other2 = await b.context.newPage();
  await other2.goto(keyed.link.replace(/&key=.*$/, ''));
  await other2.getByTestId('report-error').waitFor();
  assert.match(await other2.getByTestId('report-error').innerText(), /encrypted and its key is missing/);
  await glance(other2, 'share-missing-key');

  const locked = await openShare(page, { mode: 'passphrase', passphrase: 'correct horse battery' });
  await closeShare(page);
  assert.ok(!locked.link.includes('&key='), 'a passphrase link carries no key');
  const other3 = await b.context.newPage();
  await other3.goto(locked.link);
  await other3.getByTestId('passphrase-form').waitFor();
  assert.deepEqual(await seriousViolations(other3), [], 'the passphrase page');
  await glance(other3, 'share-passphrase');
  await other3.getByTestId('passphrase').fill('wrong horse battery');
  await other3.getByTestId('unlock').click();
  await other3.getByTestId('passphrase-error').waitFor({ timeout: 30_000 });
  await other3.getByTestId('passphrase').fill('correct horse battery');
  await other3.getByTestId('unlock').click();
  await other3.getByTestId('report-cells').waitFor({ timeout: 30_000 });
  assert.equal(await other3.getByTestId('eval-accuracy').getAttribute('data-value'), trained.numbers.accuracy);
  assert.deepEqual(b.errors, []);
});

/** A project as stored in IndexedDB, typed arrays and Blobs as base64 with their type. */
function dumpProject(page, projectId) {
  return page.evaluate(async (id) => {
    const db = await new Promise((res, rej) => {
      const r = indexedDB.open('lathe');
      r.onsuccess = () => res(r.result);
      r.onerror = rej;
    });
    const all = (store, index, key) =>
      new Promise((res) => {
        const s = db.transaction(store).objectStore(store);
        const r = index ? s.index(index).getAll(key) : s.get(key);
        r.onsuccess = () => res(r.result);
      });
    const b64 = (u8) => {
      let s = '';
      for (let i = 0; i < u8.length; i++) s += String.fromCharCode(u8[i]);
      return btoa(s);
    };
    const enc = async (v) => {
      if (v instanceof Blob) return { $blob: b64(new Uint8Array(await v.arrayBuffer())), type: v.type };
      if (ArrayBuffer.isView(v)) return { $typed: v.constructor.name, b64: b64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
      if (v instanceof ArrayBuffer) return { $typed: 'ArrayBuffer', b64: b64(new Uint8Array(v)) };
      if (typeof v === 'number' && !Number.isFinite(v)) return { $num: String(v) };
      if (Array.isArray(v)) return Promise.all(v.map(enc));
      if (v && typeof v === 'object') return Object.fromEntries(await Promise.all(Object.entries(v).map(async ([k, x]) => [k, await enc(x)])));
      return v === undefined ? { $undefined: true } : v;
    };
    const project = await all('projects', null, id);
    const datasets = await all('datasets', 'projectId', id);
    const chunks = [];
    for (const d of datasets) chunks.push(...(await all('chunks', 'datasetId', d.id)));
    return enc({ project, outputs: await all('outputs', 'projectId', id), datasets, chunks, files: await all('files', 'projectId', id) });
  }, projectId);
}

const projectIdOf = (page) => decodeURIComponent(new URL(page.url()).hash.replace(/^#\/p\//, ''));

test('Ctrl+S saves a .lathe that another profile imports by dropping it on the home page: equal in IndexedDB', async () => {
  const page = trained.page;
  await cell(page, 'evaluate').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
  assert.equal(download.suggestedFilename(), 'Penguin species.lathe');
  const bytes = new Uint8Array(readFileSync(await download.path()));
  for (const t of textsOf(bytes)) assert.ok(!t.includes(TOKEN), 'no token in the .lathe file');
  assert.ok(unzipSync(bytes)['lathe.json'], 'a zip with lathe.json');
  await page.getByTestId('save-note').filter({ hasText: /Saved Penguin species\.lathe/ }).waitFor();

  const b = await freshProfile();
  const other = await b.page();
  await other.goto(ctx.app.url);
  await other.getByTestId('project-list').waitFor();
  const dropped = await other.evaluateHandle((b64) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'Penguin species.lathe', { type: 'application/zip' }));
    return dt;
  }, Buffer.from(bytes).toString('base64'));
  await other.dispatchEvent('[data-testid="home"]', 'dragover', { dataTransfer: dropped });
  await other.dispatchEvent('[data-testid="home"]', 'drop', { dataTransfer: dropped });
  await other.getByTestId('import-done').waitFor();
  await glance(other, 'share-imported');
  // Something else dropped by mistake is named and explained, and nothing is added.
  const wrong = await other.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['a,b\n1,2\n'], 'data.csv', { type: 'text/csv' }));
    return dt;
  });
  await other.dispatchEvent('[data-testid="home"]', 'drop', { dataTransfer: wrong });
  await other.getByTestId('import-error').waitFor();
  assert.match(await other.getByTestId('import-error').innerText(), /data\.csv: This is not a Lathe project file/);
  const cards = other.getByTestId('project-card').filter({ hasText: 'Penguin species' });
  await cards.first().waitFor();
  await cards.first().click();
  await other.getByTestId('notebook').waitFor();
  await waitForState(other, 'evaluate', 'fresh', 10_000);

  // Same states cell by cell, same outputs, datasets (chunks byte for byte) and files, up to the new ids.
  const states = (p) => p.locator('[data-testid="notebook"] > article').evaluateAll((els) => els.map((e) => `${e.dataset.testid}:${e.dataset.state}`));
  assert.deepEqual(await states(other), await states(page));
  const a = await dumpProject(page, projectIdOf(page));
  const c = await dumpProject(other, projectIdOf(other));
  const ids = new Map([[c.project.id, a.project.id]]);
  c.project.cells.forEach((x, i) => ids.set(x.id, a.project.cells[i].id));
  c.datasets.forEach((x) => ids.set(x.id, a.datasets.find((y) => y.name === x.name).id));
  c.files.forEach((x) => ids.set(x.id, a.files.find((y) => y.name === x.name)?.id ?? x.id));
  const back = (v) =>
    typeof v === 'string' ? (ids.get(v) ?? v) : Array.isArray(v) ? v.map(back) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [ids.get(k) ?? k, back(x)])) : v;
  const mapped = back(c);
  const byCell = (d) => d.project.cells.map((x) => d.outputs.find((o) => o.cellId === x.id)).map((o) => o && { ...o, hash: undefined });
  const sortChunks = (d) => [...d.chunks].sort((x, y) => `${x.datasetId}/${x.column}/${x.index}`.localeCompare(`${y.datasetId}/${y.column}/${y.index}`));
  assert.deepEqual({ ...mapped.project, updatedAt: 0, codeConsent: undefined }, { ...a.project, updatedAt: 0, codeConsent: undefined });
  assert.equal(c.project.codeConsent, 'pending');
  assert.deepEqual(byCell(mapped), byCell(a));
  assert.deepEqual(mapped.datasets, a.datasets);
  assert.deepEqual(sortChunks(mapped), sortChunks(a));
  assert.deepEqual(mapped.files, a.files);
  assert.ok(a.chunks.length > 0, 'the sample’s dataset travelled');

  // The same file served from another origin opens with #src=, and a host without CORS is explained.
  const host = (cors) =>
    new Promise((resolve) => {
      const s = createServer((req, res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream', ...(cors ? { 'access-control-allow-origin': '*' } : {}) });
        res.end(Buffer.from(bytes));
      });
      servers.push(s);
      s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${s.address().port}/Penguin%20species.lathe`));
    });
  const withCors = await host(true);
  const withoutCors = await host(false);
  const viaSrc = await b.context.newPage();
  await viaSrc.goto(`${ctx.app.url}#src=${encodeURIComponent(withCors)}`);
  await viaSrc.getByTestId('report-cells').waitFor();
  assert.equal(await viaSrc.getByTestId('eval-accuracy').getAttribute('data-value'), trained.numbers.accuracy);
  // It came with its data: the first rows are there.
  assert.ok((await viaSrc.getByTestId('data-head').locator('tbody tr').count()) > 0);
  const refused = await b.context.newPage();
  await refused.goto(`${ctx.app.url}#src=${encodeURIComponent(withoutCors)}`);
  await refused.getByTestId('report-error').waitFor({ timeout: 30_000 });
  assert.match(await refused.getByTestId('report-error').innerText(), /CORS/);
  await glance(refused, 'share-src-cors');
});

test('past the safe length the dialog offers a .lathe file to host, opened with #src=', async () => {
  const page = ctx.page;
  await page.goto(ctx.app.url);
  await page.getByTestId('new-project').click();
  await page.getByTestId('notebook').waitFor();
  // 5,000 rows of unrounded numbers: incompressible enough to push a link with the data past 32,000 characters.
  let csv = 'a,b,c\n';
  for (let i = 0; i < 5000; i++) csv += `${Math.sin(i) * 1000},${Math.cos(i * 7) * 1e-3},${(i * 2654435761) % 1000003}\n`;
  await cell(page, 'data').getByTestId('file-input').setInputFiles({ name: 'wide.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await waitForState(page, 'data', 'fresh');

  const small = await openShare(page);
  assert.ok(small.length <= 32_000, `without data the link is short (${small.length})`);
  assert.equal(await small.dialog.getByTestId('host-section').getAttribute('open'), null, 'the file option stays folded');
  await closeShare(page);

  const { dialog, length } = await openShare(page, { includeData: true, mode: 'key' });
  console.log(`share link of 5,000 rows × 3 columns with data: ${length.toLocaleString()} characters`);
  assert.ok(length > 32_000);
  assert.equal(await dialog.getByTestId('host-section').getAttribute('open'), '', 'the file option is offered');
  await dialog.getByTestId('host-url').fill('https://files.example/p.lathe');
  const src = await dialog.getByTestId('src-link').inputValue();
  const key = /&key=([A-Za-z0-9_-]{43})$/.exec(await dialog.getByTestId('share-link').inputValue())[1];
  assert.ok(src.endsWith(`#src=https%3A%2F%2Ffiles.example%2Fp.lathe&key=${key}`), src);
  await glance(dialog, 'share-too-long');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('download-host').click()]);
  assert.equal(download.suggestedFilename(), 'Untitled project.lathe');
  const hosted = new Uint8Array(readFileSync(await download.path()));
  // Encrypted with the link's key: the host holds ciphertext, not a zip.
  assert.equal(Buffer.from(hosted.subarray(0, 4)).toString('latin1'), 'LTHE');
  await closeShare(page);

  const url = await new Promise((resolve) => {
    const s = createServer((req, res) => {
      res.writeHead(200, { 'access-control-allow-origin': '*' });
      res.end(Buffer.from(hosted));
    });
    servers.push(s);
    s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${s.address().port}/p.lathe`));
  });
  const b = await freshProfile();
  const other = await b.page();
  await other.goto(src.replace('https%3A%2F%2Ffiles.example%2Fp.lathe', encodeURIComponent(url)));
  await other.getByTestId('report-cells').waitFor();
  assert.match(await other.getByTestId('data-shape').innerText(), /5,000\s+rows/);
});

test('XSS payloads in a note, a column name, a category value, a file name and the project name do not run through a link', async () => {
  const page = ctx.page;
  await page.goto(ctx.app.url);
  await page.getByTestId('new-project').click();
  await page.getByTestId('notebook').waitFor();
  const payload = (n) => `<img src=x onerror="window.__xss=(window.__xss||[]).concat(${n})">`;
  await page.getByLabel('Project name').fill(`Hostile ${payload(1)}`);
  await page.getByLabel('Project name').press('Tab');
  const csv = `id,${payload(2).replaceAll('"', "'")},kind\n1,3.5,<svg onload=window.__xss=(window.__xss||[]).concat(3)>\n2,4.5,plain\n3,5.5,${payload(4).replaceAll('"', "'")}\n`;
  await cell(page, 'data').getByTestId('file-input').setInputFiles({ name: `${payload(5).replaceAll('"', "'")}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await waitForState(page, 'data', 'fresh');
  await cell(page, 'profile').getByTestId('run').click();
  await waitForState(page, 'profile', 'fresh');
  await page.getByTestId('add-cell').click();
  await page.getByRole('menuitem', { name: /Note/ }).click();
  const note = cell(page, 'note');
  await note.getByRole('button', { name: 'Edit' }).click();
  await note.getByTestId('note-editor').fill(`# Notes\n\n${payload(6)}\n\n<script>window.__xss=[7]</script>\n\n[click](javascript:window.__xss=[8])`);
  await note.getByTestId('note-editor').press('Escape');
  await note.getByTestId('note-rendered').waitFor();

  const { link } = await openShare(page, { includeData: true });
  await closeShare(page);
  const b = await freshProfile();
  const other = await b.page();
  await other.goto(link);
  await other.getByTestId('report-cells').waitFor();
  // Let any image error or SVG load fire, and open every tab that shows values.
  await other.getByTestId('data-head').waitFor();
  await other.waitForTimeout(500);
  assert.equal(await other.evaluate(() => window.__xss), undefined, 'no payload ran');
  // Sanitised Markdown may keep a harmless <img src="x">, but no element carries a handler and no script came through.
  assert.equal(await other.locator('[onerror], [onload], main script').count(), 0, 'no payload kept a handler');
  // The strings are shown as text.
  assert.match(await other.getByTestId('report-title').innerText(), /Hostile <img src=x onerror=/);
  assert.match(await other.getByTestId('data-head').innerText(), /<svg onload=/);
  await other.getByRole('link', { name: 'click' }).count().then((n) => assert.equal(n, 0, 'a javascript: link is not rendered as a link'));
  await glance(other, 'share-xss');
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'nor in the sender’s notebook');
  assert.deepEqual(b.errors, []);
});
