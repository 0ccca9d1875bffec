// Turns the bytes of a CSV/TSV file held in memory into a typed columnar table, synchronously.

import type { Table } from '../table/table.ts';
import { DelimitedLoader, withRereadColumns, type DelimitedLoaderOptions } from './delimited-loader.ts';
import type { LoadResult } from './load-types.ts';

export { columnNames } from './column-names.ts';

export interface ParseProgress {
  /** Bytes parsed so far. */
  bytes: number;
  totalBytes: number;
  /** Data rows read so far (header excluded). */
  rows: number;
}

export interface ParseDelimitedOptions extends Omit<DelimitedLoaderOptions, 'textColumns' | 'onlyColumns'> {
  /** Called after every chunk. */
  onProgress?: (p: ParseProgress) => void;
  /** Bytes handed to the loader at a time (default 1 MiB). */
  chunkSize?: number;
}

const DEFAULT_CHUNK = 1 << 20;

/**
 * Parses delimited text (see DelimitedLoader for the rules and errors) and returns the table. For the
 * load report as well, use parseDelimitedResult.
 */
export function parseDelimited(bytes: Uint8Array, opts: ParseDelimitedOptions = {}): Table {
  return parseDelimitedResult(bytes, opts).table;
}

/** parseDelimited with the load report; misjudged columns are read again as text, as loadDelimited does. */
export function parseDelimitedResult(bytes: Uint8Array, opts: ParseDelimitedOptions = {}): LoadResult {
  const first = new DelimitedLoader(opts);
  const result = feed(first, bytes, opts);
  if (first.misjudged.length === 0) return result;
  const names = first.misjudged;
  return withRereadColumns(result, feed(new DelimitedLoader({ ...opts, textColumns: names, onlyColumns: names }), bytes, opts));
}

function feed(loader: DelimitedLoader, bytes: Uint8Array, opts: ParseDelimitedOptions): LoadResult {
  const chunkSize = Math.max(1, Math.floor(opts.chunkSize ?? DEFAULT_CHUNK));
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    const end = Math.min(offset + chunkSize, bytes.length);
    loader.push(bytes.subarray(offset, end));
    // After the last chunk, finishing first makes the last report count every row.
    if (end === bytes.length) loader.finish();
    opts.onProgress?.({ bytes: end, totalBytes: bytes.length, rows: loader.rows });
  }
  return loader.finish();
}
