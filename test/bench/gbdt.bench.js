#!/usr/bin/env node
// Benchmarks Lathe's gradient-boosted trees (src/core/gbdt) against scikit-learn's HistGradientBoostingClassifier on the same data, same parameters.
// Usage: node test/bench/gbdt.bench.js [--rows N] [--features D] [--runs N] [--only synthetic|digits] [--sklearn both|default|1]
//
// Two problems: a seeded synthetic binary problem (default 200,000 × 20, 2% missing values in four
// features, plus 50,000 test rows from the same generator) and digits (test/fixtures/gbdt.digits.csv, all
// 1,797 rows × 64, 10 classes). Both sides fit with scikit-learn's defaults except early stopping, which is
// off so that both fit exactly max_iter = 100 iterations (digits is below 'auto''s 10,000 rows anyway).
// The data goes to scikit-learn as raw float64 files (np.fromfile), so both read the same numbers.
// Lathe runs in this process (Node, one thread); scikit-learn runs in /usr/bin/python3, once with its
// default OpenMP threads and once with OMP_NUM_THREADS=1 (--sklearn picks one). Each side's best of --runs
// fits is reported (wall time, and CPU time of the process during the fit), with the ratio Lathe /
// scikit-learn. On a machine busier than its core count, OpenMP's spinning threads make the default run
// very slow (digits: minutes instead of seconds); the one-thread run is the steadier yardstick there.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const { trainGbdt } = await import('../../src/core/gbdt/train.ts');
const { predictClass } = await import('../../src/core/gbdt/predict.ts');
const { createRng } = await import('../../src/core/random.ts');

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const PYTHON = '/usr/bin/python3';
const PARAMS = { learningRate: 0.1, maxIter: 100, maxLeafNodes: 31, minSamplesLeaf: 20, l2Regularization: 0, maxBins: 255, earlyStopping: false };

function parseArgs(argv) {
  const opts = { rows: 200_000, features: 20, runs: 2, only: null, sklearn: 'both' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--rows') opts.rows = Number(v());
    else if (a === '--features') opts.features = Number(v());
    else if (a === '--runs') opts.runs = Number(v());
    else if (a === '--only') opts.only = v();
    else if (a === '--sklearn') opts.sklearn = v();
    else {
      console.error(`Unknown option ${a}\nUsage: node test/bench/gbdt.bench.js [--rows N] [--features D] [--runs N] [--only synthetic|digits] [--sklearn both|default|1]`);
      process.exit(2);
    }
  }
  if (!['both', 'default', '1'].includes(opts.sklearn)) {
    console.error(`--sklearn takes both, default or 1, not '${opts.sklearn}'`);
    process.exit(2);
  }
  return opts;
}

/** Row-major X with a nonlinear, noisy binary target; features 0–3 have 2% missing values. */
function synthetic(n, d, seed) {
  const rng = createRng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const X = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let f = 0; f < d; f++) X[row + f] = f % 5 === 4 ? Math.floor(rng() * 6) : normal();
    const x = (f) => X[row + f];
    const score = 1.2 * x(0) - 0.8 * x(1) * x(2) + Math.sin(2 * x(3)) + 0.5 * (x(4) - 2.5) + 0.6 * Math.abs(x(5)) - 0.5 + 0.7 * normal();
    y[i] = score > 0 ? 1 : 0;
    for (let f = 0; f < Math.min(4, d); f++) if (rng() < 0.02) X[row + f] = NaN;
  }
  return { X, y, n, d };
}

function loadDigits() {
  const lines = readFileSync(join(ROOT, 'test/fixtures/gbdt.digits.csv'), 'utf8').trim().split('\n');
  const d = lines[0].split(',').length - 2;
  const n = lines.length - 1;
  const X = new Float64Array(n * d);
  const y = new Float64Array(n);
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(',').map(Number);
    X.set(cells.slice(0, d), i * d);
    y[i] = cells[d];
  });
  return { X, y, n, d };
}

async function timeLathe(data, test, runs) {
  let best = null;
  for (let r = 0; r < runs; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const fit = await trainGbdt(data.X, data.n, data.d, data.y, { task: 'classification', ...PARAMS });
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const run = { wallMs: wall, cpuMs: (cpu.user + cpu.system) / 1000, nIter: fit.model.nIter, fit };
    console.log(`  lathe run ${r + 1}: ${fmt(run.wallMs)} wall, ${fmt(run.cpuMs)} CPU`);
    if (!best || run.wallMs < best.wallMs) best = run;
  }
  const accuracy = test ? accuracyOf(predictClass(best.fit.model, test.X, test.n), test.y) : null;
  return { wallMs: best.wallMs, cpuMs: best.cpuMs, nIter: best.nIter, accuracy };
}

const SKLEARN = `
import json, sys, time, resource
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from threadpoolctl import threadpool_info
d, n, n_test, runs = (int(a) for a in sys.argv[2:6])
X = np.fromfile(sys.argv[1] + '/X.f64', dtype='<f8').reshape(n, d)
y = np.fromfile(sys.argv[1] + '/y.f64', dtype='<f8')
best = None
for r in range(runs):
    model = HistGradientBoostingClassifier(learning_rate=0.1, max_iter=100, max_leaf_nodes=31, min_samples_leaf=20,
        l2_regularization=0.0, max_bins=255, early_stopping=False, random_state=0)
    c0 = resource.getrusage(resource.RUSAGE_SELF); t0 = time.perf_counter()
    model.fit(X, y)
    t1 = time.perf_counter(); c1 = resource.getrusage(resource.RUSAGE_SELF)
    run = {'wallMs': (t1 - t0) * 1000, 'cpuMs': (c1.ru_utime - c0.ru_utime + c1.ru_stime - c0.ru_stime) * 1000, 'nIter': int(model.n_iter_)}
    print('  sklearn run %d: %.0f ms wall, %.0f ms CPU' % (r + 1, run['wallMs'], run['cpuMs']), file=sys.stderr)
    if best is None or run['wallMs'] < best['wallMs']:
        best, best_model = run, model
if n_test:
    Xt = np.fromfile(sys.argv[1] + '/Xt.f64', dtype='<f8').reshape(n_test, d)
    yt = np.fromfile(sys.argv[1] + '/yt.f64', dtype='<f8')
    best['accuracy'] = float((best_model.predict(Xt) == yt).mean())
else:
    best['accuracy'] = None
best['threads'] = max([i.get('num_threads', 1) for i in threadpool_info() if i.get('user_api') == 'openmp'] or [1])
print(json.dumps(best))
`;

function timeSklearn(dir, data, test, runs, threads) {
  const env = { ...process.env };
  if (threads) env.OMP_NUM_THREADS = String(threads);
  else delete env.OMP_NUM_THREADS;
  const out = execFileSync(PYTHON, ['-c', SKLEARN, dir, String(data.d), String(data.n), String(test ? test.n : 0), String(runs)], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').at(-1));
}

function writeData(dir, data, test) {
  const bytes = (a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  // Float64Array bytes are in the machine's order, which np.fromfile('<f8') reads on little-endian machines.
  writeFileSync(join(dir, 'X.f64'), bytes(data.X));
  writeFileSync(join(dir, 'y.f64'), bytes(data.y));
  if (test) {
    writeFileSync(join(dir, 'Xt.f64'), bytes(test.X));
    writeFileSync(join(dir, 'yt.f64'), bytes(test.y));
  }
}

function accuracyOf(pred, y) {
  let hit = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) hit++;
  return hit / y.length;
}

const fmt = (ms) => `${Math.round(ms).toLocaleString('en-US')} ms`;
const pct = (a) => (a === null || a === undefined ? '—' : `${(a * 100).toFixed(2)}%`);

async function bench(name, data, test, runs, dir, which) {
  console.log(`\n${name}: ${data.n.toLocaleString('en-US')} rows × ${data.d} features${test ? `, ${test.n.toLocaleString('en-US')} test rows` : ''}`);
  writeData(dir, data, test);
  const sk = which === '1' ? null : timeSklearn(dir, data, test, runs, null);
  const lathe = await timeLathe(data, test, runs);
  const sk1 = which === 'default' ? null : timeSklearn(dir, data, test, runs, 1);
  const row = (label, r) =>
    `  ${label.padEnd(28)} ${fmt(r.wallMs).padStart(12)} ${fmt(r.cpuMs).padStart(12)} ${String(r.nIter).padStart(6)} ${pct(r.accuracy).padStart(9)}`;
  console.log(`  ${''.padEnd(28)} ${'wall'.padStart(12)} ${'CPU'.padStart(12)} ${'iters'.padStart(6)} ${'accuracy'.padStart(9)}`);
  console.log(row('Lathe (Node, 1 thread)', lathe));
  if (sk) console.log(row(`scikit-learn (${sk.threads} threads)`, sk));
  if (sk1) console.log(row('scikit-learn (1 thread)', sk1));
  const ratio = sk ? lathe.wallMs / sk.wallMs : null;
  const ratio1 = sk1 ? lathe.wallMs / sk1.wallMs : null;
  const parts = [];
  if (sk) parts.push(`${ratio.toFixed(2)} (vs ${sk.threads} threads)`);
  if (sk1) parts.push(`${ratio1.toFixed(2)} (vs 1 thread)`);
  console.log(`  Ratio Lathe / scikit-learn wall time: ${parts.join(', ')}; goal ≤ 2`);
  return { name, rows: data.n, features: data.d, lathe, sklearn: sk, sklearn1: sk1, ratio, ratio1 };
}

const opts = parseArgs(process.argv.slice(2));
console.log(`Machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const dir = mkdtempSync(join(tmpdir(), 'lathe-gbdt-bench-'));
const results = [];
try {
  if (opts.only !== 'digits') {
    const train = synthetic(opts.rows, opts.features, 1);
    const test = synthetic(50_000, opts.features, 2);
    results.push(await bench('Synthetic', train, test, opts.runs, dir, opts.sklearn));
  }
  if (opts.only !== 'synthetic') results.push(await bench('Digits', loadDigits(), null, opts.runs, dir, opts.sklearn));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const summary = results.map(({ name, rows, features, lathe, sklearn, sklearn1, ratio, ratio1 }) => ({
  name,
  rows,
  features,
  latheMs: Math.round(lathe.wallMs),
  latheCpuMs: Math.round(lathe.cpuMs),
  sklearnMs: sklearn ? Math.round(sklearn.wallMs) : null,
  sklearnThreads: sklearn ? sklearn.threads : null,
  sklearn1Ms: sklearn1 ? Math.round(sklearn1.wallMs) : null,
  sklearn1CpuMs: sklearn1 ? Math.round(sklearn1.cpuMs) : null,
  ratio: ratio === null ? null : +ratio.toFixed(3),
  ratio1: ratio1 === null ? null : +ratio1.toFixed(3),
  latheAccuracy: lathe.accuracy,
  sklearnAccuracy: (sklearn ?? sklearn1).accuracy,
}));
console.log('\n' + JSON.stringify({ bench: 'gbdt', loadavg: loadavg()[0], results: summary }));
