// Project files and share payloads end to end: a stored project to bytes, and bytes back to a document or a new project.
import { cellKind, contractOf } from '../cells/registry';
import { gatherProject, insertProject } from '../store/project-io';
import type { ProjectRecord } from '../store/db';
import { LATHE_VERSION } from '../version';
import { LATHE_FORMAT_VERSION, type LatheDocument } from './lathe-document';
import { isZip, readLatheFile, writeLatheFile } from './lathe-file';
import { withoutRawData, type RedactableKind } from './redact';
import { reidentify } from './reidentify';
import { envelopeKind, openEnvelope, sealWithKey, sealWithPassphrase } from './encryption';
import { fromBase64url } from './base64url';
import { fetchLatheFile } from './fetch-lathe';
import type { SharedSource } from './share-link';
import { UserError } from '../core/errors/user-error';

export interface ExportOptions {
  /** Datasets, files and the rows outputs quote; without them outputs go through redact.ts. */
  includeData: boolean;
}

export type Encryption = { mode: 'none' } | { mode: 'key' } | { mode: 'passphrase'; passphrase: string };

/** The document for a stored project. Never reads the endpoints table, so no token can come along. */
export async function projectDocument(projectId: string, opts: ExportOptions, now = Date.now()): Promise<LatheDocument> {
  const bundle = await gatherProject(projectId, opts);
  const kinds = new Map(bundle.project.cells.map((c) => [c.id, c.kind]));
  // An output whose cell is gone (or a kind this build lacks) has nothing to show it: left out.
  const outputs = bundle.outputs.filter((o) => kinds.has(o.cellId) && known(kinds.get(o.cellId)!));
  return {
    format: 'lathe',
    version: LATHE_FORMAT_VERSION,
    app: LATHE_VERSION,
    exportedAt: now,
    includesData: opts.includeData,
    ...bundle,
    outputs: opts.includeData
      ? outputs
      : outputs.map((o) => (o.value === undefined ? o : { ...o, value: withoutRawData(o.value, redactable(kinds.get(o.cellId)!)) })),
  };
}

/** A stored project as the bytes of a .lathe file. */
export async function exportProject(projectId: string, opts: ExportOptions): Promise<Uint8Array> {
  return writeLatheFile(await projectDocument(projectId, opts));
}

/**
 * Adds a document to this browser as a new project: new ids throughout (so the same file can be imported
 * twice, or into the browser it came from), outputs that were fresh stay fresh, and Code cells wait for
 * the user's consent before anything runs.
 */
export async function importDocument(doc: LatheDocument): Promise<ProjectRecord> {
  const fresh = reidentify(doc, contractOf);
  const project: ProjectRecord = { ...fresh.project, updatedAt: Date.now(), codeConsent: 'pending' };
  await insertProject({ ...fresh, project });
  return project;
}

/** Imports the bytes of a .lathe file (a plain one: an encrypted file is opened through a link). */
export async function importProjectFile(bytes: Uint8Array): Promise<ProjectRecord> {
  if (envelopeKind(bytes)) {
    throw new UserError('This project file is encrypted.', 'Open it through the link it was shared with (the link holds the key, or asks for the passphrase).');
  }
  return importDocument(await readLatheFile(bytes));
}

/** Encrypts a payload as asked; `key` is what the link must carry (only for mode 'key'). */
export async function sealPayload(plain: Uint8Array, encryption: Encryption): Promise<{ bytes: Uint8Array; key?: string }> {
  if (encryption.mode === 'key') return sealWithKey(plain);
  if (encryption.mode === 'passphrase') return { bytes: await sealWithPassphrase(plain, encryption.passphrase) };
  return { bytes: plain };
}

/** What a link payload or hosted file needs to be opened: nothing, its key, or a passphrase. */
export function payloadNeeds(bytes: Uint8Array): 'nothing' | 'key' | 'passphrase' {
  const kind = envelopeKind(bytes);
  if (kind) return kind;
  if (!isZip(bytes)) throw new UserError('This link does not hold a Lathe project.', 'It may have been cut short or changed when it was copied: ask for the whole link again.');
  return 'nothing';
}

/** Opens a payload (plain or sealed) into a document. */
export async function openPayload(bytes: Uint8Array, secret: { key?: string; passphrase?: string } = {}): Promise<LatheDocument> {
  const plain = payloadNeeds(bytes) === 'nothing' ? bytes : await openEnvelope(bytes, secret);
  return readLatheFile(plain);
}

/** The bytes a share link points at: inline in the fragment, or fetched from where the file is hosted. */
export async function sharedBytes(source: SharedSource, fetchImpl: typeof fetch = fetch): Promise<Uint8Array> {
  return source.kind === 'inline' ? fromBase64url(source.payload) : fetchLatheFile(source.url, fetchImpl);
}

/** A file name for a project's .lathe file: its name, without characters file systems refuse. */
export function latheFileName(projectName: string): string {
  const base = projectName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/^[\s.-]+|[\s.]+$/g, '').slice(0, 100);
  return (base || 'project') + '.lathe';
}

function known(kind: string): boolean {
  try {
    contractOf(kind);
    return true;
  } catch {
    return false;
  }
}

function redactable(kind: string): RedactableKind {
  return cellKind(kind) as RedactableKind;
}
