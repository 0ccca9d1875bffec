import { describe, expect, it } from 'vitest';
import {
  cellStates,
  expectedHashes,
  resolveInputs,
  resolveReferences,
  runPlan,
  unmetNeeds,
  unmetReferences,
  type CellContract,
  type CellRecord,
  type StoredOutputMeta,
} from '../../../src/notebook/graph';

const contracts: Record<string, CellContract> = {
  data: { kind: 'data', version: 1, needs: [], produces: 'dataset' },
  profile: { kind: 'profile', version: 1, needs: ['dataset'], produces: 'profile' },
  frame: { kind: 'frame', version: 1, needs: ['dataset'], produces: 'frame' },
  split: { kind: 'split', version: 1, needs: ['dataset', 'frame'], produces: 'split' },
  note: { kind: 'note', version: 1, needs: [], produces: null },
};
const contractOf = (k: string) => contracts[k];

const notebook = (): CellRecord[] => [
  { id: 'n', kind: 'note', title: '', config: { text: 'hi' } },
  { id: 'd', kind: 'data', title: '', config: { file: 'a.csv' } },
  { id: 'p', kind: 'profile', title: '', config: {} },
  { id: 'f', kind: 'frame', title: '', config: { target: 'y' } },
  { id: 's', kind: 'split', title: '', config: { test: 0.2 } },
];

function freshOutputs(cells: CellRecord[]): Map<string, StoredOutputMeta> {
  const h = expectedHashes(cells, contractOf);
  return new Map(cells.map((c) => [c.id, { hash: h.get(c.id)! }]));
}

describe('notebook graph', () => {
  it('resolves each need to the nearest producer above', () => {
    const cells = notebook();
    cells.splice(3, 0, { id: 'd2', kind: 'data', title: '', config: { file: 'b.csv' } });
    const inputs = resolveInputs(cells, contractOf);
    expect(inputs.get('p')).toEqual({ dataset: 'd' });
    expect(inputs.get('f')).toEqual({ dataset: 'd2' });
    expect(inputs.get('s')).toEqual({ dataset: 'd2', frame: 'f' });
    expect(unmetNeeds([{ id: 'x', kind: 'split', title: '', config: {} }], contractOf, 'x')).toEqual(['dataset', 'frame']);
  });

  it('marks everything downstream of a changed cell stale, and nothing else', () => {
    const cells = notebook();
    const outputs = freshOutputs(cells);
    expect([...cellStates(cells, contractOf, outputs).values()].every((s) => s === 'fresh')).toBe(true);
    cells[3] = { ...cells[3], config: { target: 'z' } }; // the frame cell
    const states = cellStates(cells, contractOf, outputs);
    expect(Object.fromEntries(states)).toEqual({ n: 'fresh', d: 'fresh', p: 'fresh', f: 'stale', s: 'stale' });
    expect(runPlan(cells, contractOf, states)).toEqual(['f', 's']);
  });

  it('a data change invalidates profile, frame and split but not the note', () => {
    const cells = notebook();
    const outputs = freshOutputs(cells);
    cells[1] = { ...cells[1], config: { file: 'other.csv' } };
    const states = cellStates(cells, contractOf, outputs);
    expect(states.get('n')).toBe('fresh');
    expect(['d', 'p', 'f', 's'].map((id) => states.get(id))).toEqual(['stale', 'stale', 'stale', 'stale']);
  });

  it('plans a run of a cell together with its stale inputs only', () => {
    const cells = notebook();
    const outputs = freshOutputs(cells);
    cells[1] = { ...cells[1], config: { file: 'other.csv' } };
    const states = cellStates(cells, contractOf, outputs);
    // the profile is not an input of the split, so it is not re-run for it
    expect(runPlan(cells, contractOf, states, 's')).toEqual(['d', 'f', 's']);
  });

  it('reports never-run, running and failed cells', () => {
    const cells = notebook();
    const h = expectedHashes(cells, contractOf);
    const outputs = new Map<string, StoredOutputMeta>([['d', { hash: h.get('d')!, failed: true }]]);
    const states = cellStates(cells, contractOf, outputs, new Set(['p']));
    expect(states.get('d')).toBe('failed');
    expect(states.get('p')).toBe('running');
    expect(states.get('f')).toBe('never');
  });

  it('changes hashes with the kind version, so upgraded kinds recompute', () => {
    const cells = notebook();
    const before = expectedHashes(cells, contractOf).get('p');
    const bumped = (k: string) => (k === 'profile' ? { ...contracts.profile, version: 2 } : contracts[k]);
    expect(expectedHashes(cells, bumped).get('p')).not.toBe(before);
  });
});

describe('references named by a config', () => {
  const withDrift: Record<string, CellContract> = {
    ...contracts,
    drift: { kind: 'drift', version: 1, needs: ['dataset'], produces: 'drift', references: (c: { ref?: string }) => ({ reference: c.ref }) },
  };
  const of = (k: string) => withDrift[k];
  const cells = (ref?: string): CellRecord[] => [
    { id: 'd1', kind: 'data', title: '', config: { file: 'a.csv' } },
    { id: 'd2', kind: 'data', title: '', config: { file: 'b.csv' } },
    { id: 'x', kind: 'drift', title: '', config: { ref } },
    { id: 'd3', kind: 'data', title: '', config: { file: 'c.csv' } },
  ];

  it('resolves only producing cells above, and reports unset or misplaced ones as unmet', () => {
    expect(resolveReferences(cells('d1'), of).get('x')).toEqual({ reference: 'd1' });
    expect(unmetReferences(cells('d1'), of, 'x')).toEqual([]);
    expect(unmetReferences(cells(undefined), of, 'x')).toEqual(['reference']);
    expect(unmetReferences(cells('d3'), of, 'x')).toEqual(['reference']);
    expect(unmetReferences(cells('nope'), of, 'x')).toEqual(['reference']);
  });

  it('puts the referenced cell in the hash, so changing it makes the reader stale', () => {
    const before = expectedHashes(cells('d1'), of).get('x');
    const edited = cells('d1');
    edited[0].config = { file: 'changed.csv' };
    expect(expectedHashes(edited, of).get('x')).not.toBe(before);
    expect(expectedHashes(cells('d2'), of).get('x')).not.toBe(before);
    // A cell without references hashes as it did before references existed.
    const plain = cells('d1').filter((c) => c.kind !== 'drift');
    expect(expectedHashes(cells('d1'), of).get('d3')).toBe(expectedHashes(plain, contractOf).get('d3'));
  });

  it('runs a stale referenced cell before the reader', () => {
    const cs = cells('d1');
    const states = new Map(cs.map((c) => [c.id, c.id === 'd1' ? ('stale' as const) : ('fresh' as const)]));
    expect(runPlan(cs, of, states, 'x')).toEqual(['d1', 'x']);
  });
});
