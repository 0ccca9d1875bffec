// Bench worker: loads a Blob as the data worker does (a big CSV in two parts, on two cores), profiles the table
// the way the data worker does (with a second worker), and times each stage.
import { blobSource } from '../../../src/core/parse/sources.ts';
import { loadInParallel } from '../../../workers/load-in-parallel.ts';
import { profileInParallel } from '../../../workers/profile-in-parallel.ts';
import type { LatheReply, LatheRequest } from './messages.ts';

self.onmessage = async (event: MessageEvent<LatheRequest>) => {
  const { blob, name } = event.data;
  let reply: LatheReply;
  try {
    const t0 = performance.now();
    const { table } = await loadInParallel(blobSource(blob, name), { format: 'csv' });
    const t1 = performance.now();
    const profile = await profileInParallel(table);
    const t2 = performance.now();
    reply = { ok: true, parseMs: t1 - t0, profileMs: t2 - t1, rows: table.rowCount, columns: table.columns.length, profile };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  self.postMessage(reply);
};
