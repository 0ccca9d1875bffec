// The synchronous core of delimited-text loading: bytes pushed in chunks become a typed columnar table.

import { UserError } from '../errors/user-error.ts';
import type { Column, ColumnType } from '../table/table.ts';
import { ColumnBuilder, type BuiltColumn, type ColumnPart, type ColumnPlan } from './column-builder.ts';
import { columnNames } from './column-names.ts';
import { CsvScanner, unquote, type RowSink } from './csv-parser.ts';
import { MALFORMED, type LoadResult, type MalformedDetails, type MalformedRow, type TextEncoding } from './load-types.ts';
import { SNIFF_BYTES, sniffDelimiter } from './sniff-delimiter.ts';
import { ValueDecoder, bomLength, detectEncoding, notTextReason } from './text-decoding.ts';

export interface DelimitedLoaderOptions {
  /** One ASCII character; sniffed from the first 64 KiB when absent. */
  delimiter?: string;
  /** Detected from the first 64 KiB when absent (valid UTF-8, else Latin-1 read as Windows-1252). */
  encoding?: TextEncoding;
  /** Types chosen by the user, by column name. */
  types?: Record<string, ColumnType>;
  /** Rows with the wrong number of fields: 'stop' (default) throws a UserError, 'skip' leaves them out. */
  malformed?: 'stop' | 'skip';
  /** Columns to read as text from the start: a second pass over columns the first pass misjudged. */
  textColumns?: readonly string[];
  /** When given, only these columns are built (and returned): the second pass needs no others. */
  onlyColumns?: readonly string[];
}

/**
 * What a loader for a later part of a file (from a row boundary on) needs to read it as the loader that
 * read the start would go on: see DelimitedLoader.plan. Plain data, so it can be sent to another worker.
 */
export interface SegmentPlan {
  delimiter: string;
  /** Null while only ASCII has been read and no encoding was given. */
  encoding: TextEncoding | null;
  malformed: 'stop' | 'skip';
  columns: { name: string; plan: ColumnPlan }[];
}

/** A later part of a file read from a SegmentPlan, for DelimitedLoader.absorb. */
export interface SegmentResult {
  rows: number;
  malformedCount: number;
  /** The first few, with lines counted from the part's first line (1). */
  malformedRows: MalformedRow[];
  /** The encoding as the part's decoder ended with it (it decides on the first non-ASCII value when null). */
  encoding: TextEncoding | null;
  fallbackValues: string[];
  columns: ColumnPart[];
}

/** Malformed rows kept in reports and error details; the rest are only counted. */
const MALFORMED_KEPT = 20;
/** Malformed rows named in the error message. */
const MALFORMED_NAMED = 5;

const NOT_TEXT_HINT = 'Lathe reads delimited text (CSV, TSV) in UTF-8 or Latin-1. Export the data as CSV and try again.';

/**
 * Loads delimited text pushed in chunks of any size: the first non-blank row is the header (names made
 * unique by columnNames), every other non-blank row must have as many fields, blank lines are skipped.
 * The first 64 KiB are held back until the encoding and delimiter are known; after that each chunk is
 * scanned as it comes and its cells go straight into typed column builders (see column-builder.ts for
 * how types are inferred). Only the bytes of a row cut by a chunk boundary are kept between chunks.
 */
export class DelimitedLoader implements RowSink {
  /** Data rows read so far (malformed ones excluded). */
  rows = 0;
  /** Bytes pushed so far. */
  bytes = 0;
  private readonly opts: DelimitedLoaderOptions;
  private prelude: Uint8Array[] = [];
  private preludeBytes = 0;
  private scanner: CsvScanner | null = null;
  private decoder: ValueDecoder | null = null;
  private delimiter = ',';
  private builders: ColumnBuilder[] | null = null;
  private width = 0;
  private scratch = new Uint8Array(256);
  private malformedCount = 0;
  private readonly malformedRows: MalformedRow[] = [];
  private result: LoadResult | null = null;
  private misjudgedNames: string[] = [];

  /**
   * With a `plan` (from another loader's plan()), the loader reads a later part of the file, starting at a
   * row boundary: no header, no sniffing, the columns going on as planned; finishSegment() then gives what
   * the first loader's absorb() needs.
   */
  constructor(opts: DelimitedLoaderOptions = {}, plan?: SegmentPlan) {
    // An empty delimiter (a cleared form field) means: detect it.
    this.opts = opts.delimiter === '' ? { ...opts, delimiter: undefined } : opts;
    if (plan) {
      this.opts = { malformed: plan.malformed };
      this.delimiter = plan.delimiter;
      const decoder = new ValueDecoder(plan.encoding);
      this.decoder = decoder;
      this.builders = plan.columns.map((c) => ColumnBuilder.fromPlan(c.name, decoder, c.plan));
      this.width = plan.columns.length;
      this.scanner = new CsvScanner(this, plan.delimiter);
      return;
    }
    if (this.opts.delimiter !== undefined) new CsvScanner({ row() {} }, this.opts.delimiter); // fails early on a bad delimiter
  }

  /**
   * Once the header is read: the plan for reading a later part of the file elsewhere (see SegmentPlan).
   * Columns whose type is not settled yet are planned as raw cells, which absorb() adds one by one.
   */
  plan(): SegmentPlan | null {
    if (this.builders === null) return null;
    return {
      delimiter: this.delimiter,
      encoding: (this.decoder as ValueDecoder).decided,
      malformed: this.opts.malformed ?? 'stop',
      columns: this.builders.map((b) => ({ name: b.name, plan: b.plan() })),
    };
  }

  /** Whether the header is read and every column's type is settled. */
  get settled(): boolean {
    return this.builders !== null && this.builders.every((b) => !b.young);
  }

  /** Whether the bytes pushed so far end at a row boundary (see CsvScanner.atRowStart). */
  get atRowStart(): boolean {
    return this.scanner !== null && this.scanner.atRowStart;
  }

  /** Line breaks inside quoted fields so far. */
  get quotedLineBreaks(): number {
    return this.scanner?.quotedLineBreaks ?? 0;
  }

  /** The line the next row starts on (1-based). */
  get line(): number {
    return this.scanner?.line ?? 1;
  }

  /** For a loader made with a plan: ends its part (throwing UserError on an unclosed quote) and hands it over. */
  finishSegment(): SegmentResult {
    const scanner = this.scanner as CsvScanner;
    scanner.finish();
    const decoder = this.decoder as ValueDecoder;
    return {
      rows: this.rows,
      malformedCount: this.malformedCount,
      malformedRows: this.malformedRows.slice(),
      encoding: decoder.decided,
      fallbackValues: decoder.fallbackValues,
      columns: (this.builders as ColumnBuilder[]).map((b) => b.part()),
    };
  }

  /**
   * Adds a later part of the file, read from this loader's plan() from the row boundary where the bytes
   * pushed here end, as if its bytes had been pushed here: finish() then gives the same table and report.
   * `firstLine` is the line that part starts on (this loader's `line` when the part was cut). Returns false,
   * changing nothing, when the part's decoder decided on another encoding than this one (its values would
   * read differently here): the caller then pushes that part's bytes here instead.
   */
  absorb(segment: SegmentResult, firstLine: number): boolean {
    const decoder = this.decoder as ValueDecoder;
    const builders = this.builders as ColumnBuilder[];
    if (segment.encoding !== null && decoder.decided !== null && segment.encoding !== decoder.decided) return false;
    if (segment.columns.length !== builders.length) throw new Error('DelimitedLoader.absorb: a part with other columns');
    decoder.absorb(segment.encoding, segment.fallbackValues);
    for (let c = 0; c < builders.length; c++) builders[c].absorb(segment.columns[c]);
    this.rows += segment.rows;
    this.malformedCount += segment.malformedCount;
    for (const r of segment.malformedRows) {
      if (this.malformedRows.length >= MALFORMED_KEPT) break;
      this.malformedRows.push({ line: r.line + firstLine - 1, reason: r.reason });
    }
    return true;
  }

  push(bytes: Uint8Array): void {
    if (this.result) throw new Error('DelimitedLoader.push called after finish');
    // A plain view of a Node Buffer: hot loops then see one kind of array, not two, and stay fast.
    const chunk = bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    this.bytes += chunk.length;
    if (this.scanner) {
      this.scanner.push(chunk);
      return;
    }
    // Copied: the caller may reuse its buffer, and the prelude is small.
    this.prelude.push(chunk.slice());
    this.preludeBytes += chunk.length;
    if (this.preludeBytes >= SNIFF_BYTES) this.start(false);
  }

  /**
   * The table and report. Throws UserError for an empty or binary file, a header without data rows, an
   * unclosed quote, and (unless malformed is 'skip') rows with the wrong number of fields.
   */
  finish(): LoadResult {
    if (this.result) return this.result;
    if (!this.scanner) {
      if (this.preludeBytes === 0) throw new UserError('The file is empty.', 'Choose a file with a header row and at least one data row.');
      this.start(true);
    }
    (this.scanner as CsvScanner).finish();
    const builders = this.builders;
    if (builders === null) throw new UserError('The file is empty: it has no header row.', 'The first line should name the columns.');
    if (this.malformedCount > 0 && this.opts.malformed !== 'skip') throw this.malformedError();
    if (this.rows === 0) {
      if (this.malformedCount > 0) {
        throw new UserError(
          `Every data row has the wrong number of fields (${this.malformedCount} row${this.malformedCount === 1 ? '' : 's'}; expected ${this.width}, from the header).`,
          'Check the delimiter, and that the first line is the header.',
        );
      }
      throw new UserError('The file has a header row but no data rows.', 'Add rows of data below the header line.');
    }
    const columns: Column[] = [];
    const inferredTypes: Record<string, ColumnType> = {};
    for (const builder of builders) {
      const built: BuiltColumn | null = builder.finish();
      if (built === null) continue;
      columns.push(built.column);
      inferredTypes[builder.name] = built.inferred;
      if (builder.misjudged) this.misjudgedNames.push(builder.name);
    }
    const decoder = this.decoder as ValueDecoder;
    this.result = {
      table: { rowCount: this.rows, columns },
      report: {
        format: 'csv',
        encoding: decoder.encoding,
        delimiter: this.delimiter,
        rows: this.rows,
        skipped: { count: this.malformedCount, rows: this.malformedRows },
        inferredTypes,
        ...(decoder.fallbacks > 0 ? { fallbackDecoded: decoder.fallbacks } : {}),
      },
    };
    return this.result;
  }

  /**
   * After finish: columns whose type was settled early and then failed by over 5% of their cells. Their
   * table columns are valid (the failures are counted as invalid), but reading them again with
   * `textColumns` gives their true, text, type.
   */
  get misjudged(): string[] {
    return this.misjudgedNames;
  }

  /** Called by the scanner for every row. */
  row(buf: Uint8Array, starts: Int32Array, ends: Int32Array, count: number, line: number): void {
    if (count === 1 && starts[0] === ends[0]) return; // a blank line
    const builders = this.builders;
    if (builders === null) {
      this.header(buf, starts, ends, count);
      return;
    }
    if (count !== this.width) {
      this.malformedCount++;
      if (this.malformedRows.length < MALFORMED_KEPT) {
        this.malformedRows.push({ line, reason: `has ${count} field${count === 1 ? '' : 's'}, expected ${this.width}` });
      }
      return;
    }
    // The load will fail anyway: only count the remaining malformed rows.
    if (this.malformedCount > 0 && this.opts.malformed !== 'skip') return;
    for (let c = 0; c < count; c++) {
      const start = starts[c];
      if (start >= 0) builders[c].add(buf, start, ends[c]);
      else builders[c].add(this.scratch, 0, this.unquoted(buf, ~start, ends[c]));
    }
    this.rows++;
  }

  /** Decides the encoding and delimiter from the start of the file, then starts scanning. */
  private start(final: boolean): void {
    let sample: Uint8Array;
    if (this.prelude.length === 1) sample = this.prelude[0];
    else {
      sample = new Uint8Array(this.preludeBytes);
      let at = 0;
      for (const part of this.prelude) {
        sample.set(part, at);
        at += part.length;
      }
    }
    this.prelude = [];
    sample = sample.subarray(bomLength(sample));
    const reason = notTextReason(sample, final);
    if (reason !== null) throw new UserError(`This file does not look like a text or CSV file: ${reason}.`, NOT_TEXT_HINT);
    this.decoder = new ValueDecoder(this.opts.encoding ?? detectEncoding(sample, final));
    this.delimiter = this.opts.delimiter ?? sniffDelimiter(sample, final);
    this.scanner = new CsvScanner(this, this.delimiter);
    this.scanner.push(sample);
  }

  private header(buf: Uint8Array, starts: Int32Array, ends: Int32Array, count: number): void {
    const decoder = this.decoder as ValueDecoder;
    const fields: string[] = [];
    for (let c = 0; c < count; c++) {
      const start = starts[c];
      fields.push(start >= 0 ? decoder.decode(buf, start, ends[c]) : decoder.decode(this.scratch, 0, this.unquoted(buf, ~start, ends[c])));
    }
    const names = columnNames(fields);
    const types = this.opts.types ?? {};
    const unknown = Object.keys(types).filter((name) => !names.includes(name));
    if (unknown.length > 0) {
      throw new UserError(
        `Types were chosen for ${unknown.length === 1 ? 'a column' : 'columns'} this file does not have: ${unknown.join(', ')}.`,
        `The file's columns are: ${names.join(', ')}. Clear or change those type choices.`,
      );
    }
    const text = new Set(this.opts.textColumns ?? []);
    const only = this.opts.onlyColumns ? new Set(this.opts.onlyColumns) : null;
    this.builders = names.map(
      (name) => new ColumnBuilder(name, decoder, { type: types[name], codedOnly: text.has(name), skip: only !== null && !only.has(name) }),
    );
    this.width = names.length;
  }

  /** Unquotes a raw field into the scratch buffer and returns its length. */
  private unquoted(buf: Uint8Array, start: number, end: number): number {
    if (end - start > this.scratch.length) this.scratch = new Uint8Array(Math.max(end - start, this.scratch.length * 2));
    return unquote(buf, start, end, this.scratch);
  }

  private malformedError(): UserError {
    const count = this.malformedCount;
    const listed = this.malformedRows.slice(0, MALFORMED_NAMED);
    const parts = listed.map((r) => `line ${r.line} ${r.reason.replace(/, expected \d+$/, '')}`);
    const more = count > listed.length ? `, and ${count - listed.length} more` : '';
    const subject = count === 1 ? '1 row has' : `${count} rows have`;
    const details: MalformedDetails = { kind: MALFORMED, count, rows: this.malformedRows, skippable: true };
    return new UserError(
      `${subject} the wrong number of fields: ${parts.join(', ')}${more} (expected ${this.width}, from the header).`,
      'Check those lines for a missing or extra delimiter, or an unquoted field that contains the delimiter; or load the file with these rows skipped.',
      { ...details },
    );
  }
}

/** A first pass's result with the columns of a second, text-only pass over its misjudged columns put in place. */
export function withRereadColumns(first: LoadResult, second: LoadResult): LoadResult {
  const replaced = new Map(second.table.columns.map((c) => [c.name, c]));
  return {
    table: { rowCount: first.table.rowCount, columns: first.table.columns.map((c) => replaced.get(c.name) ?? c) },
    report: { ...first.report, inferredTypes: { ...first.report.inferredTypes, ...second.report.inferredTypes } },
  };
}
