// Brings a project file's document from any older format version to the current one, and checks its shape.
import { UserError } from '../core/errors/user-error';
import { LATHE_FORMAT_VERSION, type LatheDocument } from './lathe-document';

/** A step from format version n to n + 1 (it sets `version` to n + 1). */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * MIGRATIONS[n] turns a version-n document into version n + 1. Version 1 is the first format, so there
 * are none yet; format 2 will add `1: (doc) => ({ ...doc, version: 2, … })` here and never edit version 1.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

const NOT_LATHE = 'This is not a Lathe project file.';

/**
 * The document in the current format. Throws a UserError for something that is not a Lathe document,
 * a damaged one, or one written by a newer Lathe.
 */
export function migrate(input: unknown, current: number = LATHE_FORMAT_VERSION, steps: Readonly<Record<number, Migration>> = MIGRATIONS): LatheDocument {
  if (!isRecord(input) || input.format !== 'lathe') throw new UserError(NOT_LATHE, 'Open a .lathe file saved by Lathe (Ctrl+S in a project, or Share → Download .lathe).');
  let doc = input;
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1) throw damaged('it has no valid format version');
  let version: number = doc.version;
  if (version > current) {
    throw new UserError(
      `This project file was written by a newer Lathe (file format ${version}); this one reads formats up to ${current}.`,
      'Open it with an up-to-date Lathe.',
    );
  }
  while (version < current) {
    const step = steps[version];
    if (!step) throw damaged(`no way is known from format ${version} to ${version + 1}`);
    doc = step(doc);
    if (doc.version !== version + 1) throw new Error(`The migration from format ${version} did not produce format ${version + 1}.`);
    version += 1;
  }
  return checkShape(doc);
}

function checkShape(doc: Record<string, unknown>): LatheDocument {
  const project = doc.project;
  if (!isRecord(project) || typeof project.id !== 'string' || typeof project.name !== 'string' || !Array.isArray(project.cells)) {
    throw damaged('its project is missing or incomplete');
  }
  const cellIds = new Set<string>();
  for (const c of project.cells) {
    if (!isRecord(c) || typeof c.id !== 'string' || typeof c.kind !== 'string' || typeof c.title !== 'string') throw damaged('a cell has no id, kind or title');
    if (cellIds.has(c.id)) throw damaged('two cells have the same id');
    cellIds.add(c.id);
  }
  for (const key of ['outputs', 'deployments', 'datasets', 'files'] as const) {
    if (doc[key] === undefined) doc[key] = [];
    if (!Array.isArray(doc[key])) throw damaged(`its ${key} are not a list`);
  }
  const outputIds = new Set<string>();
  for (const o of doc.outputs as unknown[]) {
    if (!isRecord(o) || typeof o.cellId !== 'string' || typeof o.hash !== 'string') throw damaged('an output has no cell id or hash');
    if (outputIds.has(o.cellId)) throw damaged('a cell has two outputs');
    outputIds.add(o.cellId);
  }
  const ids = new Set<string>();
  for (const ds of doc.datasets as unknown[]) {
    if (!isRecord(ds) || typeof ds.id !== 'string' || !isRecord(ds.table) || !Array.isArray(ds.table.columns)) throw damaged('a dataset is incomplete');
    if (ids.has(ds.id)) throw damaged('two datasets have the same id');
    ids.add(ds.id);
  }
  for (const f of doc.files as unknown[]) {
    if (!isRecord(f) || typeof f.id !== 'string' || !(f.bytes instanceof Uint8Array)) throw damaged('a stored file has no bytes');
    if (ids.has(f.id)) throw damaged('two stored files have the same id');
    ids.add(f.id);
  }
  return { includesData: (doc.datasets as unknown[]).length > 0, ...doc } as unknown as LatheDocument;
}

function damaged(why: string): UserError {
  return new UserError(`This project file is damaged: ${why}.`, 'Ask for the file again, or save it again from the project it came from.');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
