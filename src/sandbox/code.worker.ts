// The code cell's worker, started inside the sandbox iframe from a blob: it loads danfojs, runs the user's
// code on the upstream table, and sends back the table the code returned.
//
// This is the one place where user code is compiled (new AsyncFunction): inside a worker of an opaque-origin
// iframe, with no storage, no access to the app and no network (runner-html.ts). It runs as a classic
// worker (the sandbox cannot start module workers from blob: URLs), so this file must not use top-level
// await or import.meta, and its bundle must have no imports of its own.
import type * as Danfo from 'danfojs';
import { toDataFrame } from '../core/code/table-to-columns';
import { resultToTable } from '../core/code/result-to-table';
import { formatLogArgs } from '../core/code/format-log';
import { LogBook, type LogLevel } from '../core/code/log-book';
import { CODE_SOURCE_NAME, locateError, userStack, type CodeLocation } from '../core/code/error-location';
import { UserError } from '../core/errors/user-error';
import { tableBuffers, type Table } from '../core/table/table';
import type { CodeFailure, SandboxEvent, WorkerStart } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const PARAMS = ['input', 'dfd', 'tf', 'helpers'] as const;
type UserFunction = (input: unknown, dfd: unknown, tf: unknown, helpers: unknown) => Promise<unknown>;
// The constructor of async functions is not a global; this is how it is reached.
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => UserFunction;

const book = new LogBook();
/** While a syntax error is being located, the global error handler hands the error here instead of to the log. */
let locating: ((event: ErrorEvent) => void) | null = null;
const post = (event: SandboxEvent, transfer: Transferable[] = []) => self.postMessage(event, transfer);

function flushLogs(): void {
  const entries = book.takeNew();
  if (entries.length) post({ type: 'log', entries });
}

/** console.* in the user's code (and danfojs's own warnings) go to the cell's log panel. */
function captureConsole(): void {
  const levels: Record<string, LogLevel> = { log: 'log', debug: 'log', table: 'log', dir: 'log', info: 'info', warn: 'warn', error: 'error' };
  for (const [method, level] of Object.entries(levels)) {
    (console as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => book.add(level, formatLogArgs(args));
  }
  // Errors in callbacks the code left running (timers, promises nobody awaits) are logged, not lost.
  self.addEventListener('error', (event) => {
    event.preventDefault();
    if (locating) locating(event);
    else book.add('error', event.message);
  });
  self.onunhandledrejection = (event) => {
    event.preventDefault();
    book.add('error', 'Unhandled rejection: ' + formatLogArgs([event.reason]));
  };
  setInterval(flushLogs, 100);
}

function compile(code: string): UserFunction {
  return new AsyncFunction(...PARAMS, `${code}\n//# sourceURL=${CODE_SOURCE_NAME}`);
}

/** How many lines the engine puts before the code in a compiled function (two in V8), measured once. */
async function measureLineOffset(): Promise<number> {
  try {
    await compile('throw new Error()')(null, null, null, null);
  } catch (err) {
    const at = locateError((err as Error).stack, 0);
    if (at) return at.line - 1;
  }
  return 0;
}

/**
 * Where a syntax error is: the Function constructor's SyntaxError carries no position, but the same code
 * loaded as a script reports one to the global error handler.
 */
function locateSyntaxError(code: string): Promise<CodeLocation | undefined> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(new Blob([`(async function () {\n${code}\n})`], { type: 'text/javascript' }));
    const done = (at: CodeLocation | undefined) => {
      locating = null;
      URL.revokeObjectURL(url);
      resolve(at);
    };
    locating = (event) => done(event.lineno > 1 ? { line: event.lineno - 1, column: event.colno || undefined } : undefined);
    // Thrown from a task of its own, the error reaches onerror with its position instead of a catch block.
    setTimeout(() => {
      importScripts(url);
      done(undefined);
    });
  });
}

function codeFailure(err: unknown, lineOffset: number): CodeFailure {
  if (err instanceof Error) {
    const at = locateError(err.stack, lineOffset);
    const text = `${err.name}: ${err.message}`;
    return {
      kind: 'code',
      message: at ? `Line ${at.line}: ${text}` : text,
      line: at?.line,
      column: at?.column,
      stack: userStack(err.stack, lineOffset),
    };
  }
  return { kind: 'code', message: `The code threw ${formatLogArgs([err])}` };
}

async function run({ danfo, code, table }: WorkerStart): Promise<void> {
  captureConsole();
  let dfd: typeof Danfo;
  try {
    dfd = (await import(/* @vite-ignore */ URL.createObjectURL(danfo))) as typeof Danfo;
  } catch (err) {
    fail({ kind: 'sandbox', message: 'danfojs could not be loaded in the code sandbox: ' + String(err) });
    return;
  }
  let fn: UserFunction;
  try {
    fn = compile(code);
  } catch (err) {
    const at = err instanceof SyntaxError ? await locateSyntaxError(code) : undefined;
    const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    fail({
      kind: 'code',
      message: at ? `Line ${at.line}: ${text}` : text,
      hint: /import statement|export/.test(text) ? 'dfd, tf and helpers are already at hand: the code cannot import modules.' : undefined,
      line: at?.line,
      column: at?.column,
    });
    return;
  }
  const lineOffset = await measureLineOffset();
  const input = toDataFrame(dfd, table);
  const helpers = Object.freeze({
    /** A DataFrame from records or { column: values }, with the same type rules as a returned table. */
    table: (data: unknown) => toDataFrame(dfd, resultToTable(data)),
    /** A line in the cell's log. */
    log: (...args: unknown[]) => book.add('log', formatLogArgs(args)),
  });
  post({ type: 'running' });
  let value: unknown;
  try {
    value = await fn(input, dfd, dfd.tensorflow, helpers);
  } catch (err) {
    fail(codeFailure(err, lineOffset));
    return;
  }
  let result: Table;
  try {
    result = resultToTable(value, table);
  } catch (err) {
    if (err instanceof UserError) fail({ kind: 'result', message: err.message, hint: err.hint });
    else fail({ kind: 'result', message: 'What the code returned could not be read as a table: ' + String(err) });
    return;
  }
  flushLogs();
  post({ type: 'done', table: result, logs: book.all() }, tableBuffers(result));
}

function fail(failure: CodeFailure): void {
  flushLogs();
  post({ type: 'failed', failure, logs: book.all() });
}

self.onmessage = (event: MessageEvent<WorkerStart>) => {
  self.onmessage = null;
  run(event.data).catch((err: unknown) => fail({ kind: 'sandbox', message: 'The code sandbox failed: ' + String(err) }));
};
