// Data-worker functions for the drift cell(s), spread into the data worker's API (workers/data.worker.ts).
import { guard } from './guard';
import { tableFor } from './tables';
import { detectDrift } from '../src/core/drift/detect-drift';
import type { DriftOptions } from '../src/core/drift/types';

export const driftApi = {
  /**
   * Drift of the current dataset against the reference one, both read by id from this worker's memory or
   * IndexedDB (the worker keeps the last two tables: exactly these).
   */
  drift(referenceId: string, currentId: string, options: DriftOptions = {}) {
    return guard(async () => {
      const reference = await tableFor(referenceId);
      const current = await tableFor(currentId);
      return detectDrift(reference, current, options);
    });
  },
};
