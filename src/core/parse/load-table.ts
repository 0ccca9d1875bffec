// The one entry point for loading a data file: picks the format and hands the source to that format's loader.

import { detectFormat, formatFromName } from './detect-format.ts';
import { loadDelimited } from './load-delimited.ts';
import { loadJson, loadNdjson } from './load-json.ts';
import { loadParquet } from './load-parquet.ts';
import type { DataSource, FileFormat, LoadOptions, LoadResult } from './load-types.ts';

/** Bytes of the file's start that format detection looks at. */
const HEAD_BYTES = 64 * 1024;

/**
 * Loads CSV/TSV, JSON, NDJSON or Parquet into a table. The format is opts.format when given, else decided by
 * detectFormat from the file name and its first 64 KiB. Every result carries a LoadReport (format, encoding for
 * text formats, rows, skipped rows, inferred types).
 */
export async function loadTable(source: DataSource, opts: LoadOptions = {}): Promise<LoadResult> {
  const format = await formatOf(source, opts);
  const withFormat: LoadOptions = { ...opts, format };
  switch (format) {
    case 'csv':
      return loadDelimited(source, withFormat);
    case 'json':
      return loadJson(source, withFormat);
    case 'ndjson':
      return loadNdjson(source, withFormat);
    case 'parquet':
      return loadParquet(source, withFormat);
  }
}

/** The format loadTable reads the source as: opts.format, else from the name, else from the first 64 KiB. */
export async function formatOf(source: DataSource, opts: LoadOptions = {}): Promise<FileFormat> {
  // The name usually decides, so the head is only read (perhaps a network request) when it does not.
  return opts.format ?? formatFromName(source.name) ?? detectFormat(source.name, new Uint8Array(await source.slice(0, Math.min(HEAD_BYTES, source.size))));
}
