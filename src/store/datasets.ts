// Datasets in IndexedDB: written a column at a time in chunks, read back whole, deleted with their chunks.
import { UserError } from '../core/errors/user-error';
import type { Table } from '../core/table/table';
import { db } from './db';
import { chunkCount, chunkOf, CHUNK_ROWS, describeColumn, joinTable } from './dataset-chunks';

export interface DatasetInfo {
  id: string;
  projectId: string;
  name: string;
}

/** Bytes a table takes in storage (its typed arrays; dictionaries are small beside them). */
export function tableBytes(table: Table): number {
  let bytes = 0;
  for (const c of table.columns) bytes += c.kind === 'numeric' ? c.values.byteLength : c.codes.byteLength;
  return bytes;
}

/**
 * Stores a table: the description first (marked incomplete), then each column's chunks in their own
 * transaction, then the mark. Runs in a worker as well as on the main thread. When the browser refuses
 * the space, what was written is removed and a UserError says how much was needed.
 */
export async function writeDataset(info: DatasetInfo, table: Table, onProgress?: (fraction: number) => void): Promise<void> {
  const d = db();
  const chunkRows = CHUNK_ROWS;
  const n = chunkCount(table.rowCount, chunkRows);
  try {
    await d.datasets.put({
      ...info,
      rowCount: table.rowCount,
      chunkRows,
      columns: table.columns.map(describeColumn),
      createdAt: Date.now(),
      complete: false,
    });
    for (let c = 0; c < table.columns.length; c++) {
      const column = table.columns[c];
      const chunks = [];
      for (let i = 0; i < n; i++) chunks.push({ datasetId: info.id, column: c, index: i, buffer: chunkOf(column, i, chunkRows) });
      await d.chunks.bulkPut(chunks);
      onProgress?.((c + 1) / table.columns.length);
    }
    await d.datasets.update(info.id, { complete: true });
  } catch (err) {
    await deleteDatasets([info.id]).catch(() => {});
    if (isQuotaError(err)) {
      const mb = Math.ceil(tableBytes(table) / 1e6);
      throw new UserError(
        `The browser has no room left to store this dataset (about ${mb.toLocaleString()} MB).`,
        'Free some space (delete old projects on the home page), or load a smaller file. Nothing you had was changed.',
      );
    }
    throw err;
  }
}

export function isQuotaError(err: unknown): boolean {
  for (let e = err as { name?: string; inner?: unknown } | undefined; e; e = e.inner as typeof e) {
    if (typeof e.name === 'string' && /quota/i.test(e.name)) return true;
  }
  return false;
}

/** The stored table, or undefined when there is none (or its write never completed). */
export async function readDataset(id: string): Promise<Table | undefined> {
  const d = db();
  const meta = await d.datasets.get(id);
  if (!meta || !meta.complete) return undefined;
  const chunks = await d.chunks.where('datasetId').equals(id).toArray();
  return joinTable(meta, chunks);
}

/** Deletes datasets with their chunks; inside a transaction over datasets and chunks it joins that transaction. */
export async function deleteDatasets(ids: string[]): Promise<void> {
  if (!ids.length) return;
  const d = db();
  await d.transaction('rw', [d.datasets, d.chunks], async () => {
    await d.datasets.bulkDelete(ids);
    await d.chunks.where('datasetId').anyOf(ids).delete();
  });
}

/**
 * Removes a project's datasets that no cell output refers to (left by an interrupted or superseded load).
 * Only safe when nothing is loading for this project, e.g. when it is opened.
 */
export async function collectDatasets(projectId: string): Promise<number> {
  const d = db();
  const outputs = await d.outputs.where('projectId').equals(projectId).toArray();
  const used = new Set<string>();
  for (const o of outputs) {
    const id = (o.value as { datasetId?: unknown } | undefined)?.datasetId;
    if (typeof id === 'string') used.add(id);
  }
  const stale = (await d.datasets.where('projectId').equals(projectId).primaryKeys()).filter((id) => !used.has(id));
  await deleteDatasets(stale);
  return stale.length;
}
