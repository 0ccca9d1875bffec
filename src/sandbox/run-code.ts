// Runs a code cell's code in a fresh sandbox (an opaque-origin iframe with a worker), with a time limit and a stop.
import { CellError } from '../client/worker-handle';
import type { ErrorInfo } from '../core/errors/user-error';
import type { CodeLocation } from '../core/code/error-location';
import { cleanLogEntries, LOG_LIMITS, type LogEntry } from '../core/code/log-book';
import { validateTable } from '../core/code/validate-table';
import { tableBuffers, type Table } from '../core/table/table';
import { sandboxAssets } from './assets';
import type { CodeFailure, SandboxEvent, StartMessage } from './protocol';
import { RUNNER_HTML } from './runner-html';

export interface CodeRunOptions {
  code: string;
  /** The input table; its buffers are transferred to the sandbox (unusable here afterwards). */
  table: Table;
  /** How long the user's code may run, from the moment it starts (loading danfojs is not counted). */
  timeLimitMs: number;
  signal?: AbortSignal;
  /** The code started (danfojs is loaded). */
  onRunning?: () => void;
  /** New log lines, as they come. */
  onLog?: (entries: LogEntry[]) => void;
}

export interface CodeRunResult {
  table: Table;
  logs: LogEntry[];
}

/** What a failed run adds to its ErrorInfo: where in the code, and what it logged. */
export interface CodeErrorDetails {
  kind: 'code-error';
  at?: CodeLocation;
  logs: LogEntry[];
  [key: string]: unknown;
}

/** Starting the sandbox and loading danfojs (6 MB of script) may take this long before the code starts. */
export const START_LIMIT_MS = 60_000;

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/**
 * Runs `code` as the body of an async function of (input, dfd, tf, helpers) in a new sandbox and resolves
 * with the table it returns. Rejects with a CellError (message, hint, and CodeErrorDetails) when the code
 * throws, returns something that is not a table, runs past its time limit, or is stopped; the sandbox is
 * removed in every case, which ends its worker however busy it is.
 */
export async function runCode(options: CodeRunOptions): Promise<CodeRunResult> {
  const { signal } = options;
  if (signal?.aborted) throw stopped([]);
  const assets = await sandboxAssets();
  if (signal?.aborted) throw stopped([]);

  return new Promise<CodeRunResult>((resolve, reject) => {
    const frame = document.createElement('iframe');
    // No allow-same-origin: the document gets an opaque origin, so no storage, cookies or access to this page.
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.title = 'Code sandbox';
    frame.style.display = 'none';
    frame.srcdoc = RUNNER_HTML;

    let logs: LogEntry[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    // The sandbox runs untrusted code that can post messages of its own: each step is taken once, in order,
    // so repeated 'running' messages cannot push the time limit back.
    let started = false;
    let running = false;

    const finish = (outcome: { ok: CodeRunResult } | { error: CellError }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      signal?.removeEventListener('abort', onAbort);
      // Asking the runner to end its worker first is a courtesy; removing the frame ends it regardless.
      frame.contentWindow?.postMessage({ type: 'stop' }, '*');
      frame.remove();
      if ('ok' in outcome) resolve(outcome.ok);
      else reject(outcome.error);
    };

    const onAbort = () => finish({ error: stopped(logs) });
    const startLimit = () => {
      timer = setTimeout(
        () => finish({ error: failure({ message: 'The code sandbox did not start in time.', hint: 'Reload the page and run the cell again.' }, logs) }),
        START_LIMIT_MS,
      );
    };

    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow || settled) return;
      const data = event.data as SandboxEvent | null;
      if (data?.type !== 'ready' && !started) return;
      switch (data?.type) {
        case 'ready': {
          if (started) return;
          started = true;
          const start: StartMessage = {
            type: 'start',
            worker: assets.worker,
            danfo: assets.danfo,
            code: options.code,
            table: options.table,
            origin: location.origin,
          };
          // The opaque origin serialises as "null", which postMessage cannot target: '*' reaches it, and only it.
          frame.contentWindow!.postMessage(start, '*', tableBuffers(options.table));
          break;
        }
        case 'running':
          if (!started || running) return;
          running = true;
          clearTimeout(timer);
          timer = setTimeout(() => finish({ error: timedOut(options.timeLimitMs, logs) }), options.timeLimitMs);
          options.onRunning?.();
          break;
        case 'log': {
          // Kept (and shown) up to the log's limit, however much a misbehaving sandbox sends.
          const entries = cleanLogEntries(data.entries).slice(0, Math.max(0, LOG_LIMITS.lines + 1 - logs.length));
          if (!entries.length) return;
          logs = [...logs, ...entries];
          options.onLog?.(entries);
          break;
        }
        case 'done': {
          let table: Table;
          try {
            table = validateTable(data.table);
          } catch (err) {
            finish({ error: failure({ message: (err as Error).message }, logs) });
            return;
          }
          finish({ ok: { table, logs: cleanLogEntries(data.logs) } });
          break;
        }
        case 'failed': {
          const f: Partial<CodeFailure> = data.failure ?? {};
          const at = typeof f.line === 'number' ? { line: f.line, column: typeof f.column === 'number' ? f.column : undefined } : undefined;
          const info: ErrorInfo = { message: String(f.message ?? 'The code failed.').slice(0, 2_000) };
          if (typeof f.hint === 'string') info.hint = f.hint.slice(0, 2_000);
          else if (f.kind === 'code') info.hint = at ? `Fix line ${at.line} of the code and run the cell again.` : 'Fix the code and run the cell again.';
          if (typeof f.stack === 'string' && f.stack.includes('\n')) info.cause = f.stack.slice(0, 10_000);
          finish({ error: failure(info, cleanLogEntries(data.logs), at) });
          break;
        }
      }
    };

    window.addEventListener('message', onMessage);
    signal?.addEventListener('abort', onAbort);
    startLimit();
    document.body.append(frame);
  });
}

function failure(info: ErrorInfo, logs: LogEntry[], at?: CodeLocation): CellError {
  const details: CodeErrorDetails = { kind: 'code-error', logs };
  if (at) details.at = at;
  return new CellError({ ...info, details });
}

function stopped(logs: LogEntry[]): CellError {
  return failure({ message: 'Stopped: the code was ended before it finished.', hint: 'Nothing was changed: the previous result, if any, is kept.' }, logs);
}

function timedOut(limitMs: number, logs: LogEntry[]): CellError {
  return failure(
    {
      message: `The code ran longer than its time limit of ${seconds(limitMs)} and was stopped.`,
      hint: 'Look for a loop that never ends; if the work just needs longer, raise the time limit below the code.',
    },
    logs,
  );
}
