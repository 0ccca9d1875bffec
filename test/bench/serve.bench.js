#!/usr/bin/env node
// Benchmarks `lathe serve` (a child process on loopback) against onnxruntime-node's session.run called directly here.
// Usage: node test/bench/serve.bench.js [--requests N] [--warmup N] [--concurrency C] [--concurrent-requests N]
//
// Four ways to get the same answer for the same rows, timed request by request, interleaved so machine
// noise falls on all alike:
//   direct       session.run on ready-made tensors, in this process (the floor for any server);
//   in-process   the server's own work without HTTP: JSON.parse, decodeRequest, session.run, encodeResponse;
//   HTTP floor   a bare node:http child that reads the body and answers a reply of the same size: transport only;
//   lathe serve  the real thing: `node bin/lathe.js serve bundle.zip --port 0`, keep-alive connection.
// Then a throughput run: C connections each sending requests back to back.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { register } from 'tsx/esm/api';

register();
const ort = await import('onnxruntime-node');
const { SESSION_OPTIONS } = await import('../../src/server/serve/repository.ts');
const { decodeRequest, encodeResponse, signatureOf } = await import('../../src/server/serve/tensors.ts');

const P99_GOAL_MS = 5;
const RATIO_GOAL = 2;
const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const MODEL = join(ROOT, 'test/fixtures/serve/classifier.onnx');
/** The `lathe` executable; LATHE_BIN points the bench at another build of it. */
const LATHE_BIN = process.env.LATHE_BIN ?? join(ROOT, 'bin/lathe.js');

const HELP = `Usage: npm run bench:serve -- [options]
  --requests N             timed sequential requests per batch size and way (default 2000)
  --warmup N               untimed requests first (default 200)
  --concurrency C          connections in the throughput run (default 8)
  --concurrent-requests N  requests in the throughput run, per batch size (default 4000)`;

function parseArgs(argv) {
  const opts = { requests: 2000, warmup: 200, concurrency: 8, concurrentRequests: 4000 };
  const keys = { '--requests': 'requests', '--warmup': 'warmup', '--concurrency': 'concurrency', '--concurrent-requests': 'concurrentRequests' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(HELP);
      process.exit(0);
    }
    const key = keys[a];
    if (key === undefined) fail(`Unknown option ${a}.`);
    const n = Number(argv[++i]);
    if (!Number.isInteger(n) || n < (key === 'warmup' ? 0 : 1)) fail(`${a} takes a whole number${key === 'warmup' ? '' : ' above 0'}.`);
    opts[key] = n;
  }
  return opts;
}

function fail(message) {
  console.error(message + '\n\n' + HELP);
  process.exit(2);
}

/** `n` rows like the penguins the classifier was made for, cycling through islands (one unseen) and a missing value. */
function rows(n) {
  const islands = ['Biscoe', 'Dream', 'Torgersen', 'Atlantis'];
  const bill = [];
  const flipper = [];
  const island = [];
  for (let i = 0; i < n; i++) {
    bill.push(i % 17 === 16 ? null : 35 + ((i * 7) % 200) / 10);
    flipper.push(175 + ((i * 13) % 500) / 10);
    island.push(islands[i % islands.length]);
  }
  return { bill, flipper, island };
}

function requestBody(n) {
  const r = rows(n);
  return JSON.stringify({
    id: 'bench',
    inputs: [
      { name: 'bill_length_mm', shape: [n, 1], datatype: 'FP32', data: r.bill },
      { name: 'flipper_length_mm', shape: [n, 1], datatype: 'FP32', data: r.flipper },
      { name: 'island', shape: [n, 1], datatype: 'BYTES', data: r.island },
    ],
  });
}

/** The feeds session.run gets when called directly: typed arrays made once, tensors wrapped per call as any caller would. */
function directFeeds(n) {
  const r = rows(n);
  const bill = Float32Array.from(r.bill, (v) => (v === null ? NaN : v));
  const flipper = Float32Array.from(r.flipper);
  return () => ({
    bill_length_mm: new ort.Tensor('float32', bill, [n, 1]),
    flipper_length_mm: new ort.Tensor('float32', flipper, [n, 1]),
    island: new ort.Tensor('string', r.island, [n, 1]),
  });
}

function writeBundle(dir) {
  // The same metadata.json the server tests use.
  const metadata = readFileSync(join(dirname(MODEL), 'penguins.metadata.json'));
  const path = join(dir, 'penguins.zip');
  writeFileSync(path, zipSync({ 'model.onnx': readFileSync(MODEL), 'metadata.json': metadata }));
  return path;
}

/** Starts a child that prints "listening <url>" (or lathe's "Serving on <url>") and resolves with the URL. */
function startChild(args, pattern) {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const url = new Promise((resolveUrl, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m) resolveUrl(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before listening:\n${err}`)));
  });
  return { child, url };
}

/** A bare node:http server: reads the body, answers a fixed reply of the size given in the path. */
const FLOOR_SOURCE = `
const http = require('node:http');
const replies = new Map();
const s = http.createServer({ keepAliveTimeout: 65000, noDelay: true }, (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const n = Number(req.url.slice(1));
    let body = replies.get(n);
    if (body === undefined) replies.set(n, (body = JSON.stringify({ pad: 'x'.repeat(Math.max(0, n - 10)) })));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  });
});
s.listen(0, '127.0.0.1', () => console.log('listening http://127.0.0.1:' + s.address().port));
`;

function post(agent, url, body) {
  return new Promise((resolvePost, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) reject(new Error(`${url}: HTTP ${res.statusCode} ${text}`));
        else resolvePost(JSON.parse(text));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const now = () => process.hrtime.bigint();
const msSince = (t) => Number(now() - t) / 1e6;

function stats(times) {
  const sorted = Float64Array.from(times).sort();
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return { p50: q(0.5), p99: q(0.99), mean, perSecond: 1000 / mean };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'lathe-serve-bench-'));
  const bundle = writeBundle(dir);
  const lathe = startChild([LATHE_BIN, 'serve', bundle, '--port', '0'], /Serving on (http:\/\/\S+)/);
  const floor = startChild(['-e', FLOOR_SOURCE], /listening (http:\/\/\S+)/);
  const stopAll = () => {
    lathe.child.kill('SIGINT');
    floor.child.kill('SIGTERM');
  };
  try {
    const [latheUrl, floorUrl] = await Promise.all([lathe.url, floor.url]);
    const session = await ort.InferenceSession.create(readFileSync(MODEL), SESSION_OPTIONS);
    const signature = signatureOf(session);
    const inferUrl = `${latheUrl}/v2/models/penguins/infer`;
    console.log(`lathe serve on ${latheUrl}; onnxruntime-node ${ort.env.versions.node ?? ''}; Node ${process.version}; ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average ${loadavg()[0].toFixed(1)} at the start`);
    console.log(`${opts.requests} timed sequential requests per row count after ${opts.warmup} warm-up, the four ways interleaved; one keep-alive connection each.\n`);

    const results = {};
    for (const n of [1, 100]) {
      const body = requestBody(n);
      const feeds = directFeeds(n);
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      // The floor answers with as many bytes as lathe does, so both move the same data.
      const reply = JSON.stringify(await post(agent, inferUrl, body));
      const floorTarget = `${floorUrl}/${reply.length}`;
      const ways = {
        direct: async () => {
          await session.run(feeds());
        },
        'in-process': async () => {
          const decoded = decodeRequest(JSON.parse(body), signature, body.length);
          const out = await session.run(decoded.feeds, decoded.fetches);
          JSON.parse(encodeResponse('penguins', '1', decoded.id, decoded.fetches, out));
        },
        'HTTP floor': () => post(agent, floorTarget, body),
        'lathe serve': () => post(agent, inferUrl, body),
      };
      const times = Object.fromEntries(Object.keys(ways).map((k) => [k, []]));
      for (let i = 0; i < opts.warmup + opts.requests; i++) {
        for (const [name, fn] of Object.entries(ways)) {
          const t = now();
          await fn();
          if (i >= opts.warmup) times[name].push(msSince(t));
        }
      }
      agent.destroy();
      results[n] = { sequential: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, stats(v)])), bytes: { request: body.length, reply: reply.length } };

      // Throughput: C connections, each sending its next request as soon as the last reply arrives.
      const throughput = {};
      for (const [name, url] of [['HTTP floor', floorTarget], ['lathe serve', inferUrl]]) {
        const many = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
        let left = opts.concurrentRequests;
        const t = now();
        await Promise.all(
          Array.from({ length: opts.concurrency }, async () => {
            while (left-- > 0) await post(many, url, body);
          }),
        );
        const seconds = msSince(t) / 1000;
        many.destroy();
        throughput[name] = opts.concurrentRequests / seconds;
      }
      let left = opts.concurrentRequests;
      const t = now();
      while (left-- > 0) await session.run(feeds());
      throughput.direct = opts.concurrentRequests / (msSince(t) / 1000);
      results[n].throughput = throughput;
    }
    report(results, opts);
  } finally {
    stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(results, opts) {
  console.log(`load average ${loadavg()[0].toFixed(1)} at the end (above the CPU count, the machine was busy with other work and the tails show it)\n`);
  const f = (v, d = 3) => v.toFixed(d).padStart(9);
  const lines = [];
  lines.push(`${'rows'.padEnd(5)} ${'way'.padEnd(12)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'mean ms'.padStart(9)} ${'req/s seq'.padStart(10)} ${`req/s ×${opts.concurrency}`.padStart(10)} ${'rows/s ×C'.padStart(11)}`);
  for (const [n, r] of Object.entries(results)) {
    for (const [way, s] of Object.entries(r.sequential)) {
      const tp = r.throughput[way];
      lines.push(
        `${String(n).padEnd(5)} ${way.padEnd(12)} ${f(s.p50)} ${f(s.p99)} ${f(s.mean)} ${s.perSecond.toFixed(0).padStart(10)} ${(tp === undefined ? '' : tp.toFixed(0)).padStart(10)} ${(tp === undefined ? '' : (tp * Number(n)).toFixed(0)).padStart(11)}`,
      );
    }
    lines.push(`      request ${r.bytes.request} B, reply ${r.bytes.reply} B`);
  }
  console.log(lines.join('\n'));
  console.log('(the direct row\'s ×C column is session.run back to back in this process: onnxruntime runs one request at a time per session)\n');

  const summary = { bench: 'serve', requests: opts.requests, concurrency: opts.concurrency, goals: {}, results: {} };
  for (const [n, r] of Object.entries(results)) {
    const s = r.sequential;
    const ratio50 = s['lathe serve'].p50 / s.direct.p50;
    const ratio99 = s['lathe serve'].p99 / s.direct.p99;
    const overHttp = s['lathe serve'].p50 - s['HTTP floor'].p50;
    console.log(
      `${n} row${n === '1' ? '' : 's'}: lathe serve / direct = ${ratio50.toFixed(1)}× at p50, ${ratio99.toFixed(1)}× at p99; ` +
        `lathe serve − HTTP floor = ${(overHttp * 1000).toFixed(0)} µs at p50 (in-process server work: ${(s['in-process'].p50 * 1000).toFixed(0)} µs, of which session.run ${(s.direct.p50 * 1000).toFixed(0)} µs)`,
    );
    summary.results[n] = {
      p50Ms: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Number(v.p50.toFixed(4))])),
      p99Ms: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Number(v.p99.toFixed(4))])),
      throughput: Object.fromEntries(Object.entries(r.throughput).map(([k, v]) => [k, Math.round(v)])),
      ratioP50: Number(ratio50.toFixed(2)),
      ratioP99: Number(ratio99.toFixed(2)),
    };
  }
  const p99 = results[1].sequential['lathe serve'].p99;
  const ratio = results[1].sequential['lathe serve'].p50 / results[1].sequential.direct.p50;
  summary.goals = { p99OneRowMs: Number(p99.toFixed(3)), p99Goal: P99_GOAL_MS, p99Met: p99 <= P99_GOAL_MS, ratioOneRow: Number(ratio.toFixed(2)), ratioGoal: RATIO_GOAL, ratioMet: ratio <= RATIO_GOAL };
  console.log(`\nGoal p99 ≤ ${P99_GOAL_MS} ms for one row: ${p99.toFixed(3)} ms: ${p99 <= P99_GOAL_MS ? 'goal met' : 'goal NOT met'}`);
  console.log(`Goal lathe serve ≤ ${RATIO_GOAL}× direct (one row, p50): ${ratio.toFixed(1)}×: ${ratio <= RATIO_GOAL ? 'goal met' : 'goal NOT met'}`);
  console.log('\n' + JSON.stringify(summary));
}

await main();
