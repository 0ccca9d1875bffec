import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { gatherProject, insertProject, type ProjectBundle } from '../../../src/store/project-io';
import { createProject, getProject } from '../../../src/store/projects';
import { putFile, putOutput } from '../../../src/store/outputs';
import { readDataset, writeDataset } from '../../../src/store/datasets';
import { addDeployment, saveEndpoint } from '../../../src/store/endpoints';
import { CHUNK_ROWS } from '../../../src/store/dataset-chunks';
import { db } from '../../../src/store/db';
import type { Table } from '../../../src/core/table/table';

const bigTable = (n: number): Table => ({
  rowCount: n,
  columns: [
    { kind: 'numeric', name: 'x', type: 'float', values: Float64Array.from({ length: n }, (_, i) => (i % 11 ? i / 3 : NaN)) },
    { kind: 'coded', name: 'c', type: 'categorical', codes: Int32Array.from({ length: n }, (_, i) => (i % 7) - 1), dictionary: ['a', 'b', 'c', 'd', 'e', 'f'] },
  ],
});

/** Tables equal column by column: same array types and bytes (faster than a deep compare of 262,149 values). */
function expectSameTable(a: Table | undefined, b: Table): void {
  expect(a?.rowCount).toBe(b.rowCount);
  a!.columns.forEach((col, i) => {
    const other = b.columns[i];
    const arr = (c: typeof col) => (c.kind === 'numeric' ? c.values : c.codes);
    expect(arr(col).constructor).toBe(arr(other).constructor);
    expect(Buffer.from(arr(col).buffer, arr(col).byteOffset, arr(col).byteLength).equals(Buffer.from(arr(other).buffer, arr(other).byteOffset, arr(other).byteLength))).toBe(true);
    const { values: _v, codes: _c, ...meta } = col as typeof col & { values?: unknown; codes?: unknown };
    const { values: _v2, codes: _c2, ...metaOther } = other as typeof other & { values?: unknown; codes?: unknown };
    expect(meta).toEqual(metaOther);
  });
}

async function seed(): Promise<string> {
  const p = await createProject('Seeded', [{ id: crypto.randomUUID(), kind: 'note', title: 'N', config: { text: 'hi' } }]);
  const dsId = crypto.randomUUID();
  await writeDataset({ id: dsId, projectId: p.id, name: 'big.csv' }, bigTable(CHUNK_ROWS + 5));
  // An interrupted write: never complete, so never exported.
  await db().datasets.put({ id: 'partial', projectId: p.id, name: 'x', rowCount: 1, columns: [], chunkRows: CHUNK_ROWS, createdAt: 0, complete: false });
  await putFile({ id: crypto.randomUUID(), projectId: p.id, name: 'big.csv', size: 5, blob: new Blob(['a,b\n1'], { type: 'text/csv' }) });
  await putOutput({ cellId: p.cells[0].id, projectId: p.id, hash: 'h', ranAt: 1, durationMs: 1, value: { datasetId: dsId, split: Int32Array.from([1, 2]) } });
  await addDeployment({ id: crypto.randomUUID(), projectId: p.id, model: 'm', endpointId: 'ep', endpointName: 'E', baseUrl: 'http://x', at: 1, version: '1', result: 'passed', rows: 1, maxAbsDiff: 0, labelMismatches: 0, p50Ms: 1, p95Ms: 2 });
  await saveEndpoint({ id: 'ep', name: 'E', baseUrl: 'http://x', model: '', token: 'tok-SECRET-1' });
  return p.id;
}

describe('project io', () => {
  it('gathers a project with its outputs, deployments, complete datasets (whole, across chunks) and files', async () => {
    const id = await seed();
    const b = await gatherProject(id, { includeData: true });
    expect(b.project.name).toBe('Seeded');
    expect(b.outputs).toHaveLength(1);
    expect((b.outputs[0].value as { split: Int32Array }).split).toStrictEqual(Int32Array.from([1, 2]));
    expect(b.deployments).toHaveLength(1);
    expect(b.datasets.map((d) => d.name)).toEqual(['big.csv']);
    expectSameTable(b.datasets[0].table, bigTable(CHUNK_ROWS + 5));
    expect(b.files).toHaveLength(1);
    expect(new TextDecoder().decode(b.files[0].bytes)).toBe('a,b\n1');
    expect(b.files[0].type).toBe('text/csv');
    expect(JSON.stringify(b)).not.toContain('tok-SECRET-1');

    const lean = await gatherProject(id, { includeData: false });
    expect(lean.datasets).toEqual([]);
    expect(lean.files).toEqual([]);
    expect(lean.outputs).toEqual(b.outputs);
  });

  it('inserts a bundle so that gathering it again gives it back', async () => {
    const b = await gatherProject(await seed(), { includeData: true });
    const copy: ProjectBundle = {
      ...b,
      project: { ...b.project, id: crypto.randomUUID() },
      datasets: b.datasets.map((d) => ({ ...d, id: crypto.randomUUID() })),
      files: b.files.map((f) => ({ ...f, id: crypto.randomUUID() })),
      outputs: b.outputs.map((o) => ({ ...o, cellId: crypto.randomUUID() })),
      deployments: b.deployments.map((d) => ({ ...d, id: crypto.randomUUID() })),
    };
    await insertProject(copy);
    const back = await gatherProject(copy.project.id, { includeData: true });
    expect(back.project).toEqual(copy.project);
    expect(back.outputs).toStrictEqual(copy.outputs.map((o) => ({ ...o, projectId: copy.project.id })));
    expect(back.deployments).toEqual(copy.deployments.map((d) => ({ ...d, projectId: copy.project.id })));
    expect(back.datasets.map(({ table: _t, ...rest }) => rest)).toEqual(copy.datasets.map(({ table: _t, ...rest }) => rest));
    expectSameTable(back.datasets[0].table, copy.datasets[0].table);
    expectSameTable(await readDataset(copy.datasets[0].id), copy.datasets[0].table);
    expect(back.files).toStrictEqual(copy.files);
  });

  it('writes all or nothing: a clash leaves no trace', async () => {
    const b = await gatherProject(await seed(), { includeData: true });
    const datasetId = crypto.randomUUID();
    const clash: ProjectBundle = {
      ...b,
      project: { ...b.project, id: crypto.randomUUID() },
      datasets: b.datasets.map((d) => ({ ...d, id: datasetId })),
      files: b.files.map((f) => ({ ...f, id: crypto.randomUUID() })),
      deployments: [],
      // outputs keep the seeded project's cell ids: the outputs table refuses them after the project row is written.
    };
    await expect(insertProject(clash)).rejects.toThrow();
    expect(await getProject(clash.project.id)).toBeUndefined();
    expect(await db().datasets.get(datasetId)).toBeUndefined();
    expect(await db().chunks.where('datasetId').equals(datasetId).count()).toBe(0);
    expect(await db().files.get(clash.files[0].id)).toBeUndefined();
  });

  it('says a missing project is missing', async () => {
    await expect(gatherProject('nope', { includeData: false })).rejects.toThrow(/does not exist/);
  });
});
