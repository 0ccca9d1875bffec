// The .lathe project file: a zip of lathe.json (the document, format-versioned) and its binary parts under bin/.
import { unzip, zip, type Unzipped, type Zippable } from 'fflate';
import { UserError } from '../core/errors/user-error';
import { DOCUMENT_ENTRY, PART_PREFIX, type LatheDocument } from './lathe-document';
import { decodeValue, encodeValue, type Encoded } from './value-codec';
import { migrate } from './migrate';

/** The first bytes of every zip (a local file header). */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Packs a document. Compression runs off the main thread for large entries (fflate's async zip uses
 * workers for files above its threshold), so saving a project with its data keeps the page responsive.
 */
export async function writeLatheFile(doc: LatheDocument): Promise<Uint8Array> {
  const { json, parts } = encodeValue(doc);
  const files: Zippable = { [DOCUMENT_ENTRY]: new TextEncoder().encode(JSON.stringify(json)) };
  // The smallest output for what goes into links; large data parts get a faster level (level 9 costs
  // several times level 6's time for a few per cent).
  parts.forEach((bytes, i) => (files[PART_PREFIX + i] = [bytes, { level: bytes.byteLength > LARGE_PART ? 6 : 9 }]));
  // A fixed date keeps the bytes of equal documents equal (zip stores a modification time per entry).
  return promisify<Uint8Array>((cb) => zip(files, { level: 9, mtime: new Date(2020, 0, 1) }, cb));
}

const LARGE_PART = 1 << 20;

/** Unpacks a .lathe file into a document in the current format (older formats are migrated). */
export async function readLatheFile(bytes: Uint8Array): Promise<LatheDocument> {
  if (!isZip(bytes)) throw new UserError('This is not a Lathe project file (it is not a .lathe zip).', 'Open a .lathe file saved by Lathe.');
  let files: Unzipped;
  try {
    files = await promisify<Unzipped>((cb) => unzip(bytes, cb));
  } catch (err) {
    throw new UserError('This project file is damaged: its zip cannot be read.', 'It may have been cut short while downloading: ask for it again.', { kind: 'damaged', cause: String(err) });
  }
  const entry = files[DOCUMENT_ENTRY];
  if (!entry) throw new UserError(`This zip is not a Lathe project file: it has no ${DOCUMENT_ENTRY}.`, 'Open a .lathe file saved by Lathe.');
  let json: Encoded;
  try {
    json = JSON.parse(new TextDecoder().decode(entry)) as Encoded;
  } catch {
    throw new UserError(`This project file is damaged: ${DOCUMENT_ENTRY} is not valid JSON.`);
  }
  let value: unknown;
  try {
    value = decodeValue(json, (i) => files[PART_PREFIX + i]);
  } catch (err) {
    throw new UserError('This project file is damaged: ' + (err instanceof Error ? err.message : String(err)));
  }
  return migrate(value);
}

function promisify<T>(start: (cb: (err: Error | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((err, value) => (err ? reject(err) : resolve(value))));
}
