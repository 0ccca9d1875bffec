// Loads a Parquet file into a typed columnar table, column by column and row group by row group.

import { parquetMetadataAsync, parquetRead, parquetSchema, toJson } from 'hyparquet';
import type { AsyncBuffer, DecodedArray, FileMetaData, ParquetParsers, SchemaTree } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { UserError } from '../errors/user-error.ts';
import { cellText, type CodedColumn, type Column, type ColumnType, type NumericColumn } from '../table/table.ts';
import { inferColumn } from './infer-column.ts';
import type { DataSource, LoadOptions, LoadResult } from './load-types.ts';
import { codedType } from './type-rules.ts';

const MAGIC = 'PAR1';
/** Magic at both ends plus the 4-byte footer length. */
const MIN_SIZE = 12;
const MS_PER_DAY = 86_400_000;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const PARQUET_HINT = 'Lathe reads Parquet files as written by pandas, Arrow, Spark, DuckDB or Polars (any of the usual compression codecs).';

/**
 * Values as the table stores them, so no Date objects are made per cell: datetimes as epoch milliseconds
 * (floored, in BigInt arithmetic so nanosecond stamps beyond 2^53 stay exact to the millisecond) and JSON
 * columns as their text.
 */
const PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (ms: bigint) => Number(ms),
  timestampFromMicroseconds: (us: bigint) => floorDiv(us, 1000n),
  timestampFromNanoseconds: (ns: bigint) => floorDiv(ns, 1_000_000n),
  dateFromDays: (days: number) => days * MS_PER_DAY,
  jsonFromBytes: (bytes: Uint8Array | undefined) => bytes && new TextDecoder().decode(bytes),
};

function floorDiv(a: bigint, b: bigint): number {
  const q = a / b;
  return Number(a % b < 0n ? q - 1n : q);
}

/**
 * Reads every column of every row group, in order. Physical and logical types map to column types:
 * integers → integer (64-bit values beyond ±2^53 make the column float, as the CSV loader does), FLOAT/DOUBLE/
 * DECIMAL → float, BOOLEAN → boolean, DATE/TIMESTAMP/INT96 → datetime, strings, enums, UUIDs and JSON → coded
 * (categorical, text or identifier by the same thresholds as CSV), times of day → text (HH:MM:SS), and lists,
 * structs, maps and raw binary → the text of their JSON. Parquet nulls are missing; strings are kept as written
 * (no "NA" tokens: Parquet has real nulls). Progress is reported after each row group.
 */
export async function loadParquet(source: DataSource, opts: LoadOptions = {}): Promise<LoadResult> {
  await checkEnds(source);
  const file: AsyncBuffer = { byteLength: source.size, slice: (start, end) => source.slice(start, end ?? source.size) };
  const metadata = await readable(() => parquetMetadataAsync(file));
  const rowCount = Number(metadata.num_rows);
  const fields = parquetSchema(metadata).children;
  if (fields.length === 0) throw new UserError('The Parquet file has no columns.', PARQUET_HINT);
  if (rowCount === 0) throw new UserError('The Parquet file has no rows.', PARQUET_HINT);

  const fillers = new Map<string, ColumnFiller>();
  for (const field of fields) fillers.set(field.element.name, columnFiller(field, rowCount));

  let rowStart = 0;
  let bytes = 0;
  for (const group of metadata.row_groups) {
    if (opts.signal?.aborted) throw new UserError('Loading was cancelled.');
    const rowEnd = rowStart + Number(group.num_rows);
    if (rowEnd > rowStart) {
      await readable(() =>
        parquetRead({
          file,
          metadata,
          rowStart,
          rowEnd,
          compressors,
          parsers: PARSERS,
          onChunk: (chunk) => fillers.get(chunk.columnName)?.put(chunk.columnData, chunk.rowStart),
        }),
      );
    }
    bytes += groupBytes(metadata, group);
    rowStart = rowEnd;
    opts.onProgress?.({ bytes: Math.min(bytes, source.size), totalBytes: source.size, rows: rowStart });
  }
  if (opts.signal?.aborted) throw new UserError('Loading was cancelled.');

  const inferredTypes: Record<string, ColumnType> = {};
  const columns = [...fillers.values()].map((filler) => {
    const column = filler.finish();
    inferredTypes[column.name] = column.type;
    const forced = opts.types?.[column.name];
    return forced && forced !== column.type ? retyped(column, forced) : column;
  });
  return {
    table: { rowCount, columns },
    report: { format: 'parquet', rows: rowCount, skipped: { count: 0, rows: [] }, inferredTypes },
  };
}

/** Checks the PAR1 magic at both ends, so a wrong or cut-off file gets a message that says which. */
async function checkEnds(source: DataSource): Promise<void> {
  if (source.size === 0) throw new UserError('The file is empty.', PARQUET_HINT);
  const head = new Uint8Array(await source.slice(0, Math.min(4, source.size)));
  if (source.size < 4 || ascii(head) !== MAGIC) {
    throw new UserError('This file is not a Parquet file: it does not start with the Parquet marker (PAR1).', PARQUET_HINT);
  }
  const tail = new Uint8Array(await source.slice(source.size - 4, source.size));
  if (source.size < MIN_SIZE || ascii(tail) !== MAGIC) {
    throw new UserError(
      'This Parquet file is truncated: it does not end with the Parquet footer (PAR1), so part of it is missing.',
      'The file was probably cut off while downloading or copying. Get a complete copy and load it again.',
    );
  }
}

function ascii(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

/** Runs a hyparquet read, turning its errors (a damaged footer, a page past the end…) into a user error. */
async function readable<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof UserError) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    throw new UserError(
      `This Parquet file could not be read: ${detail}.`,
      'The file may be damaged or incomplete, or use a Parquet feature Lathe does not read. ' + PARQUET_HINT,
    );
  }
}

function groupBytes(metadata: FileMetaData, group: FileMetaData['row_groups'][number]): number {
  if (group.total_compressed_size !== undefined) return Number(group.total_compressed_size);
  let sum = 0;
  for (const chunk of group.columns) sum += Number(chunk.meta_data?.total_compressed_size ?? 0n);
  return sum || Number(metadata.metadata_length);
}

/** A forced type: the column's values as text, read again as that type (values that fail count as invalid). */
function retyped(column: Column, type: ColumnType): Column {
  const n = column.kind === 'numeric' ? column.values.length : column.codes.length;
  const texts: (string | null)[] = new Array(n);
  for (let r = 0; r < n; r++) texts[r] = cellText(column, r);
  return inferColumn(column.name, texts, type);
}

// ---------------------------------------------------------------------------------------------------------
// Column fillers: each fills its typed array in place as chunks of its column arrive.

interface ColumnFiller {
  put(values: DecodedArray, rowStart: number): void;
  finish(): Column;
}

type Kind = 'integer' | 'float' | 'boolean' | 'datetime' | 'date-days' | 'time' | 'coded' | 'json';

/** How a top-level field's values are read, from its physical, converted and logical types. */
function fieldKind(field: SchemaTree): Kind {
  const el = field.element;
  if (field.children.length > 0 || el.repetition_type === 'REPEATED') return 'json';
  const converted = el.converted_type;
  const logical = el.logical_type?.type;
  if (converted === 'DECIMAL' || logical === 'FLOAT16') return 'float';
  if (converted === 'DATE' || converted === 'TIMESTAMP_MILLIS' || converted === 'TIMESTAMP_MICROS') return 'datetime';
  if (logical === 'TIMESTAMP' || el.type === 'INT96') return 'datetime';
  // hyparquet converts dates only from the converted type; a logical-only DATE arrives as days.
  if (logical === 'DATE') return 'date-days';
  if (converted === 'TIME_MILLIS' || converted === 'TIME_MICROS' || logical === 'TIME') return 'time';
  if (converted === 'JSON' || converted === 'UTF8' || converted === 'ENUM' || logical === 'STRING' || logical === 'ENUM') return 'coded';
  if (logical === 'JSON' || logical === 'UUID') return 'coded';
  switch (el.type) {
    case 'BOOLEAN':
      return 'boolean';
    case 'INT32':
    case 'INT64':
      return 'integer';
    case 'FLOAT':
    case 'DOUBLE':
      return 'float';
    case 'BYTE_ARRAY':
      // Un-annotated byte arrays are nearly always text; hyparquet decodes them as UTF-8.
      return 'coded';
    default:
      return 'json';
  }
}

function columnFiller(field: SchemaTree, rowCount: number): ColumnFiller {
  const name = field.element.name;
  const kind = fieldKind(field);
  switch (kind) {
    case 'integer':
    case 'float':
    case 'boolean':
    case 'datetime':
    case 'date-days':
      return numericFiller(name, kind, rowCount);
    case 'time':
      return codedFiller(name, rowCount, (v) => timeText(v, field));
    case 'coded':
      return codedFiller(name, rowCount, (v) => (typeof v === 'string' ? v : jsonText(v)));
    default:
      return codedFiller(name, rowCount, jsonText);
  }
}

function numericFiller(name: string, kind: 'integer' | 'float' | 'boolean' | 'datetime' | 'date-days', rowCount: number): ColumnFiller {
  const values = new Float64Array(rowCount).fill(NaN);
  let unsafe = false;
  return {
    put(data, rowStart) {
      const end = Math.min(rowStart + data.length, rowCount);
      for (let r = rowStart, i = 0; r < end; r++, i++) {
        // A DecodedArray is a typed array or an array of values with null/undefined for nulls.
        const v: unknown = data[i];
        if (v === null || v === undefined) continue;
        if (typeof v === 'number') values[r] = kind === 'date-days' ? v * MS_PER_DAY : v;
        else if (typeof v === 'bigint') {
          if (v > MAX_SAFE || v < -MAX_SAFE) unsafe = true;
          values[r] = Number(v);
        } else if (typeof v === 'boolean') values[r] = v ? 1 : 0;
        else if (v instanceof Date) values[r] = v.getTime();
      }
    },
    finish(): NumericColumn {
      // Integers past 2^53 cannot all be held exactly in a float64: like CSV, the column becomes float.
      const type = kind === 'date-days' ? 'datetime' : kind === 'integer' && unsafe ? 'float' : kind;
      return { kind: 'numeric', name, type, values };
    },
  };
}

function codedFiller(name: string, rowCount: number, text: (v: unknown) => string): ColumnFiller {
  const codes = new Int32Array(rowCount).fill(-1);
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  let nonMissing = 0;
  let totalLength = 0;
  return {
    put(data, rowStart) {
      const end = Math.min(rowStart + data.length, rowCount);
      for (let r = rowStart, i = 0; r < end; r++, i++) {
        const v: unknown = data[i];
        if (v === null || v === undefined) continue;
        const s = text(v);
        let code = index.get(s);
        if (code === undefined) {
          code = dictionary.length;
          dictionary.push(s);
          index.set(s, code);
        }
        codes[r] = code;
        nonMissing++;
        totalLength += s.length;
      }
    },
    finish(): CodedColumn {
      const spaced = () => dictionary.reduce((n, v) => (/\s/.test(v.trim()) ? n + 1 : n), 0);
      // The same identifier / text / categorical rule as for CSV columns.
      const type = nonMissing === 0 ? 'categorical' : codedType({ present: nonMissing, distinct: dictionary.length, totalLength, spaced });
      return { kind: 'coded', name, type, codes, dictionary };
    },
  };
}

/** Lists, structs, maps and binary as JSON text (bigints as numbers, bytes as arrays of numbers). */
function jsonText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(toJson(v));
}

/** A time of day (milliseconds, microseconds or nanoseconds since midnight) as HH:MM:SS, with a fraction if any. */
function timeText(v: unknown, field: SchemaTree): string {
  const el = field.element;
  const logical = el.logical_type;
  const unit =
    el.converted_type === 'TIME_MILLIS' ? 'MILLIS' : el.converted_type === 'TIME_MICROS' ? 'MICROS' : logical?.type === 'TIME' ? logical.unit : 'MILLIS';
  const perSecond = unit === 'MILLIS' ? 1000 : unit === 'MICROS' ? 1_000_000 : 1_000_000_000;
  const ticks = typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
  const seconds = Number(ticks / BigInt(perSecond));
  const fraction = Number(ticks % BigInt(perSecond));
  const hms = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map((x) => String(x).padStart(2, '0')).join(':');
  if (fraction === 0) return hms;
  return hms + '.' + String(fraction).padStart(String(perSecond).length - 1, '0').replace(/0+$/, '');
}
