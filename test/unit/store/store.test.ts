import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createProject, deleteProject, getProject, listProjects, saveProject } from '../../../src/store/projects';
import { outputsFor, putOutput } from '../../../src/store/outputs';
import { collectDatasets, readDataset, writeDataset } from '../../../src/store/datasets';
import { db } from '../../../src/store/db';
import type { Table } from '../../../src/core/table/table';

const table = (v: number[]): Table => ({
  rowCount: v.length,
  columns: [{ kind: 'numeric', name: 'x', type: 'float', values: Float64Array.from(v) }],
});

async function storeDataset(id: string, projectId: string, t: Table): Promise<void> {
  await writeDataset({ id, projectId, name: id }, t);
}

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
    await storeDataset('ds1', p.id, table([1, 2, 3]));
    await putOutput({ cellId: 'data1', projectId: p.id, hash: 'h1', ranAt: 1, durationMs: 1, value });
    await putOutput({ cellId: 'data1', projectId: p.id, hash: 'h2', ranAt: 2, durationMs: 1, error: { message: 'bad' } });
    const [out] = await outputsFor(p.id);
    expect(out.hash).toBe('h2');
    expect(out.error?.message).toBe('bad');
    expect(out.value).toEqual(value);
    const kept = (await readDataset('ds1'))!.columns[0];
    expect(kept.kind === 'numeric' && Array.from(kept.values)).toEqual([1, 2, 3]);
  });

  it('replaces a dataset, chunks included, when a Data cell produces a new one', async () => {
    const p = await createProject('Q', []);
    await storeDataset('old', p.id, table([1]));
    await putOutput({ cellId: 'd', projectId: p.id, hash: 'h1', ranAt: 1, durationMs: 1, value: { datasetId: 'old' } });
    await storeDataset('new', p.id, table([2]));
    await putOutput({ cellId: 'd', projectId: p.id, hash: 'h2', ranAt: 2, durationMs: 1, value: { datasetId: 'new' } });
    expect(await readDataset('old')).toBeUndefined();
    expect(await db().chunks.where('datasetId').equals('old').count()).toBe(0);
    expect(await readDataset('new')).toBeDefined();
  });

  it('round-trips a table of several chunks, numeric and coded columns with their metadata', async () => {
    const p = await createProject('Big', []);
    const n = (1 << 18) * 2 + 17; // two full chunks and a partial one
    const values = new Float64Array(n);
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      values[i] = i % 97 === 0 ? NaN : i * 0.5;
      codes[i] = i % 13 === 0 ? -1 : i % 3;
    }
    const t: Table = {
      rowCount: n,
      columns: [
        { kind: 'numeric', name: 'v', type: 'float', values, invalid: { count: 1, examples: [{ row: 4, text: 'oops' }] } },
        { kind: 'coded', name: 'c', type: 'categorical', codes, dictionary: ['a', 'b', 'c'] },
      ],
    };
    await storeDataset('big', p.id, t);
    expect(await db().chunks.where('datasetId').equals('big').count()).toBe(6);
    const back = (await readDataset('big'))!;
    expect(back.rowCount).toBe(n);
    const [v, c] = back.columns;
    expect(v.kind === 'numeric' && v.invalid).toEqual({ count: 1, examples: [{ row: 4, text: 'oops' }] });
    expect(v.kind === 'numeric' && Object.is(v.values[97], NaN)).toBe(true);
    expect(v.kind === 'numeric' && v.values[n - 1]).toBe((n - 1) * 0.5);
    expect(c.kind === 'coded' && Array.from(c.codes.subarray(n - 5))).toEqual(Array.from(codes.subarray(n - 5)));
    expect(c.kind === 'coded' && c.dictionary).toEqual(['a', 'b', 'c']);
  });

  it('never reads a dataset whose write did not complete, and collects it', async () => {
    const p = await createProject('Interrupted', []);
    await db().datasets.put({ id: 'half', projectId: p.id, name: 'x', rowCount: 1, chunkRows: 1 << 18, columns: [], createdAt: 1, complete: false });
    await db().chunks.put({ datasetId: 'half', column: 0, index: 0, buffer: new ArrayBuffer(8) });
    await storeDataset('used', p.id, table([1]));
    await putOutput({ cellId: 'u', projectId: p.id, hash: 'h', ranAt: 1, durationMs: 1, value: { datasetId: 'used' } });
    expect(await readDataset('half')).toBeUndefined();
    expect(await collectDatasets(p.id)).toBe(1);
    expect(await db().chunks.where('datasetId').equals('half').count()).toBe(0);
    expect(await readDataset('used')).toBeDefined();
  });

  it('reports a damaged dataset rather than reading shifted columns', async () => {
    const p = await createProject('Damaged', []);
    await storeDataset('dmg', p.id, table([1, 2, 3]));
    await db().chunks.put({ datasetId: 'dmg', column: 0, index: 0, buffer: new ArrayBuffer(8) });
    await expect(readDataset('dmg')).rejects.toThrow(/damaged/);
  });

  it('deletes a project with everything it owns, and late writes do not bring it back', async () => {
    const p = await createProject('Gone', []);
    await storeDataset('gds', p.id, table([1]));
    await putOutput({ cellId: 'g1', projectId: p.id, hash: 'h', ranAt: 1, durationMs: 1, value: { datasetId: 'gds' } });
    await db().files.put({ id: 'gf', projectId: p.id, name: 'a.csv', size: 1, blob: new Blob(['a']) });
    await deleteProject(p.id);
    expect(await getProject(p.id)).toBeUndefined();
    expect(await outputsFor(p.id)).toEqual([]);
    expect(await readDataset('gds')).toBeUndefined();
    expect(await db().chunks.where('datasetId').equals('gds').count()).toBe(0);
    expect(await db().files.get('gf')).toBeUndefined();
    // A run that finishes after the delete:
    expect(await saveProject(p)).toBe(false);
    await putOutput({ cellId: 'g2', projectId: p.id, hash: 'h', ranAt: 1, durationMs: 1, value: 1 });
    expect(await getProject(p.id)).toBeUndefined();
    expect(await outputsFor(p.id)).toEqual([]);
  });
});
