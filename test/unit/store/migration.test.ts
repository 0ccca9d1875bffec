import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { LatheDB, db } from '../../../src/store/db';
import { joinTable } from '../../../src/store/dataset-chunks';
import { writeDataset } from '../../../src/store/datasets';
import { UserError } from '../../../src/core/errors/user-error';
import { createProject } from '../../../src/store/projects';

describe('schema migrations', () => {
  it('moves version-1 datasets into chunks and file bytes into Blobs', async () => {
    const name = 'lathe-migrate-test';
    const v1 = new Dexie(name);
    v1.version(1).stores({ projects: 'id, updatedAt', outputs: 'cellId, projectId', datasets: 'id, projectId', files: 'id, projectId' });
    await v1.open();
    await v1.table('datasets').put({
      id: 'd1',
      projectId: 'p',
      name: 'a.csv',
      createdAt: 1,
      table: {
        rowCount: 3,
        columns: [
          { kind: 'numeric', name: 'x', type: 'integer', values: Float64Array.from([1, NaN, 3]) },
          { kind: 'coded', name: 'c', type: 'categorical', codes: Int32Array.from([0, 1, -1]), dictionary: ['a', 'b'] },
        ],
      },
    });
    await v1.table('files').put({ id: 'f1', projectId: 'p', name: 'a.csv', size: 3, bytes: new TextEncoder().encode('a,b').buffer });
    v1.close();

    const v2 = new LatheDB(name);
    await v2.open();
    const meta = (await v2.datasets.get('d1'))!;
    expect(meta.complete).toBe(true);
    expect('table' in meta).toBe(false);
    const t = joinTable(meta, await v2.chunks.where('datasetId').equals('d1').toArray());
    const [x, c] = t.columns;
    expect(x.kind === 'numeric' && Array.from(x.values)).toEqual([1, NaN, 3]);
    expect(c.kind === 'coded' && [Array.from(c.codes), c.dictionary]).toEqual([[0, 1, -1], ['a', 'b']]);
    const file = (await v2.files.get('f1'))!;
    expect(await file.blob.text()).toBe('a,b');
    v2.close();
  });
});

describe('storage quota', () => {
  it('says how much room was needed and leaves nothing half-written', async () => {
    const p = await createProject('Full', []);
    const spy = vi.spyOn(db().chunks, 'bulkPut').mockRejectedValueOnce(new DOMException('full', 'QuotaExceededError'));
    const table = { rowCount: 2, columns: [{ kind: 'numeric' as const, name: 'x', type: 'float' as const, values: Float64Array.from([1, 2]) }] };
    const err = await writeDataset({ id: 'q1', projectId: p.id, name: 'x' }, table).catch((e: unknown) => e);
    spy.mockRestore();
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/no room left to store this dataset/);
    expect(await db().datasets.get('q1')).toBeUndefined();
    expect(await db().chunks.where('datasetId').equals('q1').count()).toBe(0);
  });
});
