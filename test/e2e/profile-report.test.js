// The Profile cell's report on the penguins sample: the overview equals the stored profile and the CSV,
// alerts lead to their column, the correlation toggle, column detail, missing values, duplicates,
// sample rows, main-thread health, accessibility, and screenshots in light and dark, wide and narrow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { useApp, openNewSample, cell, waitForState, RESULTS } from './harness.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let page;
let browser;
useApp({ path: '?debug', start: openNewSample, ready: (c) => ({ page, browser } = c) });

const report = () => cell(page, 'profile');
const card = (name) => report().locator(`[data-testid="profile-column"][data-column="${name}"]`);

/** Figures read from the CSV itself, independently of the app. */
function csvFacts(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = header.split(',');
  const rows = lines.map((l) => l.split(','));
  let missing = 0;
  for (const r of rows) for (const v of r) if (v === '') missing++;
  const column = (name) => rows.map((r) => r[names.indexOf(name)]).filter((v) => v !== '').map(Number);
  return { rows: rows.length, columns: names.length, missing, column };
}

/** NumPy's default quantile: linear interpolation between closest ranks. */
function quantile(values, q) {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}

/** The Profile object the cell stored, as the session holds it (needs ?debug). */
const storedProfile = () =>
  page.evaluate(() => {
    const s = window.__lathe.session;
    const id = s.project.cells.find((c) => c.kind === 'profile').id;
    return JSON.parse(JSON.stringify(s.outputs[id].value));
  });

/**
 * The main thread's budget per task, in ms of CPU: the goal is no task over 100 ms on a user's machine,
 * so this machine gets less, as headroom for slower ones (drawing the report all at once costs ~95 ms here).
 */
const TASK_BUDGET_MS = 70;

/**
 * Runs fn while tracing the page's main thread; returns its tasks over 50 ms with wall and CPU time.
 * CPU time (thread duration) is what the page's own work costs; wall time also counts waiting for a
 * core on a busy machine, so the budget is checked on CPU time and wall time is reported beside it.
 */
async function mainThreadTasks(fn) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await fn();
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  // Renderer main threads (this browser has the one page open).
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events
    .filter((e) => e.name === 'RunTask' && mains.has(`${e.pid}:${e.tid}`) && e.dur > 50_000)
    .map((e) => {
      // What the task spent its CPU time on (script, style, layout, paint), for the failure message.
      const by = {};
      for (const k of events) {
        if (k.ph !== 'X' || k === e || !k.tdur || k.tid !== e.tid || k.pid !== e.pid || k.ts < e.ts || k.ts + k.dur > e.ts + e.dur) continue;
        by[k.name] = (by[k.name] ?? 0) + Math.round(k.tdur / 1000);
      }
      const top = Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, 5);
      return { wallMs: Math.round(e.dur / 1000), cpuMs: Math.round((e.tdur ?? e.dur) / 1000), top };
    });
}

async function seriousViolations(context) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate((ctx) => window.axe.run(ctx, { resultTypes: ['violations'] }), context);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** A 24-column CSV with every kind of column and a few data-quality problems, from a seeded generator. */
function wideCsv(rows) {
  let seed = 7;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const cols = {
    id: (i) => `C${100000 + i}`,
    signup: () => new Date(Date.UTC(2019, 0, 1) + Math.floor(rand() * 1500) * 86_400_000).toISOString().slice(0, 10),
    age: () => (rand() < 0.07 ? '' : String(Math.round(41 + 12 * normal()))),
    income: () => (rand() < 0.15 ? '' : (Math.exp(10.6 + 0.7 * normal())).toFixed(2)),
    amount: () => (rand() < 0.3 ? '0' : (rand() * 200).toFixed(2)),
    visits: () => String(Math.floor(-Math.log(1 - rand()) * 3)),
    minutes: (i) => ((i < 40 ? 400 : 1) * -Math.log(1 - rand()) * 5).toFixed(1),
    score: () => rand().toFixed(4),
    country: () => pick(['France', 'Germany', 'Spain', 'Italy', 'Portugal', 'Belgium', 'Poland']),
    city: () => pick(['Paris', 'paris', 'Lyon', 'Berlin', 'München', 'Munchen', 'Madrid']),
    plan: () => (rand() < 0.9 ? 'free' : pick(['pro', 'team'])),
    churned: () => (rand() < 0.18 ? 'true' : 'false'),
    newsletter: () => pick(['true', 'false']),
    comment: () => (rand() < 0.4 ? '' : pick(['Great service', 'Too expensive', 'Would recommend', 'Slow delivery', 'Fine'])),
    postcode: () => String(10000 + Math.floor(rand() * 89999)),
    source: () => 'web',
    ratio: () => (1 + 0.2 * normal()).toFixed(3),
    rating: () => String(1 + Math.floor(rand() * 5)),
    discount: () => pick(['0', '5', '10', '15']),
    tenure: () => String(Math.floor(rand() * 60)),
    height: () => (170 + 10 * normal()).toFixed(1),
    weight: () => (70 + 12 * normal()).toFixed(1),
    temperature: () => (15 + 8 * normal()).toFixed(1),
    legacy: () => '',
  };
  const names = Object.keys(cols);
  const lines = [names.join(',')];
  for (let i = 0; i < rows; i++) lines.push(names.map((n) => cols[n](i)).join(','));
  return lines.join('\n');
}

const inViewport = (locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });

test('the report leads with an overview equal to the stored profile, and renders without long tasks', async () => {
  await cell(page, 'data').getByTestId('run').click();
  await waitForState(page, 'data', 'fresh');

  // The trace must see a long task on the page's main thread when there is one, or its silence below
  // would prove nothing.
  const probe = await mainThreadTasks(() =>
    page.evaluate(() => {
      const t = performance.now();
      while (performance.now() - t < 1000);
    }),
  );
  assert.ok(probe.some((t) => t.wallMs >= 1000 && t.cpuMs > 0), `the trace sees a 1 s task: ${JSON.stringify(probe)}`);

  const tasks = await mainThreadTasks(async () => {
    await report().getByTestId('run').click();
    await waitForState(page, 'profile', 'fresh');
    // Everything drawn: the last section mounted and no chart still waiting its turn.
    await report().getByTestId('sample-table').waitFor();
    await page.waitForFunction(() => {
      const charts = document.querySelectorAll('[data-testid="cell-profile"] [data-drawn]');
      return charts.length > 0 && [...charts].every((c) => c.getAttribute('data-drawn') === 'true');
    });
  });
  const worst = tasks.reduce((m, t) => (t.cpuMs > m.cpuMs ? t : m), { cpuMs: 0, wallMs: 0 });
  console.log(`profile report render: ${tasks.length} main-thread tasks over 50 ms wall; the costliest ${worst.cpuMs} ms CPU (${worst.wallMs} ms wall)`);
  assert.ok(worst.cpuMs <= TASK_BUDGET_MS, `a main-thread task took ${worst.cpuMs} ms of CPU: ${JSON.stringify(tasks)}`);

  const p = await storedProfile();
  assert.equal(p.version, 2);
  const csv = csvFacts('public/samples/penguins.csv');
  assert.equal(p.rows, csv.rows, 'stored rows equal the CSV rows');
  assert.equal(p.missingCells, csv.missing, 'stored missing cells equal the empty CSV fields');

  const value = async (testid) => Number(await report().getByTestId(testid).getAttribute('data-value'));
  const shown = async (testid, sel = '') => Number((await report().locator(`[data-testid="${testid}"] ${sel}`).first().innerText()).replace(/[^\d.]/g, ''));
  assert.equal(await value('profile-rows'), csv.rows);
  assert.equal(await shown('profile-rows'), csv.rows, 'rows as printed');
  assert.equal(await value('profile-columns'), csv.columns);
  assert.equal(await value('profile-missing-cells'), p.missingCells);
  assert.equal(await shown('profile-missing-cells', '.value'), csv.missing, 'missing cells as printed');
  assert.match(await report().getByTestId('profile-missing-cells').innerText(), new RegExp(`${((csv.missing / (csv.rows * csv.columns)) * 100).toFixed(2)}% of cells`));
  assert.equal(await value('profile-duplicates'), p.duplicates);
  assert.equal(await value('profile-memory'), p.memoryBytes);
  for (const [type, count] of Object.entries(p.typeCounts)) {
    assert.equal(Number(await report().locator(`[data-testid="profile-types"] [data-type="${type}"]`).getAttribute('data-value')), count, `${type} columns`);
  }
  const navAlerts = report().locator('[data-testid="profile-nav"][data-section="alerts"] .count');
  assert.equal(Number(await navAlerts.innerText()), p.alerts.length, 'alert count in the nav');
  assert.equal(await report().getByTestId('profile-column').count(), p.columns.length, 'a card per column');
  assert.deepEqual(browser.errors, [], 'no uncaught page errors');
});

test('an alert names its column and clicking it scrolls to and highlights that column', async () => {
  const p = await storedProfile();
  const alert = p.alerts.find((a) => a.column);
  assert.ok(alert, `the penguins profile has a column alert: ${JSON.stringify(p.alerts)}`);
  const item = report().locator(`[data-testid="profile-alert"][data-column="${alert.column}"]`).first();
  assert.match(await item.innerText(), new RegExp(alert.message.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await page.evaluate(() => window.scrollTo(0, 0));
  await item.click();
  const target = card(alert.column);
  await page.waitForFunction((name) => document.querySelector(`[data-testid="profile-column"][data-column="${name}"]`)?.getAttribute('data-highlighted') === 'true', alert.column);
  await page.waitForFunction((name) => {
    const r = document.querySelector(`[data-testid="profile-column"][data-column="${name}"]`).getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }, alert.column);
  assert.equal(await target.evaluate((el) => el === document.activeElement), true, 'the card has focus');
  assert.ok((await target.getByTestId('column-alert').count()) > 0, 'the card shows its alert as a badge');
});

test('the correlation heatmap switches between auto, Pearson and Spearman', async () => {
  const p = await storedProfile();
  const heat = report().getByTestId('correlation-heatmap');
  const cells = () => heat.locator('g[aria-label="cell"] rect').count();
  await heat.locator('[data-drawn="true"]').waitFor();
  assert.equal(await heat.getAttribute('data-method'), 'auto');
  assert.equal(Number(await heat.getAttribute('data-columns')), p.correlations.columns.length);
  assert.equal(await cells(), p.correlations.columns.length ** 2, 'a cell per pair (auto)');
  assert.match(await report().getByTestId('corr-note').innerText(), /Spearman.*Cramér/);

  for (const method of ['pearson', 'spearman']) {
    await report().locator(`[data-testid="corr-method"][data-method="${method}"]`).click();
    await page.waitForFunction((m) => document.querySelector('[data-testid="correlation-heatmap"]')?.getAttribute('data-method') === m, method);
    const n = p.correlations[method].columns.length;
    assert.equal(Number(await heat.getAttribute('data-columns')), n);
    await page.waitForFunction((k) => document.querySelectorAll('[data-testid="correlation-heatmap"] g[aria-label="cell"] rect').length === k, n * n);
    assert.equal(await report().locator(`[data-testid="corr-method"][data-method="${method}"]`).getAttribute('aria-pressed'), 'true');
  }

  // The table view prints the stored Spearman matrix, two decimals.
  await report().getByTestId('corr-table-toggle').click();
  const m = p.correlations.spearman;
  const text = await report().getByTestId('corr-table').locator('tbody tr').nth(0).locator('td').nth(1).innerText();
  assert.equal(Number(text.replace('−', '-')), Math.round(m.matrix[0][1] * 100) / 100, `${m.columns[0]} × ${m.columns[1]}`);
  await report().getByTestId('corr-table-toggle').click();
  await report().locator('[data-testid="corr-method"][data-method="auto"]').click();
});

test('"More" on a column shows its quantiles and the rest of its statistics', async () => {
  const p = await storedProfile();
  const mass = p.columns.find((c) => c.name === 'Body Mass (g)');
  const c = card('Body Mass (g)');
  await c.getByTestId('column-more').click();
  const detail = c.getByTestId('column-detail');
  await detail.waitFor();
  const stat = async (name) => Number(await detail.locator(`[data-stat="${name}"]`).getAttribute('data-value'));
  for (const q of ['p5', 'p25', 'p50', 'p75', 'p95']) assert.equal(await stat(q), mass.numeric.quantiles[q], q);
  for (const s of ['iqr', 'mad', 'skewness', 'kurtosis', 'cv', 'zeros', 'negatives', 'infinite']) assert.equal(await stat(s), mass.numeric[s], s);
  const values = csvFacts('public/samples/penguins.csv').column('Body Mass (g)');
  assert.ok(Math.abs((await stat('p25')) - quantile(values, 0.25)) < 1e-9, 'Q1 equals the CSV’s (NumPy linear)');
  assert.ok(Math.abs((await stat('p50')) - quantile(values, 0.5)) < 1e-9, 'median equals the CSV’s');
  assert.match(await detail.innerText(), /QUANTILES|Quantiles/);
  await c.getByTestId('column-more').click();
  assert.equal(await c.getByTestId('column-detail').count(), 0, '"Less" closes it');
});

test('missing values: share per column, the nullity matrix and the combinations', async () => {
  const p = await storedProfile();
  const withMissing = p.columns.filter((c) => c.missing > 0);
  await report().locator('[data-testid="profile-nav"][data-section="missing"]').click();
  const bars = report().getByTestId('missing-bars');
  await bars.locator('svg').first().waitFor();
  assert.equal(await bars.locator('g[aria-label="bar"] rect').count(), withMissing.length, 'a bar per column with gaps');
  assert.match((await bars.getAttribute('aria-label')) ?? '', /missing/i);
  await page.waitForFunction(() => {
    const h = document.querySelector('[data-testid="missing-chart"]')?.getBoundingClientRect();
    return h && h.top >= 0 && h.top < window.innerHeight;
  });
  const nullity = report().getByTestId('nullity');
  await nullity.locator('svg').first().waitFor();
  // One band per column with gaps, and at least one run of missing rows among the sampled rows.
  assert.ok((await nullity.locator('g[aria-label="bar"]').nth(1).locator('rect').count()) > 0, 'missing runs drawn');
  assert.equal(await report().getByTestId('missing-combinations').locator('tbody tr').count(), p.missingPatterns.combinations.length);
});

test('duplicates, and the first and last rows as tabs', async () => {
  const p = await storedProfile();
  if (p.duplicates === 0) await report().getByTestId('duplicates-none').waitFor();
  else assert.equal(await report().getByTestId('duplicates-table').locator('tbody tr').count(), p.duplicateRows.length);
  const table = report().getByTestId('sample-table');
  assert.equal(await table.locator('tbody tr').count(), p.head.length);
  assert.equal(await table.locator('tbody tr').first().locator('td').nth(1).innerText(), p.head[0][0] ?? '—');
  await report().getByTestId('sample-tail').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="sample-table"]')?.getAttribute('data-which') === 'tail');
  const first = await table.locator('tbody tr').first().locator('td').first().innerText();
  assert.equal(Number(first.replace(/\D/g, '')), p.rows - p.tail.length + 1, 'tail row numbers');
  await report().getByTestId('sample-tail').press('ArrowLeft');
  await page.waitForFunction(() => document.querySelector('[data-testid="sample-table"]')?.getAttribute('data-which') === 'head');
});

test('the section nav scrolls to each section', async () => {
  for (const section of ['columns', 'correlations', 'overview']) {
    await report().locator(`[data-testid="profile-nav"][data-section="${section}"]`).click();
    const id = await report().locator(`[data-testid="profile-nav"][data-section="${section}"]`).evaluate(
      (_, s) => document.querySelector(`[id$="-profile-${s}"]`).id,
      section,
    );
    await page.waitForFunction((i) => {
      const r = document.getElementById(i).getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight / 2;
    }, id);
    assert.ok(await inViewport(page.locator(`[id="${id}"] h3`).first()) || section === 'overview');
  }
});

test('screenshots and accessibility in light and dark, wide and narrow', async () => {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1360, 900]) {
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await report().scrollIntoViewIfNeeded();
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="cell-profile"] [data-drawn]')].every((c) => c.getAttribute('data-drawn') === 'true'));
      await page.waitForTimeout(300);
      await report().screenshot({ path: join(RESULTS, `profile-report-${scheme}-${width}.png`) });
    }
    await page.setViewportSize({ width: 1360, height: 900 });
    const context = '[data-testid="cell-profile"]';
    assert.deepEqual(await seriousViolations(context), [], `axe on the report (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  assert.deepEqual(browser.errors, [], 'no uncaught page errors');
});

test('a 24-column profile renders without a long task', async () => {
  await page.setViewportSize({ width: 1360, height: 900 });
  const data = cell(page, 'data');
  await data.getByTestId('read-options').click();
  await data.getByTestId('tab-paste').click();
  // Set in one go: typing 300 KB through fill() takes minutes.
  await data.getByTestId('paste-text').evaluate((el, text) => {
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, wideCsv(2000));
  await data.getByTestId('paste-load').click();
  await page.waitForFunction(() => /2,000\s+rows\s+×\s+24\s+columns/.test(document.querySelector('[data-testid="data-shape"]')?.textContent ?? ''));
  await waitForState(page, 'profile', 'stale');

  const tasks = await mainThreadTasks(async () => {
    await report().getByTestId('run').click();
    await waitForState(page, 'profile', 'fresh');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="cell-profile"] [data-testid="profile-column"]').length === 24);
    await report().getByTestId('sample-table').waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="cell-profile"] [data-drawn]')].every((c) => c.getAttribute('data-drawn') === 'true'));
  });
  const worst = tasks.reduce((m, t) => (t.cpuMs > m.cpuMs ? t : m), { cpuMs: 0, wallMs: 0 });
  console.log(`24-column report render: ${tasks.length} main-thread tasks over 50 ms wall; the costliest ${worst.cpuMs} ms CPU (${worst.wallMs} ms wall)`);
  assert.ok(worst.cpuMs <= TASK_BUDGET_MS, `a main-thread task took ${worst.cpuMs} ms of CPU: ${JSON.stringify(tasks)}`);

  const p = await storedProfile();
  assert.equal(p.columns.length, 24);
  assert.equal(await report().getByTestId('profile-column').count(), 24);
  assert.equal(Number(await report().getByTestId('correlation-heatmap').getAttribute('data-columns')), p.correlations.columns.length);
  assert.ok(p.correlations.columns.length >= 20, `a heatmap of 20+ columns (${p.correlations.columns.length})`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await report().screenshot({ path: join(RESULTS, 'profile-report-24-columns.png') });
  assert.deepEqual(browser.errors, [], 'no uncaught page errors');
});
