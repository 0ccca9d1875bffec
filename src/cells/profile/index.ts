// Profile cell: per-column types, missing values, distinct counts, statistics and distributions.
import type { CellKind } from '../types';
import type { Profile } from '../../core/profile/types';
import { dataWorker } from '../../client/workers';
import { Comlink } from '../../client/worker-handle';
import View from './View.svelte';

export type ProfileConfig = Record<string, never>;

export const profileCell: CellKind<ProfileConfig, Profile> = {
  kind: 'profile',
  version: 2,
  title: 'Profile',
  step: 'explore',
  icon: '◔',
  description: 'Types, missing values and distributions of every column',
  needs: ['dataset'],
  produces: 'profile',
  defaultConfig: () => ({}),
  async run({ inputs, progress }) {
    const rows = inputs.dataset!.rows.toLocaleString();
    progress({ label: `Profiling ${rows} rows…` });
    const value = await dataWorker().call((api) =>
      api.profile(
        inputs.dataset!.datasetId,
        Comlink.proxy((fraction: number, label: string) => progress({ fraction, label: `Profiling ${rows} rows: ${label}` })),
      ),
    );
    return { value };
  },
  summary: (p) => {
    const shape = `${p.rows.toLocaleString()} rows × ${p.columns.length.toLocaleString()} columns`;
    // A profile stored before version 2 has no alerts; its summary stays what it could say then.
    if (!Array.isArray(p.alerts)) return `${shape} · ${p.missingCells.toLocaleString()} missing cells`;
    const alerts = p.alerts.length === 0 ? 'no alerts' : p.alerts.length === 1 ? '1 alert' : `${p.alerts.length} alerts`;
    const missing = p.missingCells === 0 ? 'no missing cells' : `${(p.missingCellsShare * 100).toFixed(1)}% cells missing`;
    return `${shape} · ${alerts} · ${missing}`;
  },
  View,
};
