// Correlations worker: started by a data worker to profile some numeric columns and compute the correlations on another core.
import * as Comlink from 'comlink';
import { profileShare, type HelperResult, type HelperShare } from '../src/core/profile/profile-table';
import type { Ranked } from '../src/core/profile/ranks';
import type { Table } from '../src/core/table/table';

/** Resolves the running share's wait for the data worker's ranks. */
let deliverRanks: ((ranks: Map<string, Ranked>) => void) | null = null;

const api = {
  /** Answers once this worker runs: its starter waits for it before blocking its own thread. */
  ready() {
    return true;
  },
  /** The helper's share of profileTableParallel (see profileShare); `input` arrives transferred. */
  async share(input: Table, share: HelperShare): Promise<HelperResult> {
    const ranks = new Promise<Map<string, Ranked>>((resolve) => {
      deliverRanks = resolve;
    });
    return profileShare(input, share, ranks);
  },
  ranks(ranks: Map<string, Ranked>) {
    deliverRanks?.(ranks);
    deliverRanks = null;
  },
};

export type CorrelationsWorkerApi = typeof api;
Comlink.expose(api);
