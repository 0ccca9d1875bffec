// Reads a model upload (Triton's "override files": load parameters `file:<path>` holding base64) into checked files.

import { HttpError } from './http-error.ts';

/** One uploaded file: where it goes inside the model's folder, and its bytes. */
export interface UploadedFile {
  /** Relative path with "/" separators, already checked to stay inside the model's folder. */
  path: string;
  bytes: Buffer;
}

/** Names an upload may create: one URL path segment and one folder name on any file system. */
export const UPLOAD_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/i;

/** Only a bundle's own kinds of file, so an upload cannot drop scripts or libraries on the server. */
export const UPLOAD_EXTENSIONS = ['.onnx', '.json', '.pbtxt', '.md', '.yaml'];

const FILE_PREFIX = 'file:';
/** Bundles keep their files at most this many folders down (as bundle.ts reads them). */
const MAX_FOLDERS = 3;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const UPLOADS_DISABLED = 'uploads are disabled: start lathe serve with --allow-upload';

/** Whether a load request's parameters carry files, which only an upload-enabled server takes. */
export function hasUploadedFiles(parameters: Record<string, unknown>): boolean {
  return Object.keys(parameters).some((k) => k.startsWith(FILE_PREFIX));
}

/**
 * The files of an upload, checked: safe relative paths with allowed extensions, valid base64, and at most
 * `maxBytes` decoded in all. `config` (Triton's model configuration, as a JSON string) is accepted and
 * checked to be a JSON object; Lathe reads the model's signature from the ONNX file instead.
 * Throws HttpError 400 naming the parameter at fault.
 */
export function readUpload(name: string, parameters: Record<string, unknown>, maxBytes: number): UploadedFile[] {
  if (!UPLOAD_NAME.test(name)) {
    throw new HttpError(400, `Cannot upload a model named "${name}": an uploaded model's name is 1 to 63 letters, digits, ".", "_" or "-", starting with a letter or digit.`);
  }
  const files: UploadedFile[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const [key, value] of Object.entries(parameters)) {
    if (key === 'config') {
      checkConfig(value);
      continue;
    }
    if (!key.startsWith(FILE_PREFIX)) {
      throw new HttpError(400, `The load request's parameter "${key}" is not understood; an upload takes "file:<path>" parameters (base64) and optionally "config".`);
    }
    const path = checkPath(key.slice(FILE_PREFIX.length), key);
    // Folders on case-insensitive file systems would merge two spellings of one path.
    const folded = path.toLowerCase();
    if (seen.has(folded)) throw new HttpError(400, `Parameter "${key}" names a file already given by another parameter.`);
    seen.add(folded);
    if (typeof value !== 'string') throw new HttpError(400, `Parameter "${key}" must be the file's content as a base64 string.`);
    const text = value.replace(/\s+/g, '');
    if (text.length % 4 !== 0 || !BASE64.test(text)) throw new HttpError(400, `Parameter "${key}" is not valid base64.`);
    const bytes = Buffer.from(text, 'base64');
    total += bytes.length;
    if (total > maxBytes) {
      throw new HttpError(413, `The uploaded files are larger than ${maxBytes.toLocaleString('en-US')} bytes, this server's --max-body.`);
    }
    files.push({ path, bytes });
  }
  if (files.length === 0) throw new HttpError(400, 'The upload holds no files; send "file:<path>" parameters.');
  if (!files.some((f) => /(^|\/)model\.onnx$/.test(f.path))) {
    throw new HttpError(400, 'The upload holds no model.onnx; send it as "file:model.onnx" or "file:1/model.onnx".');
  }
  return files;
}

/** A path that stays inside the model's folder: relative, plain segments, an allowed extension. */
function checkPath(path: string, key: string): string {
  const refuse = (why: string): never => {
    throw new HttpError(400, `Parameter "${key}": ${why}. File paths are relative to the model's folder, such as "1/model.onnx" or "metadata.json".`);
  };
  if (path === '') refuse('the path is empty');
  if (path.includes('\\')) refuse('the path has a backslash; separate folders with "/"');
  if (path.startsWith('/') || /^[a-z]:/i.test(path)) refuse('the path is absolute');
  if (/[\u0000-\u001f\u007f:*?"<>|]/.test(path)) refuse('the path has a character file systems refuse');
  const segments = path.split('/');
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..') refuse('the path has an empty, "." or ".." part');
    // Hidden names are where the server stages uploads, and repository scans skip them.
    if (s.startsWith('.')) refuse('the path has a part starting with "."');
    if (s.endsWith(' ') || s.endsWith('.')) refuse('a part of the path ends with a space or "."');
  }
  if (segments.length - 1 > MAX_FOLDERS) refuse(`the path is more than ${MAX_FOLDERS} folders deep`);
  const lower = path.toLowerCase();
  if (!UPLOAD_EXTENSIONS.some((ext) => lower.endsWith(ext))) refuse(`only ${UPLOAD_EXTENSIONS.join(', ')} files may be uploaded`);
  return path;
}

function checkConfig(value: unknown): void {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'Parameter "config" must be the model configuration as a JSON object (or a string holding one).');
  }
}
