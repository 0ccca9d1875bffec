// Reads a later part of a delimited file (from a row boundary on) from another loader's plan, e.g. in a second worker.

import { DelimitedLoader, type SegmentPlan, type SegmentResult } from './delimited-loader.ts';

export type { SegmentPlan, SegmentResult } from './delimited-loader.ts';

export interface SegmentProgress {
  /** Bytes of the part read so far. */
  bytes: number;
  rows: number;
}

/**
 * Pushes the part's bytes through a loader made from `plan` and hands over what it built (see
 * DelimitedLoader.absorb). Throws UserError when the part ends inside quotes, which also happens when the
 * part did not start at a row boundary after all: the caller then reads those bytes itself.
 */
export async function readSegment(
  chunks: AsyncIterable<Uint8Array>,
  plan: SegmentPlan,
  onProgress?: (p: SegmentProgress) => void,
): Promise<SegmentResult> {
  const loader = new DelimitedLoader({}, plan);
  for await (const chunk of chunks) {
    loader.push(chunk);
    onProgress?.({ bytes: loader.bytes, rows: loader.rows });
  }
  return loader.finishSegment();
}

/** The buffers a SegmentResult holds, to transfer rather than copy it to another worker. */
export function segmentBuffers(result: SegmentResult): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const part of result.columns) {
    if (part.kind === 'skip') continue;
    if (part.kind === 'values') {
      for (const block of part.values) buffers.push(block.buffer as ArrayBuffer);
      continue;
    }
    const { bytes, offsets, lengths } = part.entries;
    for (const block of part.codes) buffers.push(block.buffer as ArrayBuffer);
    buffers.push(part.counts.buffer as ArrayBuffer, bytes.buffer as ArrayBuffer, offsets.buffer as ArrayBuffer, lengths.buffer as ArrayBuffer);
  }
  return buffers;
}
