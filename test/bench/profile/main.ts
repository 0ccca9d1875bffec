// The bench page: holds the CSV as a Blob and runs one side at a time when the Node driver asks (window.bench).
import { duckdbSummarize, type DuckDBRun } from './duckdb-summarize.ts';
import type { LatheReply, LatheRequest } from './messages.ts';

export interface LatheRun {
  loader: string;
  /** Worker start and module load: not part of the timed run, shown for context. */
  startupMs: number;
  parseMs: number;
  profileMs: number;
  /** Main thread, from postMessage to the profile's arrival (so it includes copying the profile back). */
  wallMs: number;
  rows: number;
  columns: number;
  profile: unknown;
}

let data: { blob: Blob; name: string } | null = null;

function log(line: string): void {
  document.getElementById('log')!.textContent += line + '\n';
}

function held(): { blob: Blob; name: string } {
  if (!data) throw new Error('No data yet: call bench.fetchData(url) first.');
  return data;
}

async function fetchData(url: string, name: string): Promise<number> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Fetching ${url} failed: HTTP ${response.status}`);
  data = { blob: await response.blob(), name };
  log(`${name}: ${data.blob.size} bytes`);
  return data.blob.size;
}

async function runLathe(): Promise<LatheRun> {
  const { blob, name } = held();
  const s0 = performance.now();
  const worker = new Worker(new URL('./lathe.worker.ts', import.meta.url), { type: 'module' });
  try {
    let startupMs = 0;
    let t0 = 0;
    const reply = await new Promise<LatheReply>((resolve, reject) => {
      worker.onerror = (e) => reject(new Error(`Lathe worker failed: ${e.message}`));
      worker.onmessage = (e: MessageEvent<LatheReply | 'ready'>) => {
        if (e.data !== 'ready') return resolve(e.data);
        startupMs = performance.now() - s0;
        t0 = performance.now();
        worker.postMessage({ blob, name } satisfies LatheRequest);
      };
    });
    const wallMs = performance.now() - t0;
    if (!reply.ok) throw new Error(reply.message);
    log(`Lathe: ${wallMs.toFixed(0)} ms`);
    const { ok: _ok, ...rest } = reply;
    return { ...rest, startupMs, wallMs };
  } finally {
    worker.terminate();
  }
}

async function runDuckDB(): Promise<DuckDBRun> {
  const { blob, name } = held();
  const run = await duckdbSummarize(blob, name);
  log(`DuckDB: ${(run.loadMs + run.summarizeMs).toFixed(0)} ms`);
  return run;
}

const bench = { fetchData, runLathe, runDuckDB };
export type Bench = typeof bench;
(window as unknown as { bench: Bench }).bench = bench;
document.body.dataset.ready = 'true';
