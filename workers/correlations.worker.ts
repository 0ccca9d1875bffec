// Correlations worker: started by a data worker to compute a large table's correlations on another core.
import * as Comlink from 'comlink';
import { correlations } from '../src/core/profile/correlations';
import type { Table } from '../src/core/table/table';

const api = {
  correlations(table: Table) {
    return correlations(table);
  },
};

export type CorrelationsWorkerApi = typeof api;
Comlink.expose(api);
