// Loads delimited text (CSV, TSV, …) from a DataSource, streaming its chunks through DelimitedLoader.

import { UserError } from '../errors/user-error.ts';
import { DelimitedLoader, withRereadColumns } from './delimited-loader.ts';
import type { DataSource, LoadOptions, LoadResult } from './load-types.ts';

/**
 * Reads the source once, chunk by chunk, reporting progress after each chunk and checking `opts.signal`
 * between chunks. Types are inferred as the rows stream past (column-builder.ts has the rule: a column's
 * type settles after 10,000 present cells if at most 5% of them fail it; later failures are counted as
 * invalid). Columns whose type settled but then failed by over 5% of their cells are read again, as text,
 * in a second pass over the source (whose progress restarts from zero).
 */
export async function loadDelimited(source: DataSource, opts: LoadOptions = {}): Promise<LoadResult> {
  const first = await pass(source, opts, new DelimitedLoader(opts));
  return rereadMisjudged(source, opts, first.result, first.misjudged);
}

/** A first pass's result with its misjudged columns read again, as text, in a second pass over the source. */
export async function rereadMisjudged(source: DataSource, opts: LoadOptions, first: LoadResult, misjudged: string[]): Promise<LoadResult> {
  if (misjudged.length === 0) return first;
  const second = await pass(source, opts, new DelimitedLoader({ ...opts, textColumns: misjudged, onlyColumns: misjudged }));
  return withRereadColumns(first, second.result);
}

async function pass(source: DataSource, opts: LoadOptions, loader: DelimitedLoader): Promise<{ result: LoadResult; misjudged: string[] }> {
  throwIfCancelled(opts.signal);
  for await (const chunk of source.stream()) {
    throwIfCancelled(opts.signal);
    loader.push(chunk);
    // After the last chunk, finishing first makes the last report count every row.
    if (loader.bytes === source.size) loader.finish();
    opts.onProgress?.({ bytes: loader.bytes, totalBytes: source.size, rows: loader.rows });
  }
  throwIfCancelled(opts.signal);
  const result = loader.finish();
  return { result, misjudged: loader.misjudged };
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new UserError('Loading was cancelled.');
}
