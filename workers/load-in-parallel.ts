// Loads a data file on two cores when it is a big delimited file: a parse worker reads its second half meanwhile.
import * as Comlink from 'comlink';
import { loadDelimitedSplit, SPLIT_MIN_BYTES } from '../src/core/parse/load-delimited-split';
import { formatOf, loadTable } from '../src/core/parse/load-table';
import type { DataSource, LoadOptions, LoadResult } from '../src/core/parse/load-types';
import type { ParseSegmentWorkerApi } from './parse-segment.worker';

/**
 * loadTable's result. A delimited file of SPLIT_MIN_BYTES or more held in a Blob is read in two parts at once
 * (loadDelimitedSplit), the second by a parse worker started here and ended when the load is done; should
 * that worker fail, this one reads its part too. Other files go to `single` (loadTable by default).
 */
export async function loadInParallel(source: DataSource, opts: LoadOptions = {}, single: typeof loadTable = loadTable): Promise<LoadResult> {
  const format = await formatOf(source, opts);
  const blob = source.blob;
  if (format !== 'csv' || !blob || source.size < SPLIT_MIN_BYTES || typeof Worker === 'undefined') return single(source, { ...opts, format });
  const worker = new Worker(new URL('./parse-segment.worker.ts', import.meta.url), { type: 'module', name: 'lathe-parse' });
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      reject(new Error('parse worker failed: ' + e.message));
    });
  });
  crashed.catch(() => {});
  const remote = Comlink.wrap<ParseSegmentWorkerApi>(worker);
  try {
    return await loadDelimitedSplit(source, { ...opts, format }, (request, onProgress) =>
      Promise.race([remote.readSegment(blob, request, Comlink.proxy(onProgress)), crashed]),
    );
  } finally {
    worker.terminate();
  }
}
