// Gives an imported project new ids everywhere (project, cells, datasets, files, deployments) and keeps its outputs' freshness.
import { UserError } from '../core/errors/user-error';
import { expectedHashes, type CellContract } from '../notebook/graph';
import type { LatheDocument } from './lathe-document';

/**
 * Ids long enough to be random (UUIDs) are replaced wherever they occur inside a string; shorter ones
 * only where a whole string or key equals them, so that an id like "c1" never rewrites "abc1".
 */
const SUBSTRING_MIN = 16;

/**
 * The document with fresh ids, every reference to an old id rewritten (in configs, outputs, errors and
 * deployments, keys included), and each output that was fresh in the file given the hash its cell
 * expects under the new ids, so the imported notebook shows the same states. Cell ids are the outputs
 * table's keys: without this, importing a file twice, or into the browser it came from, would collide.
 *
 * References are found without knowing any cell kind: an id is anything the file owns (project, cells,
 * datasets, files, deployments) or names as a `datasetId` / `fileId` anywhere (a dataset left out of a
 * file without its data keeps being told apart from the sender's).
 */
export function reidentify(
  doc: LatheDocument,
  contractOf: (kind: string) => CellContract,
  newId: () => string = () => crypto.randomUUID(),
): LatheDocument {
  for (const c of doc.project.cells) {
    try {
      contractOf(c.kind);
    } catch {
      throw new UserError(`This project has a “${c.kind}” cell, which this version of Lathe does not know.`, 'Open it with an up-to-date Lathe.');
    }
  }
  const owned = [
    doc.project.id,
    ...doc.project.cells.map((c) => c.id),
    ...doc.datasets.map((d) => d.id),
    ...doc.files.map((f) => f.id),
    ...doc.deployments.map((d) => d.id),
  ];
  const named = new Set<string>();
  collectNamedIds([doc.project.cells.map((c) => c.config), doc.outputs.map((o) => o.value)], named);
  const ids = new Map<string, string>();
  for (const id of [...owned, ...named]) if (id && !ids.has(id)) ids.set(id, newId());

  const rewrite = stringRewriter(ids);
  const oldHashes = expectedHashes(doc.project.cells, contractOf);
  const cells = doc.project.cells.map((c) => ({ ...c, id: ids.get(c.id)!, config: deepRewrite(c.config, rewrite) }));
  const newHashes = expectedHashes(cells, contractOf);
  const cellIds = new Set(doc.project.cells.map((c) => c.id));
  const projectId = ids.get(doc.project.id)!;

  return {
    ...doc,
    project: { ...doc.project, id: projectId, cells },
    // An output of a cell that is no longer in the notebook has nothing to show it: it is left behind.
    outputs: doc.outputs
      .filter((o) => cellIds.has(o.cellId))
      .map((o) => {
        const cellId = ids.get(o.cellId)!;
        const wasFresh = o.hash === oldHashes.get(o.cellId);
        return {
          ...(deepRewrite(o, rewrite) as typeof o),
          cellId,
          projectId,
          hash: wasFresh ? newHashes.get(cellId)! : o.hash,
        };
      }),
    deployments: doc.deployments.map((d) => ({ ...(deepRewrite(d, rewrite) as typeof d), id: ids.get(d.id)!, projectId })),
    datasets: doc.datasets.map((d) => ({ ...d, id: ids.get(d.id)! })),
    files: doc.files.map((f) => ({ ...f, id: ids.get(f.id)! })),
  };
}

function collectNamedIds(value: unknown, into: Set<string>): void {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return;
  if (Array.isArray(value)) {
    for (const v of value) collectNamedIds(v, into);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if ((k === 'datasetId' || k === 'fileId') && typeof v === 'string') into.add(v);
    else collectNamedIds(v, into);
  }
}

function stringRewriter(ids: Map<string, string>): (s: string) => string {
  const long = [...ids.keys()].filter((id) => id.length >= SUBSTRING_MIN);
  const pattern = long.length ? new RegExp(long.map(escapeRegExp).join('|'), 'g') : null;
  return (s) => {
    const whole = ids.get(s);
    if (whole !== undefined) return whole;
    return pattern && s.length >= SUBSTRING_MIN ? s.replace(pattern, (m) => ids.get(m)!) : s;
  };
}

/** A copy with every string (and key) rewritten; typed arrays, buffers and other objects are kept as they are. */
function deepRewrite(value: unknown, rewrite: (s: string) => string): unknown {
  if (typeof value === 'string') return rewrite(value);
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  if (Array.isArray(value)) return value.map((v) => deepRewrite(v, rewrite));
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [deepRewrite(k, rewrite), deepRewrite(v, rewrite)]));
  if (value instanceof Set) return new Set([...value].map((v) => deepRewrite(v, rewrite)));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [rewrite(k), deepRewrite(v, rewrite)]));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
