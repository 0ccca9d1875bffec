// The tables a worker holds, by dataset id: the last few kept in memory, others read from IndexedDB.
import { UserError } from '../src/core/errors/user-error';
import type { Table } from '../src/core/table/table';
import { readDataset } from '../src/store/datasets';

/** Two tables: the one in use and the one before it (e.g. reference and current for drift). */
const KEEP = 2;
const cache = new Map<string, Table>();

export function remember(id: string, table: Table): void {
  cache.delete(id);
  cache.set(id, table);
  while (cache.size > KEEP) cache.delete(cache.keys().next().value as string);
}

export async function tableFor(id: string): Promise<Table> {
  const hit = cache.get(id);
  if (hit) {
    remember(id, hit);
    return hit;
  }
  const table = await readDataset(id);
  if (!table) throw new UserError('The dataset of the Data cell is missing from this browser’s storage.', 'Run the Data cell again.');
  remember(id, table);
  return table;
}
