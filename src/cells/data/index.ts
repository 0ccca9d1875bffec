// Data cell: loads a CSV (a bundled sample or a file the user chose) into a columnar table.
import type { CellKind, DatasetOutput } from '../types';
import { dataWorker } from '../../client/workers';
import { Comlink } from '../../client/worker-handle';
import { getFile } from '../../store/outputs';
import { headRows } from '../../core/table/table';
import { UserError } from '../../core/errors/user-error';
import { newId } from '../../store/projects';
import type { LoadProgress } from '../../../workers/data.worker';
import View from './View.svelte';

export type DataConfig =
  | { source: 'none' }
  | { source: 'sample'; name: string }
  | { source: 'file'; name: string; size: number; fileId: string };

export const SAMPLES = [
  { name: 'penguins.csv', title: 'Palmer penguins', detail: '344 rows · 7 columns · species classification' },
];

async function readBytes(config: DataConfig): Promise<Uint8Array> {
  if (config.source === 'sample') {
    const res = await fetch(new URL(`samples/${encodeURIComponent(config.name)}`, document.baseURI));
    if (!res.ok) throw new UserError(`The sample ${config.name} could not be fetched (HTTP ${res.status}).`);
    return new Uint8Array(await res.arrayBuffer());
  }
  if (config.source === 'file') {
    const file = await getFile(config.fileId);
    if (!file) throw new UserError(`The file ${config.name} is no longer stored in this browser: load it again.`);
    return new Uint8Array(file.bytes);
  }
  throw new UserError('Choose a CSV file or a sample to load.');
}

export const dataCell: CellKind<DataConfig, DatasetOutput> = {
  kind: 'data',
  version: 1,
  title: 'Data',
  step: 'explore',
  icon: '▦',
  description: 'Load a CSV file or a sample dataset',
  needs: [],
  produces: 'dataset',
  defaultConfig: () => ({ source: 'none' }),
  async run({ config, progress }) {
    progress({ label: 'Reading…' });
    const bytes = await readBytes(config);
    const started = performance.now();
    const table = await dataWorker().call((api) =>
      api.load(
        bytes,
        undefined,
        Comlink.proxy((p: LoadProgress) => {
          const secs = (performance.now() - started) / 1000;
          const mbps = secs > 0 ? p.bytes / 1e6 / secs : 0;
          progress({
            fraction: p.totalBytes ? p.bytes / p.totalBytes : undefined,
            label: `Parsing: ${p.rows.toLocaleString()} rows, ${mbps.toFixed(1)} MB/s`,
          });
        }),
      ),
    );
    const name = config.source === 'none' ? '' : config.name;
    return {
      value: {
        datasetId: newId(),
        name,
        rows: table.rowCount,
        columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
        head: headRows(table, 10),
        bytes: bytes.byteLength,
      },
      table,
    };
  },
  summary: (o) => `${o.name} · ${o.rows.toLocaleString()} rows × ${o.columns.length} columns`,
  View,
};
