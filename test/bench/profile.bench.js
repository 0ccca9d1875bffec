#!/usr/bin/env node
// Benchmarks Lathe's loading + full profile against DuckDB-WASM's SUMMARIZE, side by side in one headless Chromium page.
// Usage: node test/bench/profile.bench.js [--rows N] [--file path.csv] [--runs N] [--only lathe|duckdb] [--keep]
// See test/bench/README.md for what is measured.
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { build } from 'vite';
import { installLongTaskObserver, longTasks, openBrowser, resetLongTasks } from '../e2e/harness.js';
import { canSample, startSampling } from './profile/process-memory.js';
import { syntheticCsv } from './profile/synthetic-csv.js';

const GOAL = 0.5;
const LONG_TASK_LIMIT_MS = 100;
const OUT_DIR = resolve('dist-bench');
const DUCKDB_DIST = resolve('node_modules/@duckdb/duckdb-wasm/dist');
const CACHE_DIR = resolve('node_modules/.cache/lathe-bench');
/** Time for memory to fall back after the previous run's worker is terminated. */
const SETTLE_MS = 2000;

const HELP = `Usage: npm run bench:profile -- [options]
  --rows N       rows in the generated CSV (default 1000000)
  --file PATH    bench this CSV instead of the generated one
  --runs N       runs per side, alternating which side goes first (default 2); the best time is reported
  --only SIDE    run only 'lathe' or 'duckdb'
  --timeout S    give up on a run after S seconds (default 600)
  --keep         keep the browser profile directory (its path is printed)`;

function parseArgs(argv) {
  const opts = { rows: 1_000_000, file: null, runs: 2, only: null, keep: false, timeout: 600 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value.`);
      return v;
    };
    if (a === '--rows') opts.rows = positive(a, value());
    else if (a === '--runs') opts.runs = positive(a, value());
    else if (a === '--timeout') opts.timeout = positive(a, value());
    else if (a === '--file') opts.file = resolve(value());
    else if (a === '--only') {
      opts.only = value();
      if (!['lathe', 'duckdb'].includes(opts.only)) fail(`--only takes 'lathe' or 'duckdb', not '${opts.only}'.`);
    } else if (a === '--keep') opts.keep = true;
    else if (a === '--help' || a === '-h') {
      console.log(HELP);
      process.exit(0);
    } else fail(`Unknown option ${a}.`);
  }
  if (opts.file && !existsSync(opts.file)) fail(`No such file: ${opts.file}`);
  return opts;
}

function positive(name, text) {
  const n = Number(text.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 1) fail(`${name} takes a whole number above 0, not '${text}'.`);
  return n;
}

function fail(message) {
  console.error(message + '\n\n' + HELP);
  process.exit(2);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
};

/** Serves the built page, DuckDB's files from node_modules and the CSV (streamed: it may be 1 GB). */
function serve(csvPath) {
  const fileFor = (pathname) => {
    if (pathname === '/data.csv') return csvPath;
    const [root, rest] = pathname.startsWith('/duckdb/')
      ? [DUCKDB_DIST, pathname.slice('/duckdb/'.length)]
      : [OUT_DIR, pathname === '/' ? 'index.html' : pathname.slice(1)];
    const path = normalize(join(root, rest));
    return path.startsWith(root + sep) ? path : null;
  };
  const server = createServer((req, res) => {
    const path = fileFor(decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname));
    const info = path && existsSync(path) ? statSync(path) : null;
    if (!info?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': 'no-store',
    });
    createReadStream(path).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${server.address().port}/` })));
}

const ms = (v) => (v === undefined ? '–' : `${Math.round(v).toLocaleString('en-US')} ms`);
const mib = (bytes) => (bytes === undefined || Number.isNaN(bytes) ? '–' : `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB`);
const pad = (s, n) => String(s).padStart(n);
/** The long-task API reports only tasks over 50 ms, so none seen means every task was shorter. */
const task = (v) => (v > 0 ? ms(v) : '< 50 ms');

/** One timed run of one side, with the memory it added and the longest main-thread task meanwhile. */
async function measure(page, side, timeoutMs) {
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  await resetLongTasks(page);
  const sampler = canSample ? startSampling(process.pid) : null;
  let result;
  let error;
  let timer;
  try {
    const run = page.evaluate((s) => (s === 'lathe' ? window.bench.runLathe() : window.bench.runDuckDB()), side);
    run.catch(() => {}); // after a time-out it rejects when the page is replaced; the race has already reported
    const limit = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`gave up after ${timeoutMs / 1000} s`)), timeoutMs);
    });
    result = await Promise.race([run, limit]);
  } catch (err) {
    error = String(err?.message ?? err).split('\n')[0];
  } finally {
    clearTimeout(timer);
  }
  const memory = sampler?.stop() ?? { baseline: {}, peak: {}, hwmReset: false };
  const tasks = page.isClosed() ? [] : await longTasks(page).catch(() => []);
  const longestTaskMs = tasks.length ? Math.max(...tasks) : 0;
  const added = {
    renderer: memory.peak.renderer - memory.baseline.renderer,
    all: memory.peak.all - memory.baseline.all,
  };
  if (error) return { side, error, memory: added, memoryExact: memory.hwmReset, longestTaskMs };
  const totalMs = side === 'lathe' ? result.wallMs : result.loadMs + result.summarizeMs;
  return { side, ...result, totalMs, memory: added, memoryExact: memory.hwmReset, longestTaskMs };
}

function describeRun(i, run) {
  const what = run.side === 'lathe' ? 'Lathe ' : 'DuckDB';
  if (run.error) return `  run ${i + 1} ${what}: FAILED: ${run.error}`;
  const parts =
    run.side === 'lathe'
      ? `parse ${ms(run.parseMs)} + profile ${ms(run.profileMs)}`
      : `load ${ms(run.loadMs)} + summarize ${ms(run.summarizeMs)}`;
  return (
    `  run ${i + 1} ${what}: ${ms(run.totalMs)} (${parts}; startup ${ms(run.startupMs)} not counted), ` +
    `+${mib(run.memory.renderer)} renderer, longest main-thread task ${task(run.longestTaskMs)}`
  );
}

/** Lathe's missing counts per column against SUMMARIZE's null percentages: a check that both read the same table. */
function crossCheck(lathe, duck) {
  const notes = [];
  if (lathe.rows !== duck.rows) notes.push(`row counts differ: Lathe ${lathe.rows}, DuckDB ${duck.rows}`);
  const columns = lathe.profile?.columns ?? [];
  let compared = 0;
  for (const s of duck.summary) {
    const c = columns.find((col) => col.name === s.column);
    if (!c) {
      notes.push(`column ${s.column} is missing from Lathe's profile`);
      continue;
    }
    compared++;
    const share = (100 * c.missing) / lathe.rows;
    // SUMMARIZE rounds null_percentage to 2 decimals.
    if (Math.abs(share - s.nullPercentage) > 0.006) {
      notes.push(`${s.column}: missing ${share.toFixed(2)}% in Lathe, ${s.nullPercentage}% in DuckDB`);
    }
  }
  return { compared, notes };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const data = opts.file
    ? { path: opts.file, bytes: statSync(opts.file).size, cached: true }
    : syntheticCsv(opts.rows, CACHE_DIR);
  const name = basename(data.path);
  console.log(
    `Data: ${data.path}\n  ${(data.bytes / 1e6).toFixed(1)} MB (${data.bytes.toLocaleString('en-US')} bytes)` +
      (data.sha256 ? `, ${data.rows.toLocaleString('en-US')} rows × ${data.columns} columns, sha256 ${data.sha256.slice(0, 16)}…` : '') +
      (opts.file ? '' : data.cached ? ' (cached)' : ' (generated)'),
  );

  const b0 = performance.now();
  await build({ configFile: resolve('test/bench/profile/vite.config.ts') });
  console.log(`Bench page built into ${OUT_DIR} in ${ms(performance.now() - b0)}`);

  const { server, url } = await serve(data.path);
  const profileDir = mkdtempSync(join(tmpdir(), 'lathe-bench-'));
  // Playwright ends Chromium when Node exits; the profile directory is ours to remove on Ctrl+C.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      if (!opts.keep) rmSync(profileDir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  const browser = await openBrowser(profileDir);
  const runs = [];
  let fatal = null;
  try {
    const page = await browser.page();
    let crashed = false;
    page.on('crash', () => (crashed = true));
    page.on('console', (m) => m.type() === 'error' && console.log(`  [page] ${m.text()}`));
    await installLongTaskObserver(page);
    const openPage = async () => {
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]');
      const f0 = performance.now();
      await page.evaluate(([u, n]) => window.bench.fetchData(u, n), [url + 'data.csv', name]);
      return performance.now() - f0;
    };
    const fetchMs = await openPage();
    const chromium = (await page.evaluate(() => navigator.userAgent)).match(/Chrome\/([\d.]+)/)?.[1];
    console.log(`Chromium ${chromium}; ${cpus().length} CPUs, ${mib(totalmem())} RAM`);
    console.log(`Fetched into a Blob in ${ms(fetchMs)} (not timed)\n`);

    const sides = opts.only ? [opts.only] : ['lathe', 'duckdb'];
    for (let r = 0; r < opts.runs && !crashed; r++) {
      // Alternate who goes first, so neither always runs on a warmer (or more fragmented) page.
      const order = r % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) {
        if (crashed) break;
        const run = await measure(page, side, opts.timeout * 1000);
        if (crashed) run.error = (run.error ?? '') + ' (the page crashed, probably out of memory)';
        runs.push(run);
        console.log(describeRun(r, run));
        // A run that timed out may still be busy in its worker: a fresh page stops it before the next run.
        if (run.error && !crashed) await openPage();
      }
    }
  } catch (err) {
    fatal = err;
  } finally {
    if (opts.keep) {
      await browser.context.close();
      console.log(`\nBrowser profile kept in ${profileDir}`);
    } else await browser.close();
    server.close();
  }
  if (fatal) throw fatal;

  const best = (side) =>
    runs.filter((r) => r.side === side && !r.error).sort((a, b) => a.totalMs - b.totalMs)[0];
  const worst = (side, f) => Math.max(0, ...runs.filter((r) => r.side === side).map(f));
  const lathe = best('lathe');
  const duck = best('duckdb');
  const tried = (side) => runs.some((r) => r.side === side);
  const latheMem = { renderer: worst('lathe', (r) => r.memory.renderer), all: worst('lathe', (r) => r.memory.all) };
  const duckMem = { renderer: worst('duckdb', (r) => r.memory.renderer), all: worst('duckdb', (r) => r.memory.all) };
  const latheTask = worst('lathe', (r) => r.longestTaskMs);
  const duckTask = worst('duckdb', (r) => r.longestTaskMs);
  const ratio = lathe && duck ? lathe.totalMs / duck.totalMs : null;

  const line = (label, time, memory, longest) =>
    `${label.padEnd(20)}${pad(time, 12)}${pad(memory, 26)}${pad(longest, 20)}`;
  console.log(`\nBest of ${opts.runs} run${opts.runs === 1 ? '' : 's'} per side (order alternated); memory and longest task: worst run.`);
  if (!canSample) console.log('(No /proc here: memory is not measured.)');
  else if (runs.some((r) => !r.memoryExact)) console.log('(Renderer peak polled every 100 ms: resetting its VmHWM was not permitted.)');
  console.log(line('', 'time', 'peak memory added', 'longest main task'));
  console.log(line('', '', 'renderer / all Chromium', ''));
  if (tried('lathe')) {
    console.log(line('Lathe    parse', ms(lathe?.parseMs), '', ''));
    console.log(line('         profile', ms(lathe?.profileMs), '', ''));
    console.log(line('         total', ms(lathe?.totalMs), `${mib(latheMem.renderer)} / ${mib(latheMem.all)}`, task(latheTask)));
  }
  if (tried('duckdb')) {
    console.log(line('DuckDB   load', ms(duck?.loadMs), '', ''));
    console.log(line('         summarize', ms(duck?.summarizeMs), '', ''));
    console.log(line('         total', ms(duck?.totalMs), `${mib(duckMem.renderer)} / ${mib(duckMem.all)}`, task(duckTask)));
  }
  if (lathe) {
    const p = lathe.profile;
    const types = {};
    for (const c of p.columns) types[c.type] = (types[c.type] ?? 0) + 1;
    console.log(
      `Lathe: ${lathe.rows.toLocaleString('en-US')} rows × ${lathe.columns} columns (` +
        Object.entries(types).map(([t, n]) => `${n} ${t}`).join(', ') +
        `); profile: ${p.alerts} alerts, ` +
        `${p.duplicates} duplicate rows, correlations over ${p.correlated} columns`,
    );
  }
  if (duck) console.log(`DuckDB-WASM bundle: ${duck.bundle}; ${duck.rows.toLocaleString('en-US')} rows`);
  const goalMet = ratio !== null && ratio <= GOAL;
  if (ratio !== null) {
    console.log(`Ratio Lathe / DuckDB: ${ratio.toFixed(2)} (goal ≤ ${GOAL}): ${goalMet ? 'goal met' : 'goal NOT met'}`);
    const check = crossCheck(lathe, duck);
    console.log(
      check.notes.length
        ? `Cross-check against SUMMARIZE: ${check.notes.length} difference(s):\n  ${check.notes.join('\n  ')}`
        : `Cross-check against SUMMARIZE: rows and missing share agree on all ${check.compared} columns`,
    );
  }
  if (tried('lathe')) {
    const ok = latheTask <= LONG_TASK_LIMIT_MS;
    console.log(`Main thread during Lathe's runs: longest task ${task(latheTask)} (limit ${LONG_TASK_LIMIT_MS} ms): ${ok ? 'ok' : 'TOO LONG'}`);
  }
  for (const r of runs.filter((r) => r.error)) console.log(`${r.side} failed: ${r.error}`);
  console.log(`Whole benchmark: ${((performance.now() - started) / 1000).toFixed(0)} s`);

  const round = (v) => (v === undefined ? null : Math.round(v));
  const summary = {
    bench: 'profile',
    rows: lathe?.rows ?? duck?.rows ?? data.rows ?? null,
    bytes: data.bytes,
    runs: opts.runs,
    lathe: lathe
      ? { parseMs: round(lathe.parseMs), profileMs: round(lathe.profileMs), totalMs: round(lathe.totalMs), peakMiB: round(latheMem.renderer / 2 ** 20), longestTaskMs: round(latheTask) }
      : null,
    duckdb: duck
      ? { loadMs: round(duck.loadMs), summarizeMs: round(duck.summarizeMs), totalMs: round(duck.totalMs), peakMiB: round(duckMem.renderer / 2 ** 20), longestTaskMs: round(duckTask) }
      : null,
    ratio: ratio === null ? null : Number(ratio.toFixed(3)),
    goal: GOAL,
    goalMet,
  };
  console.log('\n' + JSON.stringify(summary));
  // A benchmark, not a test: a missed goal still exits 0; only Lathe failing to finish does not.
  process.exitCode = tried('lathe') && !lathe ? 1 : 0;
}

await main();
