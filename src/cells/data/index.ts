// Data cell: loads a file, pasted text, a URL or a bundled sample into a table stored in this browser.
import type { CellKind, DatasetOutput, Progress } from '../types';
import { dataWorker } from '../../client/workers';
import { Comlink } from '../../client/worker-handle';
import { UserError } from '../../core/errors/user-error';
import type { ColumnType } from '../../core/table/table';
import type { FileFormat, TextEncoding } from '../../core/parse/load-types';
import { newId } from '../../store/projects';
import type { LoadStatus, SourceSpec } from '../../../workers/data.worker';
import View from './View.svelte';

/** How to read the source; everything absent is detected. */
export interface DataOptions {
  format?: FileFormat;
  delimiter?: string;
  encoding?: TextEncoding;
  /** Types the user chose, by column name. */
  types?: Record<string, ColumnType>;
  /** What to do with malformed rows: stop with a report (default) or leave them out. */
  malformed?: 'stop' | 'skip';
}

export type DataConfig =
  | { source: 'none' }
  | { source: 'sample'; name: string; options?: DataOptions }
  /** A file the user chose, or text they pasted, stored in this browser under fileId. */
  | { source: 'file'; name: string; size: number; fileId: string; pasted?: boolean; options?: DataOptions }
  | { source: 'url'; name: string; url: string; options?: DataOptions };

export const SAMPLES = [
  { name: 'penguins.csv', title: 'Palmer penguins', detail: '344 rows · 7 columns · species classification' },
];

function sourceOf(config: DataConfig): SourceSpec {
  switch (config.source) {
    case 'sample':
      return { kind: 'url', url: new URL(`samples/${encodeURIComponent(config.name)}`, document.baseURI).href };
    case 'file':
      return { kind: 'file', fileId: config.fileId };
    case 'url':
      return { kind: 'url', url: config.url };
    default:
      throw new UserError('Choose a file, paste data, give a URL, or pick a sample to load.');
  }
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0);

/** The progress line for a load: what it is doing, how far, how fast. */
export function loadProgress(s: LoadStatus, seconds: number): Progress {
  if (s.phase === 'download') {
    return {
      fraction: s.totalBytes ? s.bytes / s.totalBytes : undefined,
      label: `Downloading: ${mb(s.bytes)}${s.totalBytes ? ` of ${mb(s.totalBytes)}` : ''} MB`,
    };
  }
  if (s.phase === 'store') {
    return { fraction: s.totalBytes ? s.bytes / s.totalBytes : undefined, label: `Storing ${s.rows.toLocaleString()} rows in this browser…` };
  }
  const rate = seconds > 0 ? s.bytes / 1e6 / seconds : 0;
  return {
    fraction: s.totalBytes ? s.bytes / s.totalBytes : undefined,
    label: `Parsing: ${s.rows.toLocaleString()} rows, ${rate.toFixed(rate < 10 ? 1 : 0)} MB/s`,
  };
}

export const dataCell: CellKind<DataConfig, DatasetOutput> = {
  kind: 'data',
  // 2: streaming loader (formats, encodings, type choices); datasets stored in chunks.
  version: 2,
  title: 'Data',
  step: 'explore',
  icon: '▦',
  description: 'Load CSV, TSV, JSON, NDJSON or Parquet from a file, a URL, pasted text or a sample',
  needs: [],
  produces: 'dataset',
  defaultConfig: () => ({ source: 'none' }),
  async run({ config, progress, projectId }) {
    const source = sourceOf(config);
    const name = config.source === 'none' ? '' : config.name;
    const datasetId = newId();
    progress({ label: 'Reading…' });
    let parseStarted = 0;
    const summary = await dataWorker().call((api) =>
      api.load(
        { source, options: config.source === 'none' ? {} : (config.options ?? {}), dataset: { id: datasetId, projectId, name } },
        Comlink.proxy((s: LoadStatus) => {
          if (s.phase === 'parse' && !parseStarted) parseStarted = performance.now();
          progress(loadProgress(s, parseStarted ? (performance.now() - parseStarted) / 1000 : 0));
        }),
      ),
    );
    return { value: { datasetId, name, ...summary } };
  },
  summary: (o) => `${o.name} · ${o.rows.toLocaleString()} rows × ${o.columns.length} columns`,
  View,
};
