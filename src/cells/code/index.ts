// Code cell: JavaScript on the upstream table (as a danfojs DataFrame) in a sandbox; the table it returns is a new dataset.
import type { CellKind, DatasetOutput } from '../types';
import { dataWorker } from '../../client/workers';
import { CellError, Comlink } from '../../client/worker-handle';
import { tableBuffers } from '../../core/table/table';
import type { LogEntry } from '../../core/code/log-book';
import type { CodeLocation } from '../../core/code/error-location';
import { newId } from '../../store/projects';
import { requireConsent } from './consent';
import { beginRun, endRun, stopAllCodeRuns } from './runs';
import View from './View.svelte';

export interface CodeConfig {
  code: string;
  /** Seconds the code may run before it is stopped. */
  timeLimitS: number;
}

export interface CodeOutput extends DatasetOutput {
  logs: LogEntry[];
}

/** What the view shows while the code runs, and after it failed. */
export interface CodeLive {
  /** Date.now() when the run began. */
  startedAt: number;
  /** Date.now() when the current phase began: the code's time limit counts from the start of 'running'. */
  phaseAt: number;
  phase: 'input' | 'loading' | 'running' | 'storing' | 'failed';
  logs: LogEntry[];
  /** Where the code failed, when it did. */
  at?: CodeLocation;
}

export const DEFAULT_TIME_LIMIT_S = 30;
export const TIME_LIMIT_RANGE = { min: 1, max: 3_600 } as const;

export const DEFAULT_CODE = `// input is the table above as a danfojs DataFrame; dfd, tf and helpers are at hand.
// Return a DataFrame, an array of records or { column: values }: the cells below get it as their data.
const df = input.copy()

return df
`;

export const codeCell: CellKind<CodeConfig, CodeOutput> = {
  kind: 'code',
  version: 1,
  title: 'Code',
  step: 'prepare',
  icon: '</>',
  description: 'JavaScript with danfojs for what the recipe cannot express; runs in a sandbox',
  needs: ['dataset'],
  produces: 'dataset',
  defaultConfig: () => ({ code: DEFAULT_CODE, timeLimitS: DEFAULT_TIME_LIMIT_S }),
  async run({ config, inputs, projectId, cellId, progress, live }) {
    await requireConsent(projectId);
    const input = inputs.dataset!;
    const startedAt = Date.now();
    let logs: LogEntry[] = [];
    let phase: CodeLive['phase'] = 'input';
    let phaseAt = startedAt;
    const show = (next: CodeLive['phase'], at?: CodeLocation) => {
      if (next !== phase) phaseAt = Date.now();
      phase = next;
      live({ startedAt, phaseAt, phase, logs, at } satisfies CodeLive);
    };

    show('input');
    progress({ label: 'Reading the input table…' });
    const table = await dataWorker().call((api) => api.exportTable(input.datasetId));

    show('loading');
    progress({ label: 'Starting the sandbox and loading danfojs…' });
    const controller = beginRun(cellId);
    const limit = Math.min(TIME_LIMIT_RANGE.max, Math.max(TIME_LIMIT_RANGE.min, config.timeLimitS || DEFAULT_TIME_LIMIT_S));
    try {
      const { runCode } = await import('../../sandbox/run-code');
      const result = await runCode({
        code: config.code,
        table,
        timeLimitMs: limit * 1000,
        signal: controller.signal,
        onRunning: () => {
          show('running');
          progress({ label: 'Running your code…' });
        },
        onLog: (entries) => {
          logs = [...logs, ...entries];
          show('running');
        },
      });
      logs = result.logs;
      show('storing');
      progress({ label: `Storing ${result.table.rowCount.toLocaleString()} rows…` });
      const datasetId = newId();
      const name = `${input.name} · code`;
      const summary = await dataWorker().call((api) =>
        api.storeTable({ id: datasetId, projectId, name }, Comlink.transfer(result.table, tableBuffers(result.table))),
      );
      return { value: { datasetId, name, ...summary, logs } };
    } catch (err) {
      const details = err instanceof CellError ? (err.info.details as { logs?: LogEntry[]; at?: CodeLocation } | undefined) : undefined;
      if (details?.logs) logs = details.logs;
      show('failed', details?.at);
      throw err;
    } finally {
      endRun(cellId, controller);
    }
  },
  // The header's Cancel: the sandbox is no worker the session knows, so the kind stops it.
  cancel: stopAllCodeRuns,
  // Printed output can hold raw rows, so a share without data drops it with the head.
  redact: (o) => ({ ...o, logs: [] }),
  summary: (o) => `${o.rows.toLocaleString()} rows × ${o.columns.length} columns${o.logs.length ? ` · ${o.logs.length} log ${o.logs.length === 1 ? 'line' : 'lines'}` : ''}`,
  View,
};
