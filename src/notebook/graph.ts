// The notebook as a dependency graph: which cell feeds which, cache keys, and each cell's state.
import { hashValue } from '../core/hash/stable-hash';

/** What a cell hands downstream. A cell needs kinds of output, not particular cells. */
export type OutputKind =
  | 'dataset'
  | 'profile'
  | 'quality'
  | 'drift'
  | 'frame'
  | 'split'
  | 'model'
  | 'evaluation'
  | 'export'
  | 'deployment';

export interface CellRecord {
  id: string;
  kind: string;
  title: string;
  config: unknown;
}

/** The part of a cell kind the graph needs to know. */
export interface CellContract {
  kind: string;
  version: number;
  needs: readonly OutputKind[];
  produces: OutputKind | null;
  /**
   * Cells this one also reads, named by its config rather than found by kind (e.g. a Drift cell's
   * reference dataset): name → cell id. Only cells above it count; their hashes go into this one's.
   */
  references?: (config: any) => Record<string, string | undefined>; // eslint-disable-line @typescript-eslint/no-explicit-any -- each kind knows its own config
}

export interface StoredOutputMeta {
  hash: string;
  /** Set when the run with this hash failed. */
  failed?: boolean;
}

export type CellState = 'never' | 'running' | 'fresh' | 'stale' | 'failed';

/**
 * For each cell, the cell that supplies each of its needs: the nearest cell above it that produces
 * that kind. Missing entries mean the need is unmet (the cell cannot run yet).
 */
export function resolveInputs(
  cells: readonly CellRecord[],
  contractOf: (kind: string) => CellContract,
): Map<string, Partial<Record<OutputKind, string>>> {
  const result = new Map<string, Partial<Record<OutputKind, string>>>();
  const latest: Partial<Record<OutputKind, string>> = {};
  for (const cell of cells) {
    const contract = contractOf(cell.kind);
    const inputs: Partial<Record<OutputKind, string>> = {};
    for (const need of contract.needs) if (latest[need]) inputs[need] = latest[need];
    result.set(cell.id, inputs);
    if (contract.produces) latest[contract.produces] = cell.id;
  }
  return result;
}

/**
 * For each cell, the cells its config names (CellContract.references) that exist above it and
 * produce an output. A name pointing anywhere else is left out (the cell cannot run yet).
 */
export function resolveReferences(
  cells: readonly CellRecord[],
  contractOf: (kind: string) => CellContract,
): Map<string, Record<string, string>> {
  const result = new Map<string, Record<string, string>>();
  const above = new Set<string>();
  for (const cell of cells) {
    const contract = contractOf(cell.kind);
    const refs: Record<string, string> = {};
    for (const [name, id] of Object.entries(contract.references?.(cell.config) ?? {})) {
      if (id && above.has(id)) refs[name] = id;
    }
    result.set(cell.id, refs);
    if (contract.produces) above.add(cell.id);
  }
  return result;
}

/**
 * The hash a cell's output must carry to be fresh: its kind, kind version and config, and the
 * expected hashes of the cells it reads. Changing any cell therefore changes every hash downstream.
 */
export function expectedHashes(
  cells: readonly CellRecord[],
  contractOf: (kind: string) => CellContract,
): Map<string, string> {
  const inputs = resolveInputs(cells, contractOf);
  const references = resolveReferences(cells, contractOf);
  const hashes = new Map<string, string>();
  for (const cell of cells) {
    const contract = contractOf(cell.kind);
    const upstream: Record<string, string | null> = {};
    for (const need of contract.needs) {
      const from = inputs.get(cell.id)?.[need];
      upstream[need] = from ? (hashes.get(from) ?? null) : null;
    }
    // Prefixed so a reference can never collide with a need; cells without references hash as before.
    for (const [name, id] of Object.entries(references.get(cell.id) ?? {})) upstream[`ref:${name}`] = hashes.get(id) ?? null;
    hashes.set(cell.id, hashValue({ kind: cell.kind, v: contract.version, config: cell.config, upstream }));
  }
  return hashes;
}

/** Each cell's state from the outputs stored for it. */
export function cellStates(
  cells: readonly CellRecord[],
  contractOf: (kind: string) => CellContract,
  outputs: ReadonlyMap<string, StoredOutputMeta>,
  running: ReadonlySet<string> = new Set(),
): Map<string, CellState> {
  const hashes = expectedHashes(cells, contractOf);
  const states = new Map<string, CellState>();
  for (const cell of cells) {
    if (running.has(cell.id)) {
      states.set(cell.id, 'running');
      continue;
    }
    const out = outputs.get(cell.id);
    if (!out) states.set(cell.id, 'never');
    else if (out.hash !== hashes.get(cell.id)) states.set(cell.id, 'stale');
    else states.set(cell.id, out.failed ? 'failed' : 'fresh');
  }
  return states;
}

/**
 * The cells to run, in notebook order, so that `target` ends fresh: the target itself and every
 * cell it depends on (transitively) that is not fresh. With no target: every cell that is not fresh.
 */
export function runPlan(
  cells: readonly CellRecord[],
  contractOf: (kind: string) => CellContract,
  states: ReadonlyMap<string, CellState>,
  target?: string,
): string[] {
  if (!target) return cells.filter((c) => states.get(c.id) !== 'fresh').map((c) => c.id);
  const inputs = resolveInputs(cells, contractOf);
  const references = resolveReferences(cells, contractOf);
  const wanted = new Set<string>([target]);
  const visit = (id: string) => {
    for (const from of [...Object.values(inputs.get(id) ?? {}), ...Object.values(references.get(id) ?? {})]) {
      // A fresh input's own inputs are fresh too: its hash covers theirs.
      if (from && !wanted.has(from) && states.get(from) !== 'fresh') {
        wanted.add(from);
        visit(from);
      }
    }
  };
  visit(target);
  return cells.filter((c) => wanted.has(c.id)).map((c) => c.id);
}

/** Reference names a cell's config sets that point at no producing cell above it. */
export function unmetReferences(
  cells: readonly CellRecord[],
  contractOf: (kind: string) => CellContract,
  cellId: string,
): string[] {
  const cell = cells.find((c) => c.id === cellId);
  if (!cell) return [];
  const wanted = contractOf(cell.kind).references?.(cell.config) ?? {};
  const found = resolveReferences(cells, contractOf).get(cellId) ?? {};
  return Object.keys(wanted).filter((name) => !found[name]);
}

/** Needs of a cell that no cell above it produces, for the "add a Data cell first" message. */
export function unmetNeeds(
  cells: readonly CellRecord[],
  contractOf: (kind: string) => CellContract,
  cellId: string,
): OutputKind[] {
  const cell = cells.find((c) => c.id === cellId);
  if (!cell) return [];
  const inputs = resolveInputs(cells, contractOf).get(cellId) ?? {};
  return contractOf(cell.kind).needs.filter((n) => !inputs[n]);
}
