// Data worker: parsing, profiling, framing and splitting, as thin adapters over src/core.
import * as Comlink from 'comlink';
import { armCrashForTest, guard } from './guard';
import { parseDelimited } from '../src/core/parse/parse-delimited';
import { profileTable } from '../src/core/profile/profile-table';
import { analyzeTarget } from '../src/core/frame/frame';
import { holdoutSplit } from '../src/core/split/holdout';
import { tableBuffers, type Table } from '../src/core/table/table';

export interface LoadProgress {
  bytes: number;
  totalBytes: number;
  rows: number;
}

const api = {
  async load(bytes: Uint8Array, delimiter: string | undefined, onProgress?: (p: LoadProgress) => void) {
    const result = await guard(() => parseDelimited(bytes, { delimiter, onProgress }));
    // Hand the columns back without copying them.
    return result.ok ? Comlink.transfer(result, tableBuffers(result.value)) : result;
  },
  profile(table: Table) {
    return guard(() => profileTable(table));
  },
  frame(table: Table, target: string, task?: 'classification' | 'regression') {
    return guard(() => analyzeTarget(table, target, task));
  },
  split(table: Table, frame: Parameters<typeof holdoutSplit>[1], opts: Parameters<typeof holdoutSplit>[2]) {
    return guard(() => holdoutSplit(table, frame, opts));
  },
  /** For tests of crash recovery: the next call crashes the worker. */
  armCrashForTest() {
    armCrashForTest();
  },
};

export type DataWorkerApi = typeof api;
Comlink.expose(api);
