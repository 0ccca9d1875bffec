// A restartable Comlink connection to one worker: crash detection, cancellation, errors as values.
import * as Comlink from 'comlink';
import type { ErrorInfo } from '../core/errors/user-error';

/** What every worker method returns: a value, or an error meant for the user. */
export type WorkerResult<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** A failure surfaced to a cell: carries the user-facing ErrorInfo. */
export class CellError extends Error {
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'CellError';
    this.info = info;
  }
}

export class WorkerHandle<Api extends object> {
  private worker: Worker | undefined;
  private remote: Comlink.Remote<Api> | undefined;
  private readonly pending = new Set<(info: ErrorInfo) => void>();

  constructor(
    private readonly label: string,
    private readonly create: () => Worker,
  ) {}

  private start(): Comlink.Remote<Api> {
    if (this.remote) return this.remote;
    const worker = this.create();
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.fail({
        message: `The ${this.label} worker stopped unexpectedly. It has been restarted: run the cell again.`,
        cause: event.message || 'uncaught error in worker',
      });
    });
    worker.addEventListener('messageerror', () => {
      this.fail({ message: `The ${this.label} worker sent a message that could not be read. It has been restarted.` });
    });
    this.worker = worker;
    this.remote = Comlink.wrap<Api>(worker);
    return this.remote;
  }

  /** Tear the worker down and reject whatever was waiting on it. */
  private fail(info: ErrorInfo): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.remote = undefined;
    for (const reject of [...this.pending]) reject(info);
    this.pending.clear();
  }

  /**
   * Run one call. Resolves with the value, or rejects with a CellError carrying the worker's
   * user-facing error, a crash notice, or a cancellation.
   */
  async call<T>(fn: (api: Comlink.Remote<Api>) => Promise<WorkerResult<T>>): Promise<T> {
    const api = this.start();
    let rejectCrash!: (info: ErrorInfo) => void;
    const crashed = new Promise<never>((_, reject) => {
      rejectCrash = (info) => reject(new CellError(info));
    });
    this.pending.add(rejectCrash);
    try {
      const result = await Promise.race([fn(api), crashed]);
      if (!result.ok) throw new CellError(result.error);
      return result.value;
    } finally {
      this.pending.delete(rejectCrash);
    }
  }

  /** Stop whatever the worker is doing; the next call starts a fresh worker. */
  cancel(): void {
    // An idle worker keeps its state (e.g. the chosen tfjs backend): only stop one that is working.
    if (!this.worker || this.pending.size === 0) return;
    this.fail({ message: 'Cancelled.' });
  }
}

export { Comlink };
