import { describe, expect, it } from 'vitest';
import { reidentify } from '../../../src/share/reidentify';
import { cellStates, expectedHashes, type CellContract } from '../../../src/notebook/graph';
import type { LatheDocument } from '../../../src/share/lathe-document';
import { UserError } from '../../../src/core/errors/user-error';

// Contracts as the graph sees them; 'compare' names another cell in its config, as a Drift cell does.
const CONTRACTS: Record<string, CellContract> = {
  data: { kind: 'data', version: 2, needs: [], produces: 'dataset' },
  profile: { kind: 'profile', version: 2, needs: ['dataset'], produces: 'profile' },
  compare: { kind: 'compare', version: 1, needs: ['dataset'], produces: 'drift', references: (c: { reference?: string }) => ({ reference: c.reference }) },
  note: { kind: 'note', version: 1, needs: [], produces: null },
};
const contractOf = (k: string) => {
  const c = CONTRACTS[k];
  if (!c) throw new Error('unknown ' + k);
  return c;
};

const P = '11111111-1111-4111-8111-111111111111';
const D1 = '22222222-2222-4222-8222-222222222222';
const D2 = '33333333-3333-4333-8333-333333333333';
const PR = '44444444-4444-4444-8444-444444444444';
const CMP = '55555555-5555-4555-8555-555555555555';
const FILE = '66666666-6666-4666-8666-666666666666';
const DS1 = '77777777-7777-4777-8777-777777777777';
const DS2 = '88888888-8888-4888-8888-888888888888';

function doc(): LatheDocument {
  const cells = [
    { id: 'n1', kind: 'note', title: 'About c1', config: { text: 'see abc1' } },
    { id: D1, kind: 'data', title: 'Reference', config: { source: 'file', name: 'a.csv', size: 1, fileId: FILE } },
    { id: PR, kind: 'profile', title: 'Profile', config: {} },
    { id: D2, kind: 'data', title: 'Current', config: { source: 'sample', name: 'b.csv' } },
    { id: CMP, kind: 'compare', title: 'Drift', config: { reference: D1, byCell: { [D1]: 1 } } },
  ];
  const h = expectedHashes(cells, contractOf);
  return {
    format: 'lathe',
    version: 1,
    app: 'test',
    exportedAt: 0,
    includesData: true,
    project: { id: P, name: 'P', createdAt: 0, updatedAt: 0, cells },
    outputs: [
      { cellId: D1, projectId: P, hash: h.get(D1)!, ranAt: 1, durationMs: 1, value: { datasetId: DS1, name: 'a.csv', head: [] } },
      // Stale: ran under another config.
      { cellId: PR, projectId: P, hash: 'old-hash', ranAt: 1, durationMs: 1, value: { rows: 3, sample: Float64Array.from([1, 2]) } },
      // Its dataset is not in the file (exported without data); its id must still change.
      { cellId: D2, projectId: P, hash: h.get(D2)!, ranAt: 1, durationMs: 1, value: { datasetId: DS2, name: 'b.csv', head: [] } },
      { cellId: CMP, projectId: P, hash: h.get(CMP)!, ranAt: 1, durationMs: 1, error: { message: `reference ${D1} failed` }, value: { against: D1 } },
      { cellId: 'gone-cell', projectId: P, hash: 'x', ranAt: 1, durationMs: 1, value: 1 },
    ],
    deployments: [{ id: 'dep1', projectId: P, model: 'm', endpointId: 'ep', endpointName: 'E', baseUrl: 'http://x', at: 1, version: '1', result: 'passed', rows: 1, maxAbsDiff: 0, labelMismatches: 0, p50Ms: 1, p95Ms: 1 }],
    datasets: [{ id: DS1, name: 'a.csv', createdAt: 0, table: { rowCount: 0, columns: [] } }],
    files: [{ id: FILE, name: 'a.csv', size: 1, type: '', bytes: new Uint8Array([1]) }],
  };
}

let counter = 0;
const newId = () => `new-${(++counter).toString().padStart(4, '0')}-aaaaaaaaaaaaaaaa`;

describe('reidentify', () => {
  it('gives everything new ids and rewrites every reference, wherever it is', () => {
    const before = doc();
    const after = reidentify(before, contractOf, newId);
    const text = JSON.stringify(after, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));
    for (const old of [P, D1, D2, PR, CMP, FILE, DS1, DS2]) expect(text).not.toContain(old);
    for (const old of ['n1', 'dep1']) expect(text).not.toContain(`"${old}"`);
    const ids = after.project.cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(5);
    const [, d1, , , cmp] = after.project.cells;
    expect((d1.config as { fileId: string }).fileId).toBe(after.files[0].id);
    expect((cmp.config as { reference: string }).reference).toBe(d1.id);
    expect(Object.keys((cmp.config as { byCell: object }).byCell)).toEqual([d1.id]);
    expect(after.outputs.map((o) => o.projectId)).toEqual(Array(4).fill(after.project.id));
    expect((after.outputs[0].value as { datasetId: string }).datasetId).toBe(after.datasets[0].id);
    expect((after.outputs[2].value as { datasetId: string }).datasetId).not.toBe(DS2);
    expect(after.outputs[3].error!.message).toBe(`reference ${d1.id} failed`);
    expect(after.deployments[0].projectId).toBe(after.project.id);
    // Short ids are replaced only where a whole string is one: "abc1" and "About c1" stay.
    expect(after.project.cells[0]).toMatchObject({ title: 'About c1', config: { text: 'see abc1' } });
    // Binary values are carried over untouched.
    expect((after.outputs[1].value as { sample: Float64Array }).sample).toStrictEqual(Float64Array.from([1, 2]));
  });

  it('keeps each cell’s state: fresh stays fresh, stale stale, failed failed', () => {
    const before = doc();
    const after = reidentify(before, contractOf, newId);
    const states = (d: LatheDocument) =>
      d.project.cells.map((c) => cellStates(d.project.cells, contractOf, new Map(d.outputs.map((o) => [o.cellId, { hash: o.hash, failed: !!o.error }]))).get(c.id));
    expect(states(before)).toEqual(['never', 'fresh', 'stale', 'fresh', 'failed']);
    expect(states(after)).toEqual(states(before));
    // The hashes did change: the configs now hold other ids.
    expect(after.outputs.find((o) => !o.error && o.value && (o.value as { datasetId?: string }).datasetId === after.datasets[0].id)!.hash).not.toBe(before.outputs[0].hash);
  });

  it('gives different ids each time, so one file can be imported twice', () => {
    const a = reidentify(doc(), contractOf);
    const b = reidentify(doc(), contractOf);
    expect(a.project.id).not.toBe(b.project.id);
    expect(a.project.cells.map((c) => c.id).filter((id) => b.project.cells.some((c) => c.id === id))).toEqual([]);
  });

  it('refuses a cell kind this Lathe does not know, naming it', () => {
    const d = doc();
    d.project.cells.push({ id: 'z', kind: 'hologram', title: 'H', config: {} });
    expect(() => reidentify(d, contractOf)).toThrow(UserError);
    expect(() => reidentify(d, contractOf)).toThrow(/“hologram”/);
  });
});
