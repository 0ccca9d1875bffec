// Profiles a table using two cores: a helper worker computes the correlations while this one does the rest.
import * as Comlink from 'comlink';
import { profileTable, profileTableParallel } from '../src/core/profile/profile-table';
import type { Correlations, Profile } from '../src/core/profile/types';
import type { Table } from '../src/core/table/table';
import type { CorrelationsWorkerApi } from './correlations.worker';

/** Below this many rows one core is quick enough and starting a worker would cost more than it saves. */
export const PARALLEL_MIN_ROWS = 100_000;

/** Only the columns correlations read (numbers, booleans, categories): text columns' dictionaries stay here. */
function correlationInput(table: Table): Table {
  return {
    rowCount: table.rowCount,
    columns: table.columns.filter((c) => c.type === 'integer' || c.type === 'float' || c.type === 'boolean' || c.type === 'categorical'),
  };
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
  const remote = Comlink.wrap<CorrelationsWorkerApi>(worker);
  try {
    return await profileTableParallel(table, {
      onProgress,
      // The columns are copied to the helper (no shared memory without cross-origin isolation).
      correlate: (t) => Promise.race([remote.correlations(correlationInput(t)) as Promise<Correlations>, crashed]),
    });
  } finally {
    worker.terminate();
  }
}
