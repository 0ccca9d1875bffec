// Bench worker: loads a Blob with Lathe's core loader, profiles the table, and times each stage.
import type { DataSource, LoadOptions, LoadResult } from '../../../src/core/parse/load-types.ts';
import { parseDelimited } from '../../../src/core/parse/parse-delimited.ts';
import { profileTable } from '../../../src/core/profile/profile-table.ts';
import type { Table } from '../../../src/core/table/table.ts';
import type { LatheReply, LatheRequest } from './messages.ts';

interface StreamingLoader {
  loadDelimited(source: DataSource, opts: LoadOptions): Promise<LoadResult>;
  blobSource(blob: Blob, name: string): DataSource;
}

// SWITCH: the streaming loader (load-delimited.ts, sources.ts) is being written alongside this bench. Until
// both files exist the bench falls back to parseDelimited on the whole file read into memory, and says so in
// its output. Once they have landed, replace this with static imports of loadDelimited and blobSource.
const pending = import.meta.glob(['../../../src/core/parse/load-delimited.ts', '../../../src/core/parse/sources.ts']);
async function streamingLoader(): Promise<StreamingLoader | null> {
  const load = pending['../../../src/core/parse/load-delimited.ts'];
  const sources = pending['../../../src/core/parse/sources.ts'];
  if (!load || !sources) return null;
  const [l, s] = await Promise.all([load(), sources()]);
  return { ...(l as Pick<StreamingLoader, 'loadDelimited'>), ...(s as Pick<StreamingLoader, 'blobSource'>) };
}
const loader = await streamingLoader();

async function load(blob: Blob, name: string): Promise<Table> {
  if (loader) return (await loader.loadDelimited(loader.blobSource(blob, name), {})).table;
  return parseDelimited(new Uint8Array(await blob.arrayBuffer()));
}

self.onmessage = async (event: MessageEvent<LatheRequest>) => {
  const { blob, name } = event.data;
  let reply: LatheReply;
  try {
    const t0 = performance.now();
    const table = await load(blob, name);
    const t1 = performance.now();
    const profile = profileTable(table);
    const t2 = performance.now();
    reply = {
      ok: true,
      loader: loader ? 'loadDelimited (streaming)' : 'parseDelimited (fallback: whole file in memory)',
      parseMs: t1 - t0,
      profileMs: t2 - t1,
      rows: table.rowCount,
      columns: table.columns.length,
      profile,
    };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  self.postMessage(reply);
};

// Module workers queue messages until evaluation ends, so this also means "imports loaded".
self.postMessage('ready');
