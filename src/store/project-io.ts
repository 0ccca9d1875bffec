// A project with everything it owns, read out of IndexedDB for a project file, and written back in one transaction.
import { db, type DeploymentRecord, type OutputRecord, type ProjectRecord } from './db';
import type { Table } from '../core/table/table';
import { joinTable, splitTable } from './dataset-chunks';
import { isQuotaError, tableBytes } from './datasets';
import { UserError } from '../core/errors/user-error';

/** A stored dataset, whole: chunking is how this browser stores it, not part of the project. */
export interface BundledDataset {
  id: string;
  name: string;
  createdAt: number;
  table: Table;
}

/** A stored file (upload or pasted text) with its bytes. */
export interface BundledFile {
  id: string;
  name: string;
  size: number;
  /** The Blob's MIME type ('' when unknown). */
  type: string;
  bytes: Uint8Array;
}

/**
 * What a project owns. The endpoints table (which holds tokens) is deliberately not read: a deployment
 * names its endpoint by id, name and URL only.
 */
export interface ProjectBundle {
  project: ProjectRecord;
  outputs: OutputRecord[];
  deployments: DeploymentRecord[];
  /** Empty unless the data was asked for. */
  datasets: BundledDataset[];
  /** Empty unless the data was asked for. */
  files: BundledFile[];
}

/** Reads a project, its outputs and deployments and, with includeData, its datasets and files. */
export async function gatherProject(projectId: string, opts: { includeData: boolean }): Promise<ProjectBundle> {
  const d = db();
  // One read transaction, so a run finishing meanwhile cannot pair a new output with an old dataset.
  const read = await d.transaction('r', [d.projects, d.outputs, d.deployments, d.datasets, d.chunks, d.files], async () => {
    const project = await d.projects.get(projectId);
    if (!project) throw new UserError('This project does not exist in this browser (it may have been deleted).');
    const outputs = await d.outputs.where('projectId').equals(projectId).toArray();
    const deployments = await d.deployments.where('projectId').equals(projectId).toArray();
    if (!opts.includeData) return { project, outputs, deployments, datasets: [], files: [] };
    // Incomplete datasets are interrupted writes: never read, so never exported.
    const metas = (await d.datasets.where('projectId').equals(projectId).toArray()).filter((m) => m.complete);
    const datasets = [];
    for (const meta of metas) datasets.push({ meta, chunks: await d.chunks.where('datasetId').equals(meta.id).toArray() });
    const files = await d.files.where('projectId').equals(projectId).toArray();
    return { project, outputs, deployments, datasets, files };
  });
  // Blobs are read after the transaction: awaiting anything but IndexedDB inside it would end it.
  const files: BundledFile[] = [];
  for (const f of read.files) files.push({ id: f.id, name: f.name, size: f.size, type: f.blob.type, bytes: new Uint8Array(await f.blob.arrayBuffer()) });
  return {
    project: read.project,
    outputs: read.outputs,
    deployments: read.deployments,
    datasets: read.datasets.map(({ meta, chunks }) => ({ id: meta.id, name: meta.name, createdAt: meta.createdAt, table: joinTable(meta, chunks) })),
    files,
  };
}

/**
 * Writes a project and everything it owns in one transaction: a failure (quota, a clash) leaves nothing
 * behind. The caller gives it ids of its own first (src/share/reidentify.ts); an id already in use is refused.
 */
export async function insertProject(bundle: ProjectBundle): Promise<void> {
  const d = db();
  const projectId = bundle.project.id;
  const datasets = bundle.datasets.map((ds) => {
    const { meta, chunks } = splitTable(ds.id, ds.table);
    return { record: { id: ds.id, projectId, name: ds.name, createdAt: ds.createdAt, complete: true, ...meta }, chunks };
  });
  const files = bundle.files.map((f) => ({ id: f.id, projectId, name: f.name, size: f.size, blob: new Blob([f.bytes as BlobPart], { type: f.type }) }));
  try {
    await d.transaction('rw', [d.projects, d.outputs, d.deployments, d.datasets, d.chunks, d.files], async () => {
      if (await d.projects.get(projectId)) throw new Error(`A project with id ${projectId} already exists.`);
      await d.projects.add(bundle.project);
      await d.outputs.bulkAdd(bundle.outputs.map((o) => ({ ...o, projectId })));
      await d.deployments.bulkAdd(bundle.deployments.map((r) => ({ ...r, projectId })));
      for (const ds of datasets) {
        await d.datasets.add(ds.record);
        await d.chunks.bulkAdd(ds.chunks);
      }
      await d.files.bulkAdd(files);
    });
  } catch (err) {
    if (isQuotaError(err)) {
      const bytes = bundle.datasets.reduce((s, ds) => s + tableBytes(ds.table), 0) + bundle.files.reduce((s, f) => s + f.size, 0);
      throw new UserError(
        `The browser has no room left for this project (about ${Math.ceil(bytes / 1e6).toLocaleString()} MB of data).`,
        'Free some space (delete old projects on the home page), or import a copy without its data. Nothing was added.',
      );
    }
    throw err;
  }
}
