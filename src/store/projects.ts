// Project repository: create, list, rename, save the notebook, delete with everything it owns.
import { db, type ProjectRecord } from './db';
import type { CellRecord } from '../notebook/graph';
import { deleteDatasets } from './datasets';

export function newId(): string {
  return crypto.randomUUID();
}

export async function listProjects(): Promise<ProjectRecord[]> {
  return db().projects.orderBy('updatedAt').reverse().toArray();
}

export async function getProject(id: string): Promise<ProjectRecord | undefined> {
  return db().projects.get(id);
}

export async function createProject(name: string, cells: CellRecord[], sample?: string): Promise<ProjectRecord> {
  const now = Date.now();
  const project: ProjectRecord = { id: newId(), name, createdAt: now, updatedAt: now, cells, sample };
  await db().projects.add(project);
  return project;
}

/** Save a project's notebook; a project deleted meanwhile stays deleted. Returns whether it was saved. */
export async function saveProject(project: ProjectRecord): Promise<boolean> {
  // $state proxies are not structured-cloneable: store a plain deep copy.
  const plain = JSON.parse(JSON.stringify({ ...project, updatedAt: Date.now() })) as ProjectRecord;
  const d = db();
  return d.transaction('rw', d.projects, async () => {
    if (!(await d.projects.get(project.id))) return false;
    await d.projects.put(plain);
    return true;
  });
}

export async function deleteProject(id: string): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.projects, d.outputs, d.datasets, d.chunks, d.files], async () => {
    await d.projects.delete(id);
    await d.outputs.where('projectId').equals(id).delete();
    await deleteDatasets(await d.datasets.where('projectId').equals(id).primaryKeys());
    await d.files.where('projectId').equals(id).delete();
  });
}
