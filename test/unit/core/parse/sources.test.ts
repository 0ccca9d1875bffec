import { describe, expect, it } from 'vitest';
import { blobSource, bufferSource } from '../../../../src/core/parse/sources.ts';
import type { DataSource } from '../../../../src/core/parse/load-types.ts';
import { loadDelimited } from '../../../../src/core/parse/load-delimited.ts';

async function chunks(source: DataSource): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const c of source.stream()) out.push(c);
  return out;
}

const concat = (parts: Uint8Array[]): number[] => parts.flatMap((p) => Array.from(p));

describe('bufferSource', () => {
  const bytes = new Uint8Array(1000).map((_, i) => i % 251);

  it('streams the buffer in chunks of the size asked, and again on every call', async () => {
    const source = bufferSource('x.csv', bytes, 300);
    expect(source.name).toBe('x.csv');
    expect(source.size).toBe(1000);
    const first = await chunks(source);
    expect(first.map((c) => c.length)).toEqual([300, 300, 300, 100]);
    expect(concat(first)).toEqual(Array.from(bytes));
    expect(concat(await chunks(source))).toEqual(Array.from(bytes));
  });

  it('slices byte ranges', async () => {
    const source = bufferSource('x.csv', bytes);
    expect(Array.from(new Uint8Array(await source.slice(990, 1000)))).toEqual(Array.from(bytes.subarray(990)));
  });
});

describe('blobSource', () => {
  const text = 'a,b\n' + '1,2\n'.repeat(100_000);
  const blob = new Blob([text]);

  it('streams a Blob and slices it', async () => {
    const source = blobSource(blob, 'big.csv');
    expect(source.size).toBe(text.length);
    expect(new TextDecoder().decode(new Uint8Array(concat(await chunks(source))))).toBe(text);
    expect(new TextDecoder().decode(await source.slice(0, 8))).toBe('a,b\n1,2\n');
  });

  it('loads through loadDelimited, and stops reading when left early', async () => {
    const { table } = await loadDelimited(blobSource(blob, 'big.csv'));
    expect(table.rowCount).toBe(100_000);
    const stream = blobSource(blob, 'big.csv').stream()[Symbol.asyncIterator]();
    await stream.next();
    await expect(stream.return?.()).resolves.toEqual({ done: true, value: undefined });
  });
});
