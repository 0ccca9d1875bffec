// Loads a big delimited file in two parts at once: this thread reads the start, another (a worker) the rest.

import { UserError } from '../errors/user-error.ts';
import { DelimitedLoader, type SegmentPlan, type SegmentResult } from './delimited-loader.ts';
import type { SegmentProgress } from './delimited-segment.ts';
import { loadDelimited, rereadMisjudged, throwIfCancelled } from './load-delimited.ts';
import type { DataSource, LoadOptions, LoadResult } from './load-types.ts';
import { yieldToEvents } from './yield-to-events.ts';

export interface SegmentRequest {
  plan: SegmentPlan;
  /** The part's bytes in the source: [start, end). */
  start: number;
  end: number;
}

/** Reads a part of the source from a plan (readSegment in delimited-segment.ts, usually in another worker). */
export type SegmentReader = (request: SegmentRequest, onProgress: (p: SegmentProgress) => void) => Promise<SegmentResult>;

export interface SplitOptions {
  /** Files smaller than this are read in one piece: a second worker would cost more than it saves. */
  minBytes?: number;
  /**
   * Where the cut is aimed, as a share of the file (the first line end from there on); by default half-way
   * through what is left when the rest is handed over. No cut is made when the head has read past it by then.
   */
  at?: number;
  /** Bytes of the head after which the rest is started even if some columns' types are not settled yet. */
  planBytes?: number;
}

export const SPLIT_MIN_BYTES = 16 * 1024 * 1024;
const PLAN_BYTES = 4 * 1024 * 1024;
/** How far past the aimed cut a line end is looked for. */
const CUT_WINDOW = 1024 * 1024;

/**
 * The same table and report as loadDelimited, read in two parts at once. This thread reads the head; as soon
 * as the header is read and the columns' types are settled (column-builder.ts), the file is cut at a line
 * end half-way through what is left and `readRest` is asked to read the rest from that plan, while the
 * head goes on up to the cut.
 * At the cut the head's scanner must be exactly at a row boundary (a line end inside a quoted field fails
 * this); then the rest's columns are appended to the head's as if its bytes had been read here
 * (DelimitedLoader.absorb: dictionary codes, counts, invalid cells, widened types, malformed rows and line
 * numbers, encoding). Otherwise (quotes across the cut, a failure of the other part, an encoding decided
 * differently there) this thread reads the rest itself, so the result never depends on how it was read.
 * No cut is tried for small files, sources without ranges, or when quoted fields in the head hold line
 * breaks (the cut might then fall inside one).
 */
export async function loadDelimitedSplit(source: DataSource, opts: LoadOptions, readRest: SegmentReader, split: SplitOptions = {}): Promise<LoadResult> {
  const range = source.streamRange?.bind(source);
  const size = source.size;
  if (!range || size < (split.minBytes ?? SPLIT_MIN_BYTES)) return loadDelimited(source, opts);
  // A plan made late leaves the other part little to do in parallel: columns that have not settled by then
  // (sparse ones) are planned as raw cells.
  const planBytes = Math.min(split.planBytes ?? PLAN_BYTES, size / 8);

  throwIfCancelled(opts.signal);
  const head = new DelimitedLoader(opts);
  let rest: Promise<SegmentResult> | null = null;
  let restRead: SegmentProgress = { bytes: 0, rows: 0 };
  // When the rest is read here after all, what the other part had read is dropped, but the bar does not go back.
  let shown = 0;
  const report = (): void => {
    shown = Math.max(shown, head.bytes + restRead.bytes);
    opts.onProgress?.({ bytes: shown, totalBytes: size, rows: head.rows + restRead.rows });
  };
  // Until the rest is handed over, the head reads on; then it stops at the cut.
  let cut = size;
  let decided = false;
  for await (const chunk of range(0, size)) {
    throwIfCancelled(opts.signal);
    const room = cut - head.bytes;
    head.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
    if (!decided) {
      const plan = head.plan();
      if (plan !== null && (head.settled || head.bytes >= planBytes)) {
        decided = true;
        // The rest starts now, so the cut halves what is left to read rather than the file.
        const aim = split.at !== undefined ? Math.floor(size * split.at) : Math.floor((size + head.bytes) / 2);
        const found = head.quotedLineBreaks === 0 && aim > head.bytes ? await findCut(source, aim) : null;
        if (found !== null) {
          cut = found;
          rest = readRest({ plan, start: cut, end: size }, (p) => {
            restRead = p;
          });
          // Its failure is handled below, after the head; until then it must not count as unhandled.
          rest.catch(() => {});
        }
      }
    }
    report();
    if (head.bytes >= cut) break;
    // Chunks a stream has buffered arrive as microtasks, so this loop could run to the cut without the event
    // loop ever taking a task; a worker started from this thread needs such tasks to start at all. Until the
    // rest reports progress, each chunk gives way once.
    if (rest !== null && restRead.bytes === 0) await yieldToEvents();
  }

  let part: SegmentResult | null = null;
  if (rest !== null && head.atRowStart) {
    try {
      part = await cancellable(rest, opts.signal);
    } catch {
      throwIfCancelled(opts.signal);
      // Anything else (the rest ended inside quotes, the worker failed): the rest is read here.
    }
  }
  if (rest !== null && (part === null || !head.absorb(part, head.line))) {
    restRead = { bytes: 0, rows: 0 };
    for await (const chunk of range(cut, size)) {
      throwIfCancelled(opts.signal);
      head.push(chunk);
      report();
    }
  } else if (rest !== null) {
    restRead = { bytes: size - cut, rows: 0 };
  }
  throwIfCancelled(opts.signal);
  const first = head.finish();
  report();
  return rereadMisjudged(source, opts, first, head.misjudged);
}

/** Just past the first line end (LF) at or after `aim`, or null when there is none near it. */
async function findCut(source: DataSource, aim: number): Promise<number | null> {
  if (aim <= 0 || aim >= source.size) return null;
  const window = new Uint8Array(await source.slice(aim, Math.min(source.size, aim + CUT_WINDOW)));
  const at = window.indexOf(10);
  if (at < 0) return null;
  const cut = aim + at + 1;
  return cut < source.size ? cut : null;
}

/** The promise, or the cancellation error as soon as the signal aborts. */
function cancellable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(new UserError('Loading was cancelled.'));
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
