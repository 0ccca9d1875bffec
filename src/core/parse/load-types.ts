// The loading contract shared by every file format: where bytes come from, options, progress and the report.

import type { ColumnType, Table } from '../table/table.ts';

export type FileFormat = 'csv' | 'json' | 'ndjson' | 'parquet';
export type TextEncoding = 'utf-8' | 'latin-1';

/**
 * Bytes to load, read without holding the whole file as one string: a browser File or Blob, a file on disk
 * (Node), a fetched body or an in-memory buffer. `stream` yields the bytes in order, in chunks of any size;
 * `slice` reads a byte range (Parquet reads its footer first).
 */
export interface DataSource {
  name: string;
  size: number;
  stream(): AsyncIterable<Uint8Array>;
  slice(start: number, end: number): Promise<ArrayBuffer>;
  /** Streams bytes [start, end) only, in chunks; where present, a big file can be read in parts at once. */
  streamRange?(start: number, end: number): AsyncIterable<Uint8Array>;
  /** The bytes as a Blob, when they are one: another worker can then read a part of them without a copy. */
  blob?: Blob;
}

export interface LoadProgress {
  /** Bytes read so far. */
  bytes: number;
  totalBytes: number;
  /** Data rows read so far. */
  rows: number;
}

export interface LoadOptions {
  /** Chosen from the file name's extension, then the content, when absent. */
  format?: FileFormat;
  /** Delimited text: one character; sniffed from the start of the file when absent. */
  delimiter?: string;
  /** Delimited text and JSON: detected (valid UTF-8, else Latin-1/Windows-1252) when absent. */
  encoding?: TextEncoding;
  /** Types chosen by the user, by column name; values that do not read as that type are counted as invalid. */
  types?: Record<string, ColumnType>;
  /** Malformed rows (wrong number of fields): 'stop' (default) throws MalformedInputError; 'skip' leaves them out and reports them. */
  malformed?: 'stop' | 'skip';
  onProgress?: (p: LoadProgress) => void;
  /** Checked between chunks: loading stops with a UserError('Loading was cancelled.') once aborted. */
  signal?: AbortSignal;
}

export interface MalformedRow {
  /** 1-based line number in the file where the row starts. */
  line: number;
  reason: string;
}

export interface LoadReport {
  format: FileFormat;
  encoding?: TextEncoding;
  delimiter?: string;
  rows: number;
  /** Rows left out because they were malformed (only with malformed: 'skip'); the first few listed. */
  skipped: { count: number; rows: MalformedRow[] };
  /** Types as inferred before any user choice, so the UI can show what was overridden. */
  inferredTypes: Record<string, ColumnType>;
  /**
   * Delimited text read as UTF-8: distinct values whose bytes were not valid UTF-8 and were read as
   * Windows-1252 instead (so no byte is lost). Absent when there were none.
   */
  fallbackDecoded?: number;
}

export interface LoadResult {
  table: Table;
  report: LoadReport;
}

/** ErrorDetails.kind of a malformed-input error, whose details are a MalformedDetails. */
export const MALFORMED = 'malformed-input';

export interface MalformedDetails {
  kind: typeof MALFORMED;
  /** Malformed rows in the whole file. */
  count: number;
  /** The first few. */
  rows: MalformedRow[];
  /** Whether skipping them would leave a usable table (false for e.g. an unterminated quote swallowing the rest). */
  skippable: boolean;
}
