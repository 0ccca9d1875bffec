// DataSources over bytes already at hand: an in-memory buffer, or a Blob/File (browser, worker or Node 20).

import type { DataSource } from './load-types.ts';

const DEFAULT_CHUNK = 1 << 20;

/** A buffer read in chunks of `chunkSize` bytes (views, not copies). */
export function bufferSource(name: string, bytes: Uint8Array, chunkSize = DEFAULT_CHUNK): DataSource {
  const size = Math.max(1, Math.floor(chunkSize));
  async function* range(start: number, end: number): AsyncIterable<Uint8Array> {
    for (let offset = start; offset < end; offset += size) yield bytes.subarray(offset, Math.min(offset + size, end));
  }
  return {
    name,
    size: bytes.length,
    stream: () => range(0, bytes.length),
    streamRange: (start, end) => range(Math.max(0, start), Math.min(end, bytes.length)),
    async slice(start, end) {
      return bytes.slice(start, end).buffer;
    },
  };
}

/**
 * A Blob or File, streamed with blob.stream() (so a file on disk is never read whole into memory) and
 * sliced with blob.slice().arrayBuffer(). The stream is read with a reader rather than `for await`, which
 * not every browser supports on ReadableStream; leaving the loop early cancels it.
 */
export function blobSource(blob: Blob, name: string): DataSource {
  return {
    name,
    size: blob.size,
    blob,
    stream: () => streamBlob(blob),
    streamRange: (start, end) => streamBlob(blob.slice(start, end)),
    slice(start, end) {
      return blob.slice(start, end).arrayBuffer();
    },
  };
}

async function* streamBlob(blob: Blob): AsyncIterable<Uint8Array> {
  const reader = blob.stream().getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel();
    reader.releaseLock();
  }
}
