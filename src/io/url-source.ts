// Fetches a data file from a URL (in a worker or Node) with progress, explaining CORS refusals.
import { UserError } from '../core/errors/user-error';
import type { DataSource } from '../core/parse/load-types';
import { blobSource } from '../core/parse/sources';
import { answersOpaquely } from './cors-probe';

export interface DownloadProgress {
  bytes: number;
  /** From Content-Length; 0 when the server does not say. */
  totalBytes: number;
}

/** The last path segment of a URL, for naming the dataset and choosing the format by extension. */
export function fileNameOf(url: string): string {
  try {
    const path = new URL(url).pathname;
    const last = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
    return last || new URL(url).hostname;
  } catch {
    return url;
  }
}

/**
 * Downloads the whole body into a Blob (which the browser may keep on disk), then reads it as a DataSource.
 * A network failure is told apart from a CORS refusal by retrying in no-cors mode: if that opaque request
 * succeeds, the server answered but did not allow this page to read the answer.
 */
export async function fetchSource(url: string, onProgress?: (p: DownloadProgress) => void, fetchImpl: typeof fetch = fetch): Promise<DataSource> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`“${url}” is not a web address.`, 'Paste a full URL starting with https://');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new UserError(`Lathe can only fetch http(s) addresses, not ${parsed.protocol}`);
  }
  let response: Response;
  try {
    response = await fetchImpl(parsed.href);
  } catch (err) {
    throw await explainFetchFailure(parsed, err, fetchImpl);
  }
  if (!response.ok) {
    throw new UserError(
      `The server at ${parsed.host} answered ${response.status}${response.statusText ? ' ' + response.statusText : ''} for this file.`,
      response.status === 404 ? 'Check the address.' : response.status === 401 || response.status === 403 ? 'The file is not public: download it and load it from your computer.' : undefined,
    );
  }
  const totalBytes = Number(response.headers.get('content-length')) || 0;
  const parts: Uint8Array[] = [];
  let bytes = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      bytes += value.byteLength;
      onProgress?.({ bytes, totalBytes });
    }
  } else {
    const buffer = new Uint8Array(await response.arrayBuffer());
    parts.push(buffer);
    onProgress?.({ bytes: buffer.byteLength, totalBytes });
  }
  return blobSource(new Blob(parts as BlobPart[]), fileNameOf(parsed.href));
}

async function explainFetchFailure(url: URL, err: unknown, fetchImpl: typeof fetch): Promise<UserError> {
  if (await answersOpaquely(url.href, fetchImpl)) {
    return new UserError(
      `The server at ${url.host} refused to let Lathe read this file (it sends no CORS header allowing this page).`,
      'Download the file and load it from your computer, or host it where Access-Control-Allow-Origin allows this site (for example a bucket with CORS enabled).',
      { kind: 'cors', host: url.host },
    );
  }
  return new UserError(
    `${url.host} could not be reached: ${err instanceof Error ? err.message : String(err)}.`,
    'Check the address and your connection.',
  );
}
