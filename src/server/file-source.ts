// A DataSource over a file on disk (Node): read in 1 MiB chunks, one ahead, never whole.

import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { UserError } from '../core/errors/user-error.ts';
import type { DataSource } from '../core/parse/load-types.ts';

const CHUNK = 1 << 20;

/** Throws UserError when the path is not a readable file. Each stream() opens the file afresh. */
export async function fileSource(path: string): Promise<DataSource> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UserError(`${path} is not a file.`, 'Give the path of a data file.');
    size = info.size;
  } catch (err) {
    if (err instanceof UserError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`No such file: ${path}.`, 'Check the path.');
    throw new UserError(`Cannot read ${path}: ${err instanceof Error ? err.message : String(err)}.`, 'Check the path and its permissions.');
  }
  return {
    name: basename(path),
    size,
    async *stream() {
      const handle = await open(path, 'r');
      let offset = 0;
      const readNext = async (): Promise<Uint8Array> => {
        // A fresh buffer per chunk: the consumer may keep the chunks it is given.
        const buffer = new Uint8Array(CHUNK);
        const { bytesRead } = await handle.read(buffer, 0, CHUNK, offset);
        offset += bytesRead;
        return bytesRead === CHUNK ? buffer : buffer.subarray(0, bytesRead);
      };
      // One read ahead, so the disk works while the consumer parses the chunk it was given.
      let pending = readNext();
      pending.catch(() => {}); // awaited below; this only stops an early failure counting as unhandled
      try {
        for (;;) {
          const chunk = await pending;
          if (chunk.length === 0) return;
          pending = readNext();
          pending.catch(() => {});
          yield chunk;
        }
      } finally {
        await pending.catch(() => undefined);
        await handle.close();
      }
    },
    async slice(start, end) {
      const handle = await open(path, 'r');
      try {
        const length = Math.max(0, Math.min(end, size) - start);
        const buffer = new Uint8Array(length);
        let done = 0;
        while (done < length) {
          const { bytesRead } = await handle.read(buffer, done, length - done, start + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return buffer.buffer.slice(0, done);
      } finally {
        await handle.close();
      }
    },
  };
}
