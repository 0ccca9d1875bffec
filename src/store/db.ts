// The Dexie database: schema and versioned migrations. Only src/store touches IndexedDB.
import Dexie, { type EntityTable } from 'dexie';
import type { CellRecord } from '../notebook/graph';
import type { Table } from '../core/table/table';
import type { ErrorInfo } from '../core/errors/user-error';

export interface ProjectRecord {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  cells: CellRecord[];
  /** Set for projects made from a bundled sample, so the home page can label them. */
  sample?: string;
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

/** A parsed dataset, stored columnar; cell outputs refer to it by id. */
export interface DatasetRecord {
  id: string;
  projectId: string;
  name: string;
  table: Table;
  createdAt: number;
}

/** Raw bytes of a file the user loaded, so a Data cell can be re-run after a reload. */
export interface FileRecord {
  id: string;
  projectId: string;
  name: string;
  size: number;
  bytes: ArrayBuffer;
}

export class LatheDB extends Dexie {
  projects!: EntityTable<ProjectRecord, 'id'>;
  outputs!: EntityTable<OutputRecord, 'cellId'>;
  datasets!: EntityTable<DatasetRecord, 'id'>;
  files!: EntityTable<FileRecord, 'id'>;

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
  }
}

let instance: LatheDB | undefined;
export function db(): LatheDB {
  instance ??= new LatheDB();
  return instance;
}
