// The Dexie database: schema and versioned migrations. Only src/store touches IndexedDB.
import Dexie, { type EntityTable } from 'dexie';
import type { CellRecord } from '../notebook/graph';
import type { CodedColumn, NumericColumn, Table } from '../core/table/table';
import { splitTable } from './dataset-chunks';
import type { ErrorInfo } from '../core/errors/user-error';
import type { Endpoint } from '../deploy/endpoints';

export interface ProjectRecord {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  cells: CellRecord[];
  /** Set for projects made from a bundled sample, so the home page can label them. */
  sample?: string;
  /**
   * Whether Code cells may run in this browser: 'pending' for projects that came from elsewhere (an
   * imported file, a share link's editable copy) until the user agrees; absent for projects made here.
   */
  codeConsent?: 'pending' | 'granted';
}

/** The latest output of one cell. `value` is whatever the cell kind produces (structured-cloneable). */
export interface OutputRecord {
  cellId: string;
  projectId: string;
  hash: string;
  ranAt: number;
  durationMs: number;
  value?: unknown;
  error?: ErrorInfo;
}

/**
 * A parsed dataset's description: its columns without their values, which live in `chunks` so that no
 * single IndexedDB value is huge and a dataset can be written and read a piece at a time. Cell outputs
 * refer to it by id. `complete` turns true only after every chunk is written: an interrupted write
 * (cancel, crash, quota) leaves an incomplete record that is never read and is collected later.
 */
export interface DatasetRecord {
  id: string;
  projectId: string;
  name: string;
  rowCount: number;
  columns: StoredColumn[];
  /** Rows per chunk. */
  chunkRows: number;
  createdAt: number;
  complete: boolean;
}

/** A column's description: everything but the typed array of values or codes. */
export type StoredColumn =
  | (Omit<NumericColumn, 'values'> & { bytesPerValue: 8 })
  | (Omit<CodedColumn, 'codes'> & { bytesPerValue: 4 });

/** One column's values for rows [index × chunkRows, (index + 1) × chunkRows). */
export interface ChunkRecord {
  datasetId: string;
  column: number;
  index: number;
  buffer: ArrayBuffer;
}

/** A file the user loaded (or text they pasted), kept as a Blob so a Data cell can re-read it after a reload. */
export interface FileRecord {
  id: string;
  projectId: string;
  name: string;
  size: number;
  blob: Blob;
}

/** A serving endpoint (src/deploy/endpoints.ts); the only place its bearer token is kept. */
export type EndpointRecord = Endpoint;

/** One deployment of a project's model to an endpoint, with its parity check; failed uploads leave none. */
export interface DeploymentRecord {
  id: string;
  projectId: string;
  /** The model name on the server. */
  model: string;
  endpointId: string;
  endpointName: string;
  baseUrl: string;
  at: number;
  /** The served version, as the server reports it. */
  version: string;
  result: 'passed' | 'parity-failed';
  rows: number;
  maxAbsDiff: number;
  labelMismatches: number;
  p50Ms: number;
  p95Ms: number;
}

/** Version 1 stored each dataset whole, with its table inline. */
interface DatasetRecordV1 {
  id: string;
  projectId: string;
  name: string;
  table: Table;
  createdAt: number;
}

export class LatheDB extends Dexie {
  projects!: EntityTable<ProjectRecord, 'id'>;
  outputs!: EntityTable<OutputRecord, 'cellId'>;
  datasets!: EntityTable<DatasetRecord, 'id'>;
  files!: EntityTable<FileRecord, 'id'>;
  chunks!: Dexie.Table<ChunkRecord, [string, number, number]>;
  endpoints!: EntityTable<EndpointRecord, 'id'>;
  deployments!: EntityTable<DeploymentRecord, 'id'>;

  constructor(name = 'lathe') {
    super(name);
    // Version 1: the foundation schema. Later versions add stores and an upgrade() here; never edit
    // a released version in place.
    this.version(1).stores({
      projects: 'id, updatedAt',
      outputs: 'cellId, projectId',
      datasets: 'id, projectId',
      files: 'id, projectId',
    });
    // Version 2: datasets in chunks (issue 3), files as Blobs rather than ArrayBuffers.
    this.version(2)
      .stores({ chunks: '[datasetId+column+index], datasetId' })
      .upgrade(async (tx) => {
        await tx
          .table('datasets')
          .toCollection()
          .modify((record: DatasetRecordV1 & Partial<DatasetRecord>) => {
            if (!record.table) return;
            const { meta, chunks } = splitTable(record.id, record.table);
            for (const chunk of chunks) void tx.table('chunks').put(chunk);
            Object.assign(record, meta, { complete: true });
            delete (record as Partial<DatasetRecordV1>).table;
          });
        await tx
          .table('files')
          .toCollection()
          .modify((record: FileRecord & { bytes?: ArrayBuffer }) => {
            if (!record.bytes) return;
            record.blob = new Blob([record.bytes]);
            delete record.bytes;
          });
      });
    // Version 3: serving endpoints (tokens stay here, never in projects) and the deployment history.
    this.version(3).stores({ endpoints: 'id', deployments: 'id, projectId, model' });
  }
}

let instance: LatheDB | undefined;
export function db(): LatheDB {
  instance ??= new LatheDB();
  return instance;
}
