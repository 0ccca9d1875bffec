// Data-worker functions for the Quality cell: run a suite on a stored dataset, and suggest a suite from it.
// Spread into the data worker's API (workers/data.worker.ts).
import { guard } from './guard';
import { tableFor } from './tables';
import { profileColumn } from '../src/core/profile/column-profile';
import { runSuite } from '../src/core/quality/run-suite';
import { suggestRules, type ColumnsProfile } from '../src/core/quality/suggest-rules';
import type { Suite } from '../src/core/quality/types';

/** The last column statistics made for suggestions: asking again for the same dataset does not redo them. */
let last: { datasetId: string; profile: ColumnsProfile } | undefined;

export const qualityApi = {
  /** Every rule's result; a rule that cannot be checked fails with its reason, the others still run. */
  runQualitySuite(datasetId: string, suite: Suite) {
    return guard(async () => runSuite(await tableFor(datasetId), suite));
  },
  /**
   * Rules the data passes today, each with its reason, from a profile: the one given (e.g. a Profile cell's),
   * else the per-column statistics computed here (suggestions need no correlations or duplicates).
   */
  suggestQualityRules(datasetId: string, profile?: ColumnsProfile, onProgress?: (fraction: number, label: string) => void) {
    return guard(async () => {
      const table = await tableFor(datasetId);
      let p = profile ?? (last?.datasetId === datasetId ? last.profile : undefined);
      if (!p) {
        const n = table.columns.length;
        const columns = table.columns.map((c, i) => {
          onProgress?.(i / Math.max(1, n), `Profiling column ${i + 1} of ${n}: ${c.name}`);
          return profileColumn(c);
        });
        p = { rows: table.rowCount, columns };
        last = { datasetId, profile: p };
      }
      return suggestRules(p, table);
    });
  },
};
