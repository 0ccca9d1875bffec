// Splits a columnar table into fixed-size chunks for storage and joins them back: pure, no IndexedDB.
import type { Column, Table } from '../core/table/table';
import type { ChunkRecord, DatasetRecord, StoredColumn } from './db';

/** 256 Ki rows: 2 MiB per float column chunk, small enough to write and read without long pauses. */
export const CHUNK_ROWS = 1 << 18;

export type DatasetMeta = Pick<DatasetRecord, 'rowCount' | 'columns' | 'chunkRows'>;

export function describeColumn(column: Column): StoredColumn {
  if (column.kind === 'numeric') {
    const { values: _values, ...rest } = column;
    return { ...rest, bytesPerValue: 8 };
  }
  const { codes: _codes, ...rest } = column;
  return { ...rest, bytesPerValue: 4 };
}

/** The column's values for one chunk, as a fresh ArrayBuffer (a copy, so the table stays intact). */
export function chunkOf(column: Column, index: number, chunkRows: number): ArrayBuffer {
  const array = column.kind === 'numeric' ? column.values : column.codes;
  const start = index * chunkRows;
  return array.slice(start, Math.min(array.length, start + chunkRows)).buffer as ArrayBuffer;
}

export function chunkCount(rowCount: number, chunkRows: number): number {
  return Math.max(1, Math.ceil(rowCount / chunkRows));
}

export function splitTable(datasetId: string, table: Table, chunkRows = CHUNK_ROWS): { meta: DatasetMeta; chunks: ChunkRecord[] } {
  const chunks: ChunkRecord[] = [];
  const n = chunkCount(table.rowCount, chunkRows);
  table.columns.forEach((column, c) => {
    for (let i = 0; i < n; i++) chunks.push({ datasetId, column: c, index: i, buffer: chunkOf(column, i, chunkRows) });
  });
  return { meta: { rowCount: table.rowCount, chunkRows, columns: table.columns.map(describeColumn) }, chunks };
}

/**
 * Rebuilds a table from its description and chunks (any order). Throws when a chunk is missing or has the
 * wrong size, so a damaged dataset is reported rather than read as shorter or shifted columns.
 */
export function joinTable(meta: DatasetMeta, chunks: ChunkRecord[]): Table {
  const n = chunkCount(meta.rowCount, meta.chunkRows);
  const byColumn = meta.columns.map(() => new Array<ArrayBuffer | undefined>(n));
  for (const chunk of chunks) if (chunk.column < byColumn.length && chunk.index < n) byColumn[chunk.column][chunk.index] = chunk.buffer;
  const columns = meta.columns.map((desc, c): Column => {
    const array = desc.kind === 'numeric' ? new Float64Array(meta.rowCount) : new Int32Array(meta.rowCount);
    for (let i = 0; i < n; i++) {
      const buffer = byColumn[c][i];
      const start = i * meta.chunkRows;
      const expected = Math.min(meta.chunkRows, meta.rowCount - start);
      if (!buffer || buffer.byteLength !== expected * desc.bytesPerValue) {
        throw new Error(`Stored dataset is damaged: column ${desc.name}, chunk ${i} is ${buffer ? 'the wrong size' : 'missing'}.`);
      }
      array.set(desc.kind === 'numeric' ? new Float64Array(buffer) : new Int32Array(buffer), start);
    }
    const { bytesPerValue: _b, ...rest } = desc;
    return desc.kind === 'numeric'
      ? ({ ...(rest as Omit<typeof desc, 'bytesPerValue'>), values: array as Float64Array } as Column)
      : ({ ...(rest as Omit<typeof desc, 'bytesPerValue'>), codes: array as Int32Array } as Column);
  });
  return { rowCount: meta.rowCount, columns };
}
