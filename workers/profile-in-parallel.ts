// Profiles a table using two cores: a helper worker profiles some numeric columns and computes the correlations while this one does the rest.
import * as Comlink from 'comlink';
import { profileTable, profileTableParallel, type ProfileHelper } from '../src/core/profile/profile-table';
import type { Ranked } from '../src/core/profile/ranks';
import type { Profile } from '../src/core/profile/types';
import type { Table } from '../src/core/table/table';
import type { CorrelationsWorkerApi } from './correlations.worker';

/** Below this many rows one core is quick enough and starting a worker would cost more than it saves. */
export const PARALLEL_MIN_ROWS = 100_000;

/**
 * The columns as copies whose buffers can be transferred: memcpy here is much cheaper than structured
 * cloning (which copies twice, once on each side), and this worker keeps its own table.
 */
function copied(table: Table): { table: Table; buffers: ArrayBuffer[] } {
  const buffers: ArrayBuffer[] = [];
  const columns = table.columns.map((c) => {
    if (c.kind === 'numeric') {
      const values = c.values.slice();
      buffers.push(values.buffer);
      return { ...c, values };
    }
    const codes = c.codes.slice();
    buffers.push(codes.buffer);
    return { ...c, codes };
  });
  return { table: { rowCount: table.rowCount, columns }, buffers };
}

export async function profileInParallel(table: Table, onProgress?: (fraction: number, label: string) => void): Promise<Profile> {
  if (table.rowCount < PARALLEL_MIN_ROWS || typeof Worker === 'undefined') return profileTable(table, { onProgress });
  const worker = new Worker(new URL('./correlations.worker.ts', import.meta.url), { type: 'module', name: 'lathe-correlations' });
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      reject(new Error('correlations worker failed: ' + e.message));
    });
  });
  crashed.catch(() => {});
  const remote = Comlink.wrap<CorrelationsWorkerApi>(worker);
  try {
    // A nested worker's script is loaded through its parent's event loop, so it would not even start until
    // this thread's synchronous work was done: wait until it runs.
    await Promise.race([remote.ready(), crashed]);
    const helper: ProfileHelper = {
      run(input, share) {
        const { table: copy, buffers } = copied(input);
        return Promise.race([remote.share(Comlink.transfer(copy, buffers), share), crashed]);
      },
      ranks(ranks: Map<string, Ranked>) {
        const buffers = [...ranks.values()].flatMap((r) => [r.ranks.buffer as ArrayBuffer, ...(r.bins ? [r.bins.buffer as ArrayBuffer] : [])]);
        void remote.ranks(Comlink.transfer(ranks, buffers)).catch(() => {});
      },
    };
    return await profileTableParallel(table, { onProgress, helper });
  } finally {
    worker.terminate();
  }
}
