// Bench worker: streams a Blob through Lathe's delimited loader, profiles the table the way the data worker
// does (correlations in a second worker), and times each stage.
import { loadDelimited } from '../../../src/core/parse/load-delimited.ts';
import { blobSource } from '../../../src/core/parse/sources.ts';
import { profileInParallel } from '../../../workers/profile-in-parallel.ts';
import type { LatheReply, LatheRequest } from './messages.ts';

self.onmessage = async (event: MessageEvent<LatheRequest>) => {
  const { blob, name } = event.data;
  let reply: LatheReply;
  try {
    const t0 = performance.now();
    const { table } = await loadDelimited(blobSource(blob, name), {});
    const t1 = performance.now();
    const profile = await profileInParallel(table);
    const t2 = performance.now();
    reply = { ok: true, parseMs: t1 - t0, profileMs: t2 - t1, rows: table.rowCount, columns: table.columns.length, profile };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  self.postMessage(reply);
};
