import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../../src/server/file-source.ts';
import { loadDelimited } from '../../../src/core/parse/load-delimited.ts';
import { UserError } from '../../../src/core/errors/user-error.ts';

const dir = mkdtempSync(join(tmpdir(), 'lathe-file-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fileSource', () => {
  // Over 2 MiB, so it comes in several 1 MiB chunks.
  const text = 'id,v\n' + Array.from({ length: 250_000 }, (_, i) => `${i},${i % 7}`).join('\n') + '\n';
  const path = join(dir, 'data.csv');
  writeFileSync(path, text);

  it('streams a file in 1 MiB chunks and slices it', async () => {
    const source = await fileSource(path);
    expect(source.name).toBe('data.csv');
    expect(source.size).toBe(text.length);
    const sizes: number[] = [];
    const parts: Uint8Array[] = [];
    for await (const c of source.stream()) {
      sizes.push(c.length);
      parts.push(c);
    }
    expect(sizes.slice(0, -1).every((s) => s === 1 << 20)).toBe(true);
    expect(new TextDecoder().decode(Buffer.concat(parts))).toBe(text);
    expect(new TextDecoder().decode(await source.slice(0, 7))).toBe('id,v\n0,');
    expect(new TextDecoder().decode(await source.slice(text.length - 3, text.length + 10))).toBe(text.slice(-3));
  });

  it('loads through loadDelimited', async () => {
    const { table } = await loadDelimited(await fileSource(path));
    expect(table.rowCount).toBe(250_000);
    expect(table.columns.map((c) => c.type)).toEqual(['integer', 'integer']);
  });

  it('says when there is no such file', async () => {
    await expect(fileSource(join(dir, 'missing.csv'))).rejects.toThrow(UserError);
    await expect(fileSource(join(dir, 'missing.csv'))).rejects.toThrow(/No such file: .*missing\.csv/);
    await expect(fileSource(dir)).rejects.toThrow(/is not a file/);
  });
});

describe('fileSource, left early', () => {
  it('closes the file when the consumer stops reading', async () => {
    const path = join(dir, 'early.csv');
    writeFileSync(path, 'x\n'.repeat(3 << 20));
    const source = await fileSource(path);
    for await (const chunk of source.stream()) {
      expect(chunk.length).toBe(1 << 20);
      break;
    }
    // Read again from the start: the first pass left nothing open or half-read.
    let total = 0;
    for await (const chunk of source.stream()) total += chunk.length;
    expect(total).toBe(6 << 20);
  });
});
