import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { exportProject, importDocument, importProjectFile, latheFileName, openPayload, payloadNeeds, projectDocument, sealPayload } from '../../../src/share/project-files';
import { gatherProject, type ProjectBundle } from '../../../src/store/project-io';
import { createProject, getProject, listProjects } from '../../../src/store/projects';
import { putFile, putOutput } from '../../../src/store/outputs';
import { writeDataset } from '../../../src/store/datasets';
import { addDeployment, saveEndpoint } from '../../../src/store/endpoints';
import { cellKind, contractOf } from '../../../src/cells/registry';
import { cellStates, expectedHashes, type CellRecord } from '../../../src/notebook/graph';
import { shareFragment } from '../../../src/share/share-link';
import { fromBase64url } from '../../../src/share/base64url';
import type { OutputRecord } from '../../../src/store/db';

const TOKEN = 'tok-9f8e7d6c-never-share';
const XSS = '<img src=x onerror="window.__xss=1">';

const cell = (kind: string, config?: unknown, title?: string): CellRecord => ({ id: crypto.randomUUID(), kind, title: title ?? cellKind(kind).title, config: config ?? cellKind(kind).defaultConfig() });

/** A trained-looking project: every kind of the sample notebook and a Deploy cell, outputs as the kinds produce them. */
async function trainedProject(): Promise<string> {
  const fileId = crypto.randomUUID();
  const datasetId = crypto.randomUUID();
  const endpointId = crypto.randomUUID();
  const cells = [
    cell('note', { text: `# Notes ${XSS}` }),
    cell('data', { source: 'file', name: `${XSS}.csv`, size: 20, fileId }),
    cell('profile'),
    cell('frame', { target: 'species', task: 'auto' }),
    cell('split'),
    cell('train'),
    cell('evaluate'),
    cell('export', { fileName: 'm.zip' }),
    cell('deploy', { endpointId, parityRows: 10 }),
  ];
  const p = await createProject('Shared <script>', cells);
  await saveEndpoint({ id: endpointId, name: 'Prod', baseUrl: 'https://serve.example', model: '', token: TOKEN });
  await putFile({ id: fileId, projectId: p.id, name: `${XSS}.csv`, size: 20, blob: new Blob([`${XSS},species\n1,a\n2,b\n`], { type: 'text/csv' }) });
  await writeDataset({ id: datasetId, projectId: p.id, name: `${XSS}.csv` }, {
    rowCount: 3,
    columns: [
      { kind: 'numeric', name: XSS, type: 'float', values: Float64Array.from([1, NaN, 2]) },
      { kind: 'coded', name: 'species', type: 'categorical', codes: Int32Array.from([0, 1, -1]), dictionary: [XSS, 'b'] },
    ],
  });
  const hashes = expectedHashes(cells, contractOf);
  const values: Record<string, unknown> = {
    data: { datasetId, name: `${XSS}.csv`, rows: 3, columns: [{ name: XSS, type: 'float' }, { name: 'species', type: 'categorical' }], head: [['1', XSS]] },
    profile: { version: 2, rows: 3, columns: [], missingCells: 1, missingCellsShare: 1 / 6, head: [['1', XSS]], tail: [['2', 'b']], duplicates: 0, duplicateShare: 0, duplicateRows: [], alerts: [{ type: 'MISSING', column: XSS, message: 'missing', value: NaN }] },
    frame: { target: 'species', task: 'classification', detectedTask: 'classification', classes: [XSS, 'b'], classCounts: [1, 1], rowsWithTarget: 2, baseline: { metric: 'accuracy', value: 0.5, label: XSS }, features: [XSS], excluded: [] },
    split: { train: Int32Array.from([0]), test: Int32Array.from([1]), stratified: false },
    train: { task: 'classification', artifacts: { weightData: new Float32Array([0.25, -1.5, NaN]).buffer, modelTopology: { layers: 1 } }, history: [{ epoch: 1, loss: 0.7 }], epochsRun: 1, trainRows: 1, trainMs: 3, backend: { name: 'cpu' } },
    evaluate: { task: 'classification', n: 1, metrics: { accuracy: 1 }, confusion: [[1, 0], [0, 0]], classes: [XSS, 'b'], baseline: { metric: 'accuracy', value: 0.5, label: XSS } },
    export: { fileName: 'm.zip', zip: Uint8Array.from([80, 75, 5, 6, 0, 0]), size: 6, files: ['model.onnx'] },
    deploy: { model: 'm', version: '1', pass: true, rows: 10, maxAbsDiff: 0, labelMismatches: 0, p50Ms: 1, p95Ms: 2, projectId: p.id, endpointId, endpointName: 'Prod', at: 5 },
  };
  for (const c of cells) {
    if (c.kind === 'note') continue;
    // The Train cell's stored output is stale (ran under another config); the rest are fresh.
    const hash = c.kind === 'train' ? 'stale-hash' : hashes.get(c.id)!;
    await putOutput({ cellId: c.id, projectId: p.id, hash, ranAt: 10, durationMs: 2.5, value: values[c.kind] });
  }
  await addDeployment({ id: crypto.randomUUID(), projectId: p.id, model: 'm', endpointId, endpointName: 'Prod', baseUrl: 'https://serve.example', at: 5, version: '1', result: 'passed', rows: 10, maxAbsDiff: 0, labelMismatches: 0, p50Ms: 1, p95Ms: 2 });
  return p.id;
}

const statesOf = (b: ProjectBundle) => {
  const metas = new Map(b.outputs.map((o) => [o.cellId, { hash: o.hash, failed: !!o.error }]));
  const s = cellStates(b.project.cells, contractOf, metas);
  return b.project.cells.map((c) => s.get(c.id));
};

/** The imported bundle with its ids turned back into the original's, matched by position and name. */
function backToOriginalIds(copy: ProjectBundle, original: ProjectBundle): ProjectBundle {
  const map = new Map<string, string>([[copy.project.id, original.project.id]]);
  copy.project.cells.forEach((c, i) => map.set(c.id, original.project.cells[i].id));
  copy.datasets.forEach((d, i) => map.set(d.id, original.datasets[i].id));
  copy.files.forEach((f, i) => map.set(f.id, original.files[i].id));
  copy.deployments.forEach((d, i) => map.set(d.id, original.deployments[i].id));
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return map.get(v) ?? v;
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return v;
    if (Array.isArray(v)) return v.map(walk);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [map.get(k) ?? k, walk(x)]));
  };
  return walk(copy) as ProjectBundle;
}

const byCell = (outputs: OutputRecord[], cells: CellRecord[]) => cells.map((c) => outputs.find((o) => o.cellId === c.id));

describe('project files', () => {
  it('round-trips a project losslessly through a .lathe file: notebook, outputs, datasets, files, deployments, states', async () => {
    const id = await trainedProject();
    const original = await gatherProject(id, { includeData: true });
    const imported = await importProjectFile(await exportProject(id, { includeData: true }));
    const copy = await gatherProject(imported.id, { includeData: true });

    expect(copy.project.id).not.toBe(id);
    expect(statesOf(copy)).toEqual(statesOf(original));
    expect(statesOf(copy)).toEqual(['never', 'fresh', 'fresh', 'fresh', 'fresh', 'stale', 'fresh', 'fresh', 'fresh']);
    const back = backToOriginalIds(copy, original);
    expect(back.project).toEqual({ ...original.project, updatedAt: back.project.updatedAt, codeConsent: 'pending' });
    // Byte-identical values, typed-array types included; only fresh outputs' hashes differ (they follow the new ids).
    const strip = (o: OutputRecord | undefined) => o && { ...o, hash: '' };
    expect(byCell(back.outputs, back.project.cells).map(strip)).toStrictEqual(byCell(original.outputs, original.project.cells).map(strip));
    const train = byCell(back.outputs, back.project.cells)[5]!;
    expect(train.hash).toBe('stale-hash');
    expect((train.value as { artifacts: { weightData: ArrayBuffer } }).artifacts.weightData).toBeInstanceOf(ArrayBuffer);
    expect(back.datasets).toStrictEqual(original.datasets);
    expect(back.files).toStrictEqual(original.files);
    expect(back.deployments).toStrictEqual(original.deployments);
  });

  it('never puts an endpoint token into a file or a link', async () => {
    const id = await trainedProject();
    for (const includeData of [true, false]) {
      const bytes = await exportProject(id, { includeData });
      const texts = [Buffer.from(bytes).toString('latin1'), ...Object.values(unzipSync(bytes)).map((e) => Buffer.from(e).toString('latin1'))];
      for (const t of texts) expect(t).not.toContain(TOKEN);
      const link = 'https://lathe.example/' + shareFragment(bytes);
      expect(link).not.toContain(TOKEN);
      const inLink = unzipSync(fromBase64url(link.slice(link.indexOf('#share=') + 7)));
      for (const e of Object.values(inLink)) expect(Buffer.from(e).toString('latin1')).not.toContain(TOKEN);
      // What the file does say about the endpoint: its id and name, as the Deploy cell shows them.
      expect(texts.join('')).toContain('Prod');
    }
  });

  it('without data: no datasets or files, no quoted rows, every output still there', async () => {
    const id = await trainedProject();
    const doc = await projectDocument(id, { includeData: false });
    expect(doc.includesData).toBe(false);
    expect(doc.datasets).toEqual([]);
    expect(doc.files).toEqual([]);
    const outs = byCell(doc.outputs, doc.project.cells);
    expect(outs.filter(Boolean)).toHaveLength(8);
    expect((outs[1]!.value as { head: unknown[] }).head).toEqual([]);
    expect((outs[2]!.value as { head: unknown[]; tail: unknown[] }).head).toEqual([]);
    expect((outs[2]!.value as { tail: unknown[] }).tail).toEqual([]);
    expect((outs[3]!.value as { baseline: { value: number } }).baseline.value).toBe(0.5);
    const imported = await importDocument(doc);
    const copy = await gatherProject(imported.id, { includeData: true });
    expect(copy.datasets).toEqual([]);
    expect(statesOf(copy)).toEqual(statesOf(await gatherProject(id, { includeData: false })));
    // The data cell's dataset id was rewritten too: the copy never points at the sender's dataset.
    expect((byCell(copy.outputs, copy.project.cells)[1]!.value as { datasetId: string }).datasetId).not.toBe((outs[1]!.value as { datasetId: string }).datasetId);
  });

  it('imports the same file twice, and into the browser it came from, without touching the original', async () => {
    const id = await trainedProject();
    const before = await gatherProject(id, { includeData: true });
    const bytes = await exportProject(id, { includeData: true });
    const a = await importProjectFile(bytes);
    const b = await importProjectFile(bytes);
    expect(new Set([id, a.id, b.id]).size).toBe(3);
    expect(a.codeConsent).toBe('pending');
    expect((await getProject(b.id))!.codeConsent).toBe('pending');
    expect(await gatherProject(id, { includeData: true })).toStrictEqual(before);
    const names = (await listProjects()).filter((p) => [a.id, b.id].includes(p.id)).map((p) => p.name);
    expect(names).toEqual(['Shared <script>', 'Shared <script>']);
  });

  it('seals and opens share payloads; an encrypted file cannot be imported as a plain one', async () => {
    const bytes = await exportProject(await trainedProject(), { includeData: false });
    expect(payloadNeeds(bytes)).toBe('nothing');
    const keyed = await sealPayload(bytes, { mode: 'key' });
    expect(payloadNeeds(keyed.bytes)).toBe('key');
    expect((await openPayload(keyed.bytes, { key: keyed.key })).project.name).toBe('Shared <script>');
    await expect(importProjectFile(keyed.bytes)).rejects.toThrow(/encrypted/);
    expect(() => payloadNeeds(new Uint8Array([1, 2, 3]))).toThrow(/does not hold a Lathe project/);
  });

  it('names the file after the project, without characters file systems refuse', () => {
    expect(latheFileName('Penguin species')).toBe('Penguin species.lathe');
    expect(latheFileName('a/b:c*?<x>|')).toBe('a-b-c-x-.lathe');
    expect(latheFileName('...')).toBe('project.lathe');
  });
});
