// Cell outputs, datasets and files: what a run produced, kept so a reload shows it without recomputing.
import { db, type FileRecord, type OutputRecord } from './db';
import { deleteDatasets } from './datasets';

export async function outputsFor(projectId: string): Promise<OutputRecord[]> {
  return db().outputs.where('projectId').equals(projectId).toArray();
}

/**
 * Store a cell's new output. A dataset it replaces (its value's datasetId, already written by the worker
 * that produced it) is deleted in the same transaction, so a failed write leaves the previous output and
 * dataset as they were.
 */
export async function putOutput(record: OutputRecord): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.projects, d.outputs, d.datasets, d.chunks], async () => {
    // A run that ends after its project was deleted writes nothing.
    if (!(await d.projects.get(record.projectId))) return;
    const previous = await d.outputs.get(record.cellId);
    const prevDatasetId = datasetIdOf(previous?.value);
    // A failed run keeps the last good value beside its error, shown dimmed: nothing the user had is lost.
    if (record.error && previous?.value !== undefined && record.value === undefined) record = { ...record, value: previous.value };
    if (prevDatasetId && prevDatasetId !== datasetIdOf(record.value) && !record.error) await deleteDatasets([prevDatasetId]);
    await d.outputs.put(record);
  });
}

export async function deleteOutput(cellId: string): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.outputs, d.datasets, d.chunks], async () => {
    const previous = await d.outputs.get(cellId);
    const ds = datasetIdOf(previous?.value);
    if (ds) await deleteDatasets([ds]);
    await d.outputs.delete(cellId);
  });
}

function datasetIdOf(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'datasetId' in value) {
    const id = (value as { datasetId: unknown }).datasetId;
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}



export async function putFile(file: FileRecord): Promise<void> {
  await db().files.put(file);
}

export async function getFile(id: string): Promise<FileRecord | undefined> {
  return db().files.get(id);
}
