// Drift cell: compares the dataset above (the current data) with a reference dataset chosen from the cells above.
import type { CellKind, DatasetOutput } from '../types';
import type { DriftResult } from '../../core/drift/types';
import { verdictText } from '../../core/drift/verdict';
import { dataWorker } from '../../client/workers';
import { CellError } from '../../client/worker-handle';
import View from './View.svelte';

export interface DriftConfig {
  /** The dataset-producing cell above whose output is the reference (e.g. the training data). */
  referenceCellId?: string;
  /** Share of drifted columns at or above which the dataset drifts (Evidently's drift_share). */
  driftShare: number;
  /** Compare only the columns both datasets have, instead of stopping at a schema difference. */
  commonColumns: boolean;
}

export interface DriftOutput extends DriftResult {
  referenceName: string;
  currentName: string;
}

export const driftCell: CellKind<DriftConfig, DriftOutput> = {
  kind: 'drift',
  version: 1,
  title: 'Drift',
  step: 'explore',
  icon: '≋',
  description: 'Compare this data with a reference dataset, column by column',
  needs: ['dataset'],
  produces: 'drift',
  references: (config: DriftConfig) => ({ reference: config.referenceCellId }),
  defaultConfig: () => ({ driftShare: 0.5, commonColumns: false }),
  async run({ config, inputs, progress }) {
    const current = inputs.dataset!;
    const reference = inputs.references?.reference as DatasetOutput | undefined;
    if (!reference?.datasetId) throw new CellError({ message: 'The reference cell has no dataset.', hint: 'Choose a Data cell (or another cell that produces a dataset) as the reference.' });
    progress({ label: `Comparing ${current.rows.toLocaleString()} rows with ${reference.rows.toLocaleString()} reference rows…` });
    try {
      const result = await dataWorker().call((api) =>
        api.drift(reference.datasetId, current.datasetId, { driftShare: config.driftShare, schema: config.commonColumns ? 'common' : 'strict' }),
      );
      return { value: { ...result, referenceName: reference.name, currentName: current.name } };
    } catch (err) {
      // Say how to go on in this cell's own terms.
      if (err instanceof CellError && err.info.details?.kind === 'drift-schema') {
        throw new CellError({ ...err.info, hint: 'Load data with the same columns, or tick “Compare only the columns both have”.' });
      }
      throw err;
    }
  },
  summary: (r) => verdictText(r),
  badge: (r) => (r.datasetDrift ? { text: 'Dataset drift', tone: 'fail' } : { text: 'No dataset drift', tone: 'pass' }),
  View,
};
