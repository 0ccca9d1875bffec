// A DataSource over bytes in memory that streams them in chunks of a chosen size, for the loader tests.

import type { DataSource } from '../../../../src/core/parse/load-types.ts';

export function memorySource(name: string, data: Uint8Array | ArrayBuffer | string, chunkSize = 1 << 16): DataSource {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data instanceof Uint8Array ? data : new Uint8Array(data);
  return {
    name,
    size: bytes.length,
    async *stream() {
      for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.slice(i, i + chunkSize);
    },
    async slice(start, end) {
      return bytes.slice(start, end).buffer;
    },
  };
}
