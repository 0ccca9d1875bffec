// The messages between the page, the sandbox iframe's runner and the code worker inside it.
import type { Table } from '../core/table/table';
import type { LogEntry } from '../core/code/log-book';

/** Page → runner: everything a run needs; the runner passes it on to a worker it starts from `worker`. */
export interface StartMessage {
  type: 'start';
  /** The code worker's script (a classic worker script: the sandbox's opaque origin cannot load the app's URLs). */
  worker: Blob;
  /** danfojs's browser bundle (an ES module, imported by the worker from a blob: URL). */
  danfo: Blob;
  code: string;
  table: Table;
  /** The page's origin, the only one the runner answers. */
  origin: string;
}

/** Runner → worker: the start message less what only the runner needs. */
export type WorkerStart = Pick<StartMessage, 'danfo' | 'code' | 'table'>;

/** Why a run failed, as the sandbox saw it. */
export interface CodeFailure {
  /** 'code': the user's code threw or did not parse; 'result': what it returned is not a table; 'sandbox': the sandbox itself failed. */
  kind: 'code' | 'result' | 'sandbox';
  message: string;
  hint?: string;
  /** 1-based position in the cell's code, when known. */
  line?: number;
  column?: number;
  /** The stack, reduced to the user's own frames. */
  stack?: string;
}

/** Runner/worker → page. */
export type SandboxEvent =
  /** The runner's script is alive and listening. */
  | { type: 'ready' }
  /** danfojs is loaded and the input built: the user's code starts now (and so does its time limit). */
  | { type: 'running' }
  | { type: 'log'; entries: LogEntry[] }
  | { type: 'done'; table: Table; logs: LogEntry[] }
  | { type: 'failed'; failure: CodeFailure; logs: LogEntry[] };
