import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createProject, deleteProject, getProject, listProjects, saveProject } from '../../../src/store/projects';
import { getDataset, outputsFor, putOutput } from '../../../src/store/outputs';
import { db } from '../../../src/store/db';
import type { Table } from '../../../src/core/table/table';

const table = (v: number[]): Table => ({
  rowCount: v.length,
  columns: [{ kind: 'numeric', name: 'x', type: 'float', values: Float64Array.from(v) }],
});

describe('store', () => {
  it('saves a notebook and lists projects newest first', async () => {
    const a = await createProject('A', []);
    await new Promise((r) => setTimeout(r, 5));
    const b = await createProject('B', [{ id: 'c1', kind: 'note', title: 'Note', config: { text: 'hi' } }]);
    expect((await listProjects()).map((p) => p.name).slice(0, 2)).toEqual(['B', 'A']);
    a.name = 'A renamed';
    expect(await saveProject(a)).toBe(true);
    expect((await getProject(a.id))?.name).toBe('A renamed');
    expect((await getProject(b.id))?.cells[0].config).toEqual({ text: 'hi' });
  });

  it('keeps the last good value and dataset when a run fails', async () => {
    const p = await createProject('P', []);
    const value = { datasetId: 'ds1', name: 'a.csv' };
    await putOutput(
      { cellId: 'data1', projectId: p.id, hash: 'h1', ranAt: 1, durationMs: 1, value },
      { id: 'ds1', projectId: p.id, name: 'a.csv', table: table([1, 2, 3]), createdAt: 1 },
    );
    await putOutput({ cellId: 'data1', projectId: p.id, hash: 'h2', ranAt: 2, durationMs: 1, error: { message: 'bad' } });
    const [out] = await outputsFor(p.id);
    expect(out.hash).toBe('h2');
    expect(out.error?.message).toBe('bad');
    expect(out.value).toEqual(value);
    const kept = (await getDataset('ds1'))!.columns[0];
    expect(kept.kind === 'numeric' && Array.from(kept.values)).toEqual([1, 2, 3]);
  });

  it('replaces a dataset when a Data cell produces a new one', async () => {
    const p = await createProject('Q', []);
    await putOutput(
      { cellId: 'd', projectId: p.id, hash: 'h1', ranAt: 1, durationMs: 1, value: { datasetId: 'old' } },
      { id: 'old', projectId: p.id, name: 'a', table: table([1]), createdAt: 1 },
    );
    await putOutput(
      { cellId: 'd', projectId: p.id, hash: 'h2', ranAt: 2, durationMs: 1, value: { datasetId: 'new' } },
      { id: 'new', projectId: p.id, name: 'b', table: table([2]), createdAt: 2 },
    );
    expect(await getDataset('old')).toBeUndefined();
    expect(await getDataset('new')).toBeDefined();
  });

  it('deletes a project with everything it owns, and late writes do not bring it back', async () => {
    const p = await createProject('Gone', []);
    await putOutput(
      { cellId: 'g1', projectId: p.id, hash: 'h', ranAt: 1, durationMs: 1, value: { datasetId: 'gds' } },
      { id: 'gds', projectId: p.id, name: 'a', table: table([1]), createdAt: 1 },
    );
    await db().files.put({ id: 'gf', projectId: p.id, name: 'a.csv', size: 1, bytes: new ArrayBuffer(1) });
    await deleteProject(p.id);
    expect(await getProject(p.id)).toBeUndefined();
    expect(await outputsFor(p.id)).toEqual([]);
    expect(await getDataset('gds')).toBeUndefined();
    expect(await db().files.get('gf')).toBeUndefined();
    // A run that finishes after the delete:
    expect(await saveProject(p)).toBe(false);
    await putOutput({ cellId: 'g2', projectId: p.id, hash: 'h', ranAt: 1, durationMs: 1, value: 1 });
    expect(await getProject(p.id)).toBeUndefined();
    expect(await outputsFor(p.id)).toEqual([]);
  });
});
