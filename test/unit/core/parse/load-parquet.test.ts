import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { parquetMetadata } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnSource, SchemaElement } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { loadParquet } from '../../../../src/core/parse/load-parquet.ts';
import type { LoadProgress } from '../../../../src/core/parse/load-types.ts';
import { cellText, getColumn, type Column, type Table } from '../../../../src/core/table/table.ts';
import { memorySource } from './memory-source.ts';
import { rejection } from '../../helpers/user-error';

// The files are written here with hyparquet-writer from known values; those values are what must come back.
const N = 25;
const range = (f: (i: number) => unknown) => Array.from({ length: N }, (_, i) => f(i));

const ints = range((i) => (i % 7 === 3 ? null : i * 3 - 20));
const bigs = range((i) => (i === 4 ? null : BigInt(i) * 1_000_000_007n));
const huge = range((i) => (i % 2 ? 2n ** 60n + BigInt(i) : -BigInt(i)));
const doubles = range((i) => (i % 5 === 0 ? null : i / 8 - 1.3));
const bools = range((i) => (i % 6 === 5 ? null : i % 3 === 0));
const colours = range((i) => (i % 9 === 8 ? null : ['red', 'green', 'blue'][i % 3]));
const codes = range((i) => `SKU-${String(1000 + i * 37)}`);
const notes = range((i) => `note number ${i} about a somewhat longer subject`);
const dates = range((i) => (i === 2 ? null : new Date(Date.UTC(2020, 0, 1 + i * 40))));
const stamps = range((i) => (i === 6 ? null : new Date(Date.UTC(2024, 2, 1, i, i * 2, i, i * 7))));
// Nanoseconds, some before 1970: floored to the millisecond, exactly, though they exceed 2^53.
const nanos = range((i) => (i % 2 ? 1_700_000_000_123_456_789n + BigInt(i) * 86_400_000_000_000n : -1_500_000_001n * BigInt(i)));
const prices = range((i) => (i % 4 === 1 ? null : (i * 1234) / 100));
const objects = range((i) => (i % 3 ? { k: i, tags: ['a', String(i)] } : null));

const COLUMNS: ColumnSource[] = [
  { name: 'int', data: ints, type: 'INT32' },
  { name: 'big', data: bigs, type: 'INT64' },
  { name: 'huge', data: huge, type: 'INT64' },
  { name: 'double', data: doubles, type: 'DOUBLE' },
  { name: 'bool', data: bools, type: 'BOOLEAN' },
  { name: 'colour', data: colours, type: 'STRING' },
  { name: 'code', data: codes, type: 'STRING' },
  { name: 'note', data: notes, type: 'STRING' },
  { name: 'day', data: dates },
  { name: 'stamp', data: stamps, type: 'TIMESTAMP' },
  { name: 'nanos', data: nanos },
  { name: 'price', data: prices },
  { name: 'object', data: objects, type: 'JSON' },
];

/** Columns given by type use the writer's mapping; the others get an explicit schema element. */
const SCHEMA: SchemaElement[] = [
  { name: 'root', num_children: COLUMNS.length },
  ...COLUMNS.map((c): SchemaElement => {
    if (c.name === 'day') return { name: 'day', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' };
    if (c.name === 'nanos') {
      return { name: 'nanos', type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'NANOS' }, repetition_type: 'REQUIRED' };
    }
    if (c.name === 'price') {
      return { name: 'price', type: 'INT64', converted_type: 'DECIMAL', scale: 2, precision: 12, repetition_type: 'OPTIONAL' };
    }
    const byType: Record<string, SchemaElement> = {
      INT32: { name: c.name, type: 'INT32' },
      INT64: { name: c.name, type: 'INT64' },
      DOUBLE: { name: c.name, type: 'DOUBLE' },
      BOOLEAN: { name: c.name, type: 'BOOLEAN' },
      STRING: { name: c.name, type: 'BYTE_ARRAY', converted_type: 'UTF8' },
      TIMESTAMP: { name: c.name, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' },
      JSON: { name: c.name, type: 'BYTE_ARRAY', converted_type: 'JSON' },
    };
    return { ...byType[c.type as string], repetition_type: 'OPTIONAL' };
  }),
];

type Codec = 'UNCOMPRESSED' | 'SNAPPY' | 'GZIP' | 'BROTLI';

function writeFile(codec: Codec = 'SNAPPY', rowGroupSize = 10): ArrayBuffer {
  return parquetWriteBuffer({
    columnData: COLUMNS.map(({ name, data }) => ({ name, data })),
    schema: SCHEMA,
    codec,
    compressors: { GZIP: (b) => gzipSync(b), BROTLI: (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }) },
    rowGroupSize,
  });
}

function column(table: Table, name: string): Column {
  const c = getColumn(table, name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

function numbers(c: Column): number[] {
  if (c.kind !== 'numeric') throw new Error(`${c.name} is not numeric`);
  return Array.from(c.values);
}

function texts(c: Column): (string | null)[] {
  return range((r) => cellText(c, r)) as (string | null)[];
}

const floorMs = (ns: bigint): number => {
  const q = ns / 1_000_000n;
  return Number(ns % 1_000_000n < 0n ? q - 1n : q);
};

describe('loadParquet', () => {
  for (const codec of ['SNAPPY', 'GZIP', 'BROTLI', 'UNCOMPRESSED'] as const) {
    it(`reads every column type back as written (${codec})`, async () => {
      const buffer = writeFile(codec);
      // The codec really is the one asked for, so the decompressor is exercised.
      expect(parquetMetadata(buffer).row_groups[0].columns[0].meta_data?.codec).toBe(codec);
      const { table, report } = await loadParquet(memorySource('t.parquet', new Uint8Array(buffer)));
      expect(table.rowCount).toBe(N);
      expect(table.columns.map((c) => c.name)).toEqual(COLUMNS.map((c) => c.name));

      const asNumber = (v: unknown) => (v === null ? NaN : typeof v === 'boolean' ? Number(v) : v instanceof Date ? v.getTime() : Number(v));
      expect(numbers(column(table, 'int'))).toEqual(ints.map(asNumber));
      expect(numbers(column(table, 'big'))).toEqual(bigs.map(asNumber));
      expect(numbers(column(table, 'huge'))).toEqual(huge.map(asNumber));
      expect(numbers(column(table, 'double'))).toEqual(doubles.map(asNumber));
      expect(numbers(column(table, 'bool'))).toEqual(bools.map(asNumber));
      expect(numbers(column(table, 'day'))).toEqual(dates.map(asNumber));
      expect(numbers(column(table, 'stamp'))).toEqual(stamps.map(asNumber));
      expect(numbers(column(table, 'nanos'))).toEqual(nanos.map((v) => floorMs(v as bigint)));
      // DECIMAL(12, 2): the written number is rounded to cents, and read back as cents / 100.
      expect(numbers(column(table, 'price'))).toEqual(prices.map((v) => (v === null ? NaN : Math.round((v as number) * 100) / 100)));
      expect(texts(column(table, 'colour'))).toEqual(colours);
      expect(texts(column(table, 'code'))).toEqual(codes);
      expect(texts(column(table, 'note'))).toEqual(notes);
      expect(texts(column(table, 'object'))).toEqual(objects.map((v) => (v === null ? null : JSON.stringify(v))));

      const types = Object.fromEntries(table.columns.map((c) => [c.name, c.type]));
      expect(types).toEqual({
        int: 'integer',
        big: 'integer',
        huge: 'float', // beyond 2^53: not every value is exact, as with such integers in a CSV
        double: 'float',
        bool: 'boolean',
        colour: 'categorical',
        code: 'identifier', // 25 distinct short codes
        note: 'text', // distinct and long
        day: 'datetime',
        stamp: 'datetime',
        nanos: 'datetime',
        price: 'float',
        object: 'text', // distinct JSON texts averaging over 20 characters
      });
      expect(report).toEqual({ format: 'parquet', rows: N, skipped: { count: 0, rows: [] }, inferredTypes: types });
    });
  }

  it('keeps lists and structs as the text of their JSON', async () => {
    const list = [[1, 2], null, [], [3]];
    const struct = [{ a: 1, b: 'x' }, null, { a: 2, b: null }, { a: 3, b: 'z' }];
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'list', data: list },
        { name: 'struct', data: struct },
      ],
      schema: [
        { name: 'root', num_children: 2 },
        { name: 'list', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'INT32', repetition_type: 'OPTIONAL' },
        { name: 'struct', repetition_type: 'OPTIONAL', num_children: 2 },
        { name: 'a', type: 'INT32', repetition_type: 'OPTIONAL' },
        { name: 'b', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      ],
    });
    const { table } = await loadParquet(memorySource('nested.parquet', new Uint8Array(buffer)));
    const json = (values: unknown[]) => values.map((v) => (v === null ? null : JSON.stringify(v)));
    const cells = (name: string) => Array.from({ length: table.rowCount }, (_, r) => cellText(column(table, name), r));
    expect(cells('list')).toEqual(json(list));
    expect(cells('struct')).toEqual(json(struct));
    expect(table.columns.map((c) => c.type)).toEqual(['categorical', 'categorical']);
  });

  it('reports progress once per row group, and stops when cancelled', async () => {
    const bytes = new Uint8Array(writeFile('SNAPPY', 10));
    const seen: LoadProgress[] = [];
    await loadParquet(memorySource('t.parquet', bytes), { onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.rows)).toEqual([10, 20, 25]);
    expect(seen.every((p) => p.totalBytes === bytes.length && p.bytes <= bytes.length)).toBe(true);
    expect(seen[1].bytes).toBeGreaterThan(seen[0].bytes);

    const controller = new AbortController();
    const err = await rejection(loadParquet(memorySource('t.parquet', bytes), { signal: controller.signal, onProgress: () => controller.abort() }));
    expect(err.message).toBe('Loading was cancelled.');
  });

  it('says a truncated file is truncated and a non-Parquet file is not Parquet', async () => {
    const bytes = new Uint8Array(writeFile());
    const cut = await rejection(loadParquet(memorySource('t.parquet', bytes.slice(0, Math.floor(bytes.length * 0.7)))));
    expect(cut.message).toMatch(/truncated/);
    const csv = await rejection(loadParquet(memorySource('t.parquet', 'a,b\n1,2\n')));
    expect(csv.message).toMatch(/not a Parquet file/);
    expect((await rejection(loadParquet(memorySource('t.parquet', new Uint8Array(0))))).message).toMatch(/empty/);
    // Intact ends around a damaged footer: hyparquet's complaint, as a user error.
    const damaged = bytes.slice();
    const footerLength = new DataView(damaged.buffer).getUint32(damaged.length - 8, true);
    damaged.fill(0xff, damaged.length - 8 - footerLength, damaged.length - 8);
    expect((await rejection(loadParquet(memorySource('t.parquet', damaged)))).message).toMatch(/could not be read/);
  });

  it('applies a type the user chose, reporting the inferred one', async () => {
    const bytes = new Uint8Array(writeFile());
    const { table, report } = await loadParquet(memorySource('t.parquet', bytes), { types: { int: 'categorical', colour: 'integer' } });
    expect(column(table, 'int').type).toBe('categorical');
    expect(texts(column(table, 'int'))).toEqual(ints.map((v) => (v === null ? null : String(v))));
    const colour = column(table, 'colour');
    expect(colour.type).toBe('integer');
    expect(colour.invalid?.count).toBe(colours.filter((c) => c !== null).length);
    expect(report.inferredTypes).toMatchObject({ int: 'integer', colour: 'categorical' });
  });
});
