// Profile cell: per-column types, missing values, distinct counts, statistics and distributions.
import type { CellKind } from '../types';
import type { Profile } from '../../core/profile/types';
import { dataWorker } from '../../client/workers';
import View from './View.svelte';

export type ProfileConfig = Record<string, never>;

export const profileCell: CellKind<ProfileConfig, Profile> = {
  kind: 'profile',
  version: 1,
  title: 'Profile',
  step: 'explore',
  icon: '◔',
  description: 'Types, missing values and distributions of every column',
  needs: ['dataset'],
  produces: 'profile',
  defaultConfig: () => ({}),
  async run({ inputs, progress }) {
    progress({ label: `Profiling ${inputs.table!.rowCount.toLocaleString()} rows…` });
    const value = await dataWorker().call((api) => api.profile(inputs.table!));
    return { value };
  },
  summary: (p) => {
    const withMissing = p.columns.filter((c) => c.missing > 0).length;
    return `${p.columns.length} columns · ${p.missingCells.toLocaleString()} missing cells in ${withMissing} columns`;
  },
  View,
};
