// The bench page: holds the CSV as a Blob and runs one side at a time when the Node driver asks (window.bench).
import type { Profile } from '../../../src/core/profile/types.ts';
import { duckdbSummarize, type DuckDBRun } from './duckdb-summarize.ts';
import type { LatheReply, LatheRequest } from './messages.ts';

export interface LatheRun {
  /** Worker start and the warm-up run: not part of the timed run, shown for context. */
  startupMs: number;
  parseMs: number;
  profileMs: number;
  /** Main thread, from postMessage to the profile's arrival (so it includes copying the profile back). */
  wallMs: number;
  rows: number;
  columns: number;
  profile: ProfileDigest;
}

/**
 * What the driver needs from the profile. Returning the whole profile through page.evaluate would
 * serialize it on the main thread and show up as a long task that the app itself never has.
 */
export interface ProfileDigest {
  alerts: number;
  duplicates: number;
  correlated: number;
  columns: { name: string; type: string; missing: number }[];
}

function digest(p: Profile): ProfileDigest {
  return {
    alerts: p.alerts.length,
    duplicates: p.duplicates,
    correlated: p.correlations.columns.length,
    columns: p.columns.map((c) => ({ name: c.name, type: c.type, missing: c.missing })),
  };
}

/** Bytes from the start of the file (cut at a line end) that each side loads and profiles untimed first. */
const WARMUP_BYTES = 1 << 20;

export interface BenchData {
  blob: Blob;
  name: string;
  warmup: Blob;
}

let data: BenchData | null = null;

function log(line: string): void {
  document.getElementById('log')!.textContent += line + '\n';
}

function held(): BenchData {
  if (!data) throw new Error('No data yet: call bench.fetchData(url) first.');
  return data;
}

async function fetchData(url: string, name: string): Promise<number> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Fetching ${url} failed: HTTP ${response.status}`);
  const blob = await response.blob();
  const head = new Uint8Array(await blob.slice(0, WARMUP_BYTES).arrayBuffer());
  const cut = blob.size <= WARMUP_BYTES ? blob.size : head.lastIndexOf(10) + 1;
  data = { blob, name, warmup: blob.slice(0, cut || blob.size) };
  log(`${name}: ${blob.size} bytes`);
  return blob.size;
}

/** Sends one request to the worker and waits for its reply. */
function ask(worker: Worker, request: LatheRequest): Promise<LatheReply> {
  return new Promise((resolve, reject) => {
    worker.onerror = (e) => reject(new Error(`Lathe worker failed: ${e.message}`));
    worker.onmessage = (e: MessageEvent<LatheReply>) => resolve(e.data);
    worker.postMessage(request);
  });
}

async function runLathe(): Promise<LatheRun> {
  const { blob, name, warmup } = held();
  const s0 = performance.now();
  const worker = new Worker(new URL('./lathe.worker.ts', import.meta.url), { type: 'module' });
  try {
    const warm = await ask(worker, { blob: warmup, name });
    if (!warm.ok) throw new Error(`Warm-up failed: ${warm.message}`);
    const startupMs = performance.now() - s0;
    const t0 = performance.now();
    const reply = await ask(worker, { blob, name });
    const wallMs = performance.now() - t0;
    if (!reply.ok) throw new Error(reply.message);
    log(`Lathe: ${wallMs.toFixed(0)} ms`);
    const { parseMs, profileMs, rows, columns, profile } = reply;
    return { startupMs, parseMs, profileMs, wallMs, rows, columns, profile: digest(profile) };
  } finally {
    worker.terminate();
  }
}

async function runDuckDB(): Promise<DuckDBRun> {
  const { blob, warmup } = held();
  const run = await duckdbSummarize(blob, warmup);
  log(`DuckDB: ${(run.loadMs + run.summarizeMs).toFixed(0)} ms`);
  return run;
}

const bench = { fetchData, runLathe, runDuckDB };
export type Bench = typeof bench;
(window as unknown as { bench: Bench }).bench = bench;
document.body.dataset.ready = 'true';
