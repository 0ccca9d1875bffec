// Data worker: loading, storing, profiling, framing and splitting, as thin adapters over src/core.
// Tables stay here (and in IndexedDB): the page only ever receives summaries.
import * as Comlink from 'comlink';
import { armCrashForTest, guard } from './guard';
import { remember, tableFor } from './tables';
import { loadTable } from '../src/core/parse/load-table';
import type { DataSource, LoadOptions, LoadReport } from '../src/core/parse/load-types';
import { blobSource } from '../src/core/parse/sources';
import { profileInParallel } from './profile-in-parallel';
import { analyzeTarget, type FrameOptions, type FrameSummary } from '../src/core/frame/frame';
import { detectLeakage } from '../src/core/frame/leakage';
import { makeSplit, type SplitRequest } from '../src/cells/split/make-split';
import { headRows, type ColumnType, type InvalidCells } from '../src/core/table/table';
import { UserError } from '../src/core/errors/user-error';
import { fetchSource } from '../src/io/url-source';
import { getFile } from '../src/store/outputs';
import { writeDataset, type DatasetInfo } from '../src/store/datasets';
import { recipeApi } from './recipe-api';
import { qualityApi } from './quality-api';
import { driftApi } from './drift-api';
import { codeApi } from './code-api';

/** Where the bytes come from: a stored file or pasted text (by id), or a URL (samples are URLs too). */
export type SourceSpec = { kind: 'file'; fileId: string } | { kind: 'url'; url: string };

export interface LoadRequest {
  source: SourceSpec;
  options: Omit<LoadOptions, 'onProgress' | 'signal'>;
  dataset: DatasetInfo;
}

export interface LoadStatus {
  phase: 'download' | 'parse' | 'store';
  bytes: number;
  totalBytes: number;
  rows: number;
}

export interface LoadSummary {
  rows: number;
  columns: { name: string; type: ColumnType; invalid?: InvalidCells }[];
  head: (string | null)[][];
  report: LoadReport;
  bytes: number;
}

/**
 * At most one status message per interval (plus every change of phase): a 1 GB file arrives in ~16,000
 * chunks, and a message per chunk would keep the page busy for nothing.
 */
function throttled(onStatus: ((s: LoadStatus) => void) | undefined, intervalMs = 100): (s: LoadStatus) => void {
  let last = 0;
  let phase = '';
  return (s) => {
    const now = performance.now();
    if (s.phase === phase && now - last < intervalMs) return;
    last = now;
    phase = s.phase;
    onStatus?.(s);
  };
}

async function openSource(spec: SourceSpec, onStatus?: (s: LoadStatus) => void): Promise<DataSource> {
  if (spec.kind === 'url') {
    return fetchSource(spec.url, (p) => onStatus?.({ phase: 'download', bytes: p.bytes, totalBytes: p.totalBytes, rows: 0 }));
  }
  const file = await getFile(spec.fileId);
  if (!file) throw new UserError('The file is no longer stored in this browser.', 'Load it again.');
  return blobSource(file.blob, file.name);
}

const api = {
  ...recipeApi,
  ...qualityApi,
  ...driftApi,
  ...codeApi,
  /** Reads a source, stores the table under request.dataset.id and keeps it here for the next cells. */
  load(request: LoadRequest, onStatusRaw?: (s: LoadStatus) => void) {
    const onStatus = throttled(onStatusRaw);
    return guard(async (): Promise<LoadSummary> => {
      const source = await openSource(request.source, onStatus);
      // A big CSV is read on two cores (a parse worker takes its second half); anything else by loadTable here.
      const { loadInParallel } = await import('./load-in-parallel');
      const options: LoadOptions = { ...request.options, onProgress: (p) => onStatus?.({ phase: 'parse', ...p }) };
      const { table, report } = await loadInParallel(source, options, loadTable);
      onStatus?.({ phase: 'store', bytes: 0, totalBytes: 0, rows: table.rowCount });
      await writeDataset(request.dataset, table, (f) =>
        onStatus?.({ phase: 'store', bytes: f, totalBytes: 1, rows: table.rowCount }),
      );
      remember(request.dataset.id, table);
      return {
        rows: table.rowCount,
        columns: table.columns.map((c) => (c.invalid ? { name: c.name, type: c.type, invalid: c.invalid } : { name: c.name, type: c.type })),
        head: headRows(table, 10),
        report,
        bytes: source.size,
      };
    });
  },
  profile(datasetId: string, onProgress?: (fraction: number, label: string) => void) {
    return guard(async () => profileInParallel(await tableFor(datasetId), onProgress));
  },
  frame(datasetId: string, target: string, task?: 'classification' | 'regression', options?: FrameOptions) {
    return guard(async () => {
      const table = await tableFor(datasetId);
      const frame = analyzeTarget(table, target, task, options);
      return { ...frame, leakage: detectLeakage(table, frame) };
    });
  },
  split(datasetId: string, frame: FrameSummary, request: SplitRequest) {
    return guard(async () => makeSplit(await tableFor(datasetId), frame, request));
  },
  /** For tests of crash recovery: the next call crashes the worker. */
  armCrashForTest() {
    armCrashForTest();
  },
};

export type DataWorkerApi = typeof api;
Comlink.expose(api);
