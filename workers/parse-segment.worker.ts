// Parse worker: started by a data worker to read the second part of a big delimited file on another core.
import * as Comlink from 'comlink';
import { readSegment, segmentBuffers, type SegmentProgress } from '../src/core/parse/delimited-segment';
import type { SegmentRequest } from '../src/core/parse/load-delimited-split';
import { blobSource } from '../src/core/parse/sources';

/** Progress messages at most this often: each one is a message the data worker handles between its chunks. */
const PROGRESS_MS = 100;

const api = {
  /** Answers once this worker runs. */
  ready() {
    return true;
  },
  /** Reads bytes [start, end) of the blob from the plan; the columns come back transferred, not copied. */
  async readSegment(blob: Blob, request: SegmentRequest, onProgress?: (p: SegmentProgress) => void) {
    const chunks = (blobSource(blob, '').streamRange as (start: number, end: number) => AsyncIterable<Uint8Array>)(request.start, request.end);
    let last = 0;
    const result = await readSegment(chunks, request.plan, (p) => {
      const now = performance.now();
      if (now - last < PROGRESS_MS) return;
      last = now;
      onProgress?.(p);
    });
    return Comlink.transfer(result, segmentBuffers(result));
  },
};

export type ParseSegmentWorkerApi = typeof api;
Comlink.expose(api);
