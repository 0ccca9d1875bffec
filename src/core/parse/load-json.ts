// Loads JSON records (an array of objects, or NDJSON: one object per line) into a typed columnar table, streaming.

import { UserError } from '../errors/user-error.ts';
import type { Column, ColumnType } from '../table/table.ts';
import { ColumnBuilder, type BuiltColumn, type ColumnBuilderOptions } from './column-builder.ts';
import type { DataSource, FileFormat, LoadOptions, LoadReport, LoadResult, MalformedDetails, MalformedRow, TextEncoding } from './load-types.ts';
import { MALFORMED } from './load-types.ts';
import { bomLength, ValueDecoder } from './text-decoding.ts';

/*
 * Both formats are read from source.stream() chunk by chunk, never as one whole-file string: the bytes are
 * decoded with a streaming TextDecoder, an NDJSON file is cut into lines, and a JSON array is cut into its
 * elements by a light bracket-and-quote scanner. Each record's values go straight into the same column
 * builders the CSV loader uses, so memory holds the typed columns plus one record, and there is no size limit
 * beyond that of the table itself (a whole-file JSON.parse would stop at V8's ~512 MB string limit and hold
 * every record as an object).
 *
 * Each record is read by a small JSON reader of our own rather than JSON.parse, for three reasons: it keeps
 * a number's text as written (so 1.0 and 1e3 read as floats and 9007199254740993 is rounded exactly as the
 * CSV loader rounds it: values are typed by the same rules as CSV cells), it reports the position of a
 * syntax error in every engine, and it hands values over without building objects.
 */

/** Records whose bad line numbers are listed; the rest are only counted. */
const LISTED = 5;
const WHITESPACE_ONLY = /^[ \t\r\n]*$/;
const RECORDS_HINT = 'Lathe reads a JSON array of objects, like [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}], or NDJSON: one such object per line.';

/** Loads a JSON file holding one array of objects (a JSON file with one object per line is read as NDJSON). */
export async function loadJson(source: DataSource, opts: LoadOptions = {}): Promise<LoadResult> {
  try {
    return await withEncoding(source, opts, (encoding, strict) => readJsonArray(source, opts, encoding, strict));
  } catch (err) {
    // A .json file that is really JSON lines: read it as such rather than refuse it.
    if (err instanceof LooksLikeNdjson) return loadNdjson(source, opts);
    throw err;
  }
}

/** Loads NDJSON / JSON Lines: one object per line, blank lines ignored; lines that are not objects are malformed. */
export function loadNdjson(source: DataSource, opts: LoadOptions = {}): Promise<LoadResult> {
  return withEncoding(source, opts, (encoding, strict) => readNdjson(source, opts, encoding, strict));
}

/** Whether a text (such as a file's first line) is exactly one complete JSON object. */
export function isJsonObjectText(text: string): boolean {
  try {
    new JsonReader(text).record(NO_SINK);
    return true;
  } catch (err) {
    if (err instanceof JsonSyntaxError) return false;
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Decoding

/** Thrown while decoding strictly when the bytes are not UTF-8, so the load restarts as Windows-1252. */
class NotUtf8 extends Error {}

/** Thrown when a .json file turns out to hold one object per line. */
class LooksLikeNdjson extends Error {}

function cancelled(): UserError {
  return new UserError('Loading was cancelled.');
}

/**
 * Runs a load with the user's encoding, or else as strict UTF-8 and, if the bytes are not UTF-8 anywhere in the
 * file, again as Windows-1252 (the superset of Latin-1 that spreadsheets and older systems write). Restarting
 * rereads the file, which only costs time for the rare legacy file.
 */
async function withEncoding(
  source: DataSource,
  opts: LoadOptions,
  run: (encoding: TextEncoding, strict: boolean) => Promise<LoadResult>,
): Promise<LoadResult> {
  if (source.size === 0) throw new UserError('The file is empty.', RECORDS_HINT);
  if (opts.encoding) return run(opts.encoding, false);
  try {
    return await run('utf-8', true);
  } catch (err) {
    if (err instanceof NotUtf8) return run('latin-1', false);
    throw err;
  }
}

interface TextChunk {
  text: string;
  /** Bytes read so far. */
  bytes: number;
}

/** The file as decoded text, chunk by chunk (a UTF-8 byte order mark is dropped); checks for cancelling between chunks. */
async function* textChunks(source: DataSource, encoding: TextEncoding, strict: boolean, signal?: AbortSignal): AsyncGenerator<TextChunk> {
  const decoder = new TextDecoder(encoding === 'latin-1' ? 'windows-1252' : 'utf-8', { fatal: strict });
  let bytes = 0;
  for await (const chunk of source.stream()) {
    if (signal?.aborted) throw cancelled();
    if (bytes === 0 && chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
      throw new UserError('This JSON file is saved as UTF-16, which Lathe does not read.', 'Save it as UTF-8 and load it again.');
    }
    // A UTF-8 mark on a file that is not UTF-8 after all is still only a mark (Windows-1252 would show it as "ï»¿").
    const start = bytes === 0 && encoding === 'latin-1' ? bomLength(chunk) : 0;
    bytes += chunk.length;
    yield { text: decode(decoder, chunk.subarray(start), true), bytes };
  }
  if (signal?.aborted) throw cancelled();
  yield { text: decode(decoder, undefined, false), bytes };
}

function decode(decoder: TextDecoder, chunk: Uint8Array | undefined, stream: boolean): string {
  try {
    return decoder.decode(chunk, { stream });
  } catch (err) {
    // Only a fatal decoder throws, and only for bytes that are not UTF-8.
    if (err instanceof TypeError) throw new NotUtf8();
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Reading one record

/** A syntax error at an offset (UTF-16 code units) into the text being read. */
class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Where a record's fields go: a value's text as the CSV loader would see it, null for JSON null. */
interface RecordSink {
  set(name: string, text: string | null): void;
}

const NO_SINK: RecordSink = { set() {} };

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;
const MINUS = 45;
const IN_ARRAY = 0;
const IN_OBJECT = 1;

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Reads strict JSON (RFC 8259) from a string. `record` reads one object and hands its fields to a sink:
 * top-level scalars as their text, nested objects flattened one level (`address.city`), and anything
 * deeper, or any array, as its JSON text without insignificant whitespace.
 */
class JsonReader {
  pos = 0;
  constructor(readonly s: string) {}

  fail(message: string, at = this.pos): never {
    throw new JsonSyntaxError(message, at);
  }

  ws(): void {
    const s = this.s;
    let i = this.pos;
    while (i < s.length && isWhitespace(s.charCodeAt(i))) i++;
    this.pos = i;
  }

  /** One object and nothing but whitespace after it. */
  record(sink: RecordSink): void {
    this.ws();
    if (this.s.charCodeAt(this.pos) !== OPEN_BRACE) this.fail('expected an object starting with {');
    this.object('', sink);
    this.ws();
    if (this.pos < this.s.length) this.fail('unexpected text after the end of the object');
  }

  /** What the text holds when it is one valid JSON value that is not an object ("an array", "a number"…). */
  describeNonObject(): string {
    this.ws();
    const c = this.s.charCodeAt(this.pos);
    this.value();
    this.ws();
    if (this.pos < this.s.length) this.fail('unexpected text after the end of the value');
    return valueKind(c);
  }

  /** An object's members; at the top level (prefix '') nested objects are flattened into `key.member`. */
  private object(prefix: string, sink: RecordSink): void {
    this.pos++;
    this.ws();
    if (this.s.charCodeAt(this.pos) === CLOSE_BRACE) {
      this.pos++;
      return;
    }
    for (;;) {
      const key = this.key();
      const name = prefix === '' ? key : prefix + key;
      const c = this.s.charCodeAt(this.pos);
      if (c === OPEN_BRACE && prefix === '') this.object(key + '.', sink);
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) sink.set(name, this.compactValue());
      else sink.set(name, this.scalar());
      this.ws();
      const d = this.s.charCodeAt(this.pos);
      if (d === COMMA) {
        this.pos++;
        this.ws();
        continue;
      }
      if (d === CLOSE_BRACE) {
        this.pos++;
        return;
      }
      this.unexpected("expected ',' or '}' after a property value");
    }
  }

  /** A property name and its colon, leaving the position at the value. */
  private key(): string {
    if (this.s.charCodeAt(this.pos) !== QUOTE) this.unexpected('expected a property name in double quotes');
    const key = this.string();
    this.ws();
    if (this.s.charCodeAt(this.pos) !== COLON) this.unexpected("expected ':' after a property name");
    this.pos++;
    this.ws();
    return key;
  }

  /** A string, number, true, false or null, as a column's text (null for JSON null). */
  private scalar(): string | null {
    const s = this.s;
    const c = s.charCodeAt(this.pos);
    if (c === QUOTE) return this.string();
    if (c === MINUS || isDigit(c)) return this.number();
    if (s.startsWith('true', this.pos)) {
      this.pos += 4;
      return 'true';
    }
    if (s.startsWith('false', this.pos)) {
      this.pos += 5;
      return 'false';
    }
    if (s.startsWith('null', this.pos)) {
      this.pos += 4;
      return null;
    }
    return this.unexpected('expected a value (a string, number, true, false, null, object or array)');
  }

  private unexpected(expected: string): never {
    if (this.pos >= this.s.length) this.fail(`the text ends too early: ${expected}`);
    return this.fail(expected);
  }

  private string(): string {
    const s = this.s;
    const start = this.pos;
    for (let i = start + 1; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        this.pos = i + 1;
        return s.slice(start + 1, i);
      }
      if (c === BACKSLASH) return this.escapedString(start, i);
      if (c < 32) this.fail('a line break or control character inside a string must be escaped', i);
    }
    return this.fail('a string that starts here is never closed', start);
  }

  /** The slow path for strings with escapes: `i` is the first backslash. */
  private escapedString(start: number, i: number): string {
    const s = this.s;
    let out = s.slice(start + 1, i);
    let run = i;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        this.pos = i + 1;
        return out + s.slice(run, i);
      }
      if (c < 32) this.fail('a line break or control character inside a string must be escaped', i);
      if (c !== BACKSLASH) {
        i++;
        continue;
      }
      out += s.slice(run, i);
      const e = s[i + 1];
      if (e === 'u') {
        const hex = s.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('\\u must be followed by four hexadecimal digits', i);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else if (e !== undefined && e in ESCAPES) {
        out += ESCAPES[e];
        i += 2;
      } else {
        if (e === undefined) break;
        this.fail(`invalid escape \\${e} in a string`, i);
      }
      run = i;
    }
    return this.fail('a string that starts here is never closed', start);
  }

  /** A number's text as written, after checking it is JSON's number grammar. */
  private number(): string {
    const s = this.s;
    const start = this.pos;
    let i = start;
    if (s.charCodeAt(i) === MINUS) i++;
    if (s.charCodeAt(i) === 48) i++;
    else if (isDigit(s.charCodeAt(i))) while (isDigit(s.charCodeAt(i))) i++;
    else this.fail('invalid number: expected a digit', i);
    if (s.charCodeAt(i) === 46) {
      i++;
      if (!isDigit(s.charCodeAt(i))) this.fail('invalid number: expected a digit after the decimal point', i);
      while (isDigit(s.charCodeAt(i))) i++;
    }
    const e = s.charCodeAt(i) | 32;
    if (e === 101) {
      i++;
      const sign = s.charCodeAt(i);
      if (sign === 43 || sign === MINUS) i++;
      if (!isDigit(s.charCodeAt(i))) this.fail('invalid number: expected a digit in the exponent', i);
      while (isDigit(s.charCodeAt(i))) i++;
    }
    // "01" or "1x": a number must end at a delimiter.
    const next = s.charCodeAt(i);
    if (i < s.length && !isWhitespace(next) && next !== COMMA && next !== CLOSE_BRACE && next !== CLOSE_BRACKET) {
      this.fail('invalid number', i);
    }
    this.pos = i;
    return s.slice(start, i);
  }

  /** Any value, checked and skipped without recursion (so deep nesting cannot overflow the stack). */
  value(): void {
    const stack: number[] = [];
    for (;;) {
      this.ws();
      const c = this.s.charCodeAt(this.pos);
      if (c === OPEN_BRACE) {
        this.pos++;
        this.ws();
        if (this.s.charCodeAt(this.pos) === CLOSE_BRACE) this.pos++;
        else {
          stack.push(IN_OBJECT);
          this.key();
          continue;
        }
      } else if (c === OPEN_BRACKET) {
        this.pos++;
        this.ws();
        if (this.s.charCodeAt(this.pos) === CLOSE_BRACKET) this.pos++;
        else {
          stack.push(IN_ARRAY);
          continue;
        }
      } else {
        this.scalar();
      }
      // After a value: close what ends here, then go on to the next value, if any.
      for (;;) {
        if (stack.length === 0) return;
        this.ws();
        const inObject = stack[stack.length - 1] === IN_OBJECT;
        const d = this.s.charCodeAt(this.pos);
        if (d === COMMA) {
          this.pos++;
          this.ws();
          if (inObject) this.key();
          break;
        }
        if (d === (inObject ? CLOSE_BRACE : CLOSE_BRACKET)) {
          this.pos++;
          stack.pop();
          continue;
        }
        this.unexpected(inObject ? "expected ',' or '}' after a property value" : "expected ',' or ']' after an array element");
      }
    }
  }

  /** A nested value as JSON text with the whitespace between tokens removed, so equal values read as equal. */
  private compactValue(): string {
    const start = this.pos;
    this.value();
    const raw = this.s.slice(start, this.pos);
    return WHITESPACE_FREE.test(raw) ? raw : compactJson(raw);
  }
}

const WHITESPACE_FREE = /^[^ \t\r\n]*$/;

/** Valid JSON text without whitespace outside strings. */
function compactJson(raw: string): string {
  let out = '';
  let inString = false;
  let run = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (isWhitespace(c)) {
      out += raw.slice(run, i);
      run = i + 1;
    }
  }
  return out + raw.slice(run);
}

/** How a value that is not an object is described, from its first character. */
function valueKind(c: number): string {
  if (c === OPEN_BRACKET) return 'an array';
  if (c === QUOTE) return 'a string';
  if (c === 116 || c === 102) return 'a boolean (true or false)';
  if (c === 110) return 'null';
  return 'a number';
}

/** 1-based line and column of an offset in `text`, which starts at `line`, `column` of the file. */
function positionIn(text: string, offset: number, line: number, column: number): { line: number; column: number } {
  let lineStart = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i;
  }
  return { line, column: lineStart < 0 ? column + offset : offset - lineStart };
}

// ---------------------------------------------------------------------------------------------------------
// Building columns

const NO_BYTES = new Uint8Array(0);

/** A column read in one pass: its key, and the column as built. */
interface PassColumn {
  key: string;
  name: string;
  built: BuiltColumn;
  misjudged: boolean;
}

/**
 * Streams records into one ColumnBuilder per key (first-seen order), the same builder the CSV loader uses, so
 * no cell is held as a string once its record is read. A record's fields wait until the whole record has
 * been read, so a record that turns out malformed leaves no trace. A key a record lacks is missing there.
 */
class RecordColumns implements RecordSink {
  rows = 0;
  private readonly keys: string[] = [];
  private readonly builders: ColumnBuilder[] = [];
  private readonly index = new Map<string, number>();
  /** Column used at each field position of the previous record: records usually repeat the same key order. */
  private readonly order: number[] = [];
  private field = 0;
  /** The current record's texts by column (undefined: not in this record), and which columns it has set. */
  private readonly pending: (string | null | undefined)[] = [];
  private readonly touched: number[] = [];
  private readonly newKeys: string[] = [];
  private readonly newTexts: (string | null)[] = [];
  // Texts reach the builders as UTF-8 bytes, as inferColumn passes them.
  private readonly decoder = new ValueDecoder('utf-8');
  private readonly encoder = new TextEncoder();
  private buf = new Uint8Array(1024);

  /**
   * @param options builder options for a column, by its name
   * @param only keys to build (others are read and ignored), for re-reading some columns
   */
  constructor(
    private readonly options: (name: string) => ColumnBuilderOptions,
    private readonly only?: ReadonlySet<string>,
  ) {}

  get columnCount(): number {
    return this.keys.length;
  }

  set(key: string, text: string | null): void {
    if (this.only && !this.only.has(key)) return;
    let c: number | undefined = this.order[this.field];
    if (c === undefined || this.keys[c] !== key) {
      c = this.index.get(key);
      if (c === undefined) {
        const j = this.newKeys.indexOf(key);
        if (j >= 0) this.newTexts[j] = text;
        else {
          this.newKeys.push(key);
          this.newTexts.push(text);
        }
        this.field++;
        return;
      }
      this.order[this.field] = c;
    }
    this.field++;
    // A repeated key in one record: the last value wins, as with JSON.parse.
    if (this.pending[c] === undefined) this.touched.push(c);
    this.pending[c] = text;
  }

  /** Adds the record read since the last commit or discard as the next row. */
  commit(): void {
    for (let j = 0; j < this.newKeys.length; j++) {
      const key = this.newKeys[j];
      const c = this.keys.length;
      const name = columnName(key, c);
      const builder = new ColumnBuilder(name, this.decoder, this.options(name));
      for (let r = 0; r < this.rows; r++) builder.add(NO_BYTES, 0, 0);
      this.keys.push(key);
      this.builders.push(builder);
      this.index.set(key, c);
      this.pending[c] = this.newTexts[j];
      this.touched.push(c);
    }
    const builders = this.builders;
    for (let c = 0; c < builders.length; c++) {
      const text = this.pending[c];
      if (text === undefined || text === null) {
        builders[c].add(NO_BYTES, 0, 0);
        continue;
      }
      // UTF-8 takes at most 3 bytes per UTF-16 code unit.
      if (3 * text.length > this.buf.length) this.buf = new Uint8Array(3 * text.length);
      const { written } = this.encoder.encodeInto(text, this.buf);
      builders[c].add(this.buf, 0, written);
    }
    this.discard();
    this.rows++;
  }

  /** Forgets the record read since the last commit (it was malformed). */
  discard(): void {
    for (const c of this.touched) this.pending[c] = undefined;
    this.touched.length = 0;
    this.newKeys.length = 0;
    this.newTexts.length = 0;
    this.field = 0;
  }

  finish(): PassColumn[] {
    return this.builders.map((builder, c) => ({
      key: this.keys[c],
      name: builder.name,
      built: builder.finish() as BuiltColumn,
      misjudged: builder.misjudged,
    }));
  }
}

/** A blank key is named like a blank CSV header, so every column can be shown and chosen. */
function columnName(key: string, index: number): string {
  return key === '' ? `column_${index + 1}` : key;
}

/** Reads the whole file once into `columns`, returning the rows it skipped. */
type ReadPass = (columns: RecordColumns) => Promise<LoadReport['skipped']>;

/**
 * Reads the records, then, as the CSV loader does, reads again as text any column whose type settled on its
 * first 10,000 values but failed too many later ones (column-builder.ts); that second pass restarts progress.
 */
async function loadRecords(opts: LoadOptions, format: FileFormat, encoding: TextEncoding, read: ReadPass): Promise<LoadResult> {
  const first = new RecordColumns((name) => ({ type: opts.types?.[name] }));
  const skipped = await read(first);
  const rows = first.rows;
  if (rows === 0) {
    throw new UserError(
      format === 'json' ? 'The JSON array is empty: it holds no records.' : 'The file holds no records: every line is blank.',
      RECORDS_HINT,
    );
  }
  if (first.columnCount === 0) throw new UserError('The records have no fields: every object is empty ({}).', RECORDS_HINT);
  const built = first.finish();
  const misjudged = built.filter((c) => c.misjudged);
  if (misjudged.length > 0) {
    const again = new RecordColumns(() => ({ codedOnly: true }), new Set(misjudged.map((c) => c.key)));
    await read(again);
    const reread = new Map(again.finish().map((c) => [c.key, c.built]));
    for (const c of misjudged) {
      const text = reread.get(c.key) as BuiltColumn;
      c.built = { column: { ...text.column, name: c.name }, inferred: text.inferred };
    }
  }
  const inferredTypes: Record<string, ColumnType> = {};
  const columns: Column[] = built.map((c) => {
    inferredTypes[c.name] = c.built.inferred;
    return c.built.column;
  });
  return { table: { rowCount: rows, columns }, report: { format, encoding, rows, skipped, inferredTypes } };
}

// ---------------------------------------------------------------------------------------------------------
// NDJSON

async function readNdjson(source: DataSource, opts: LoadOptions, encoding: TextEncoding, strict: boolean): Promise<LoadResult> {
  return loadRecords(opts, 'ndjson', encoding, (columns) => readNdjsonPass(source, opts, encoding, strict, columns));
}

async function readNdjsonPass(
  source: DataSource,
  opts: LoadOptions,
  encoding: TextEncoding,
  strict: boolean,
  columns: RecordColumns,
): Promise<LoadReport['skipped']> {
  const skip = opts.malformed === 'skip';
  const listed: MalformedRow[] = [];
  let badCount = 0;
  let line = 0;

  const readLine = (raw: string): void => {
    line++;
    const text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (WHITESPACE_ONLY.test(text)) return;
    const reader = new JsonReader(text);
    try {
      // Once a line is bad and loading will stop, the rest are only checked, to count them.
      if (badCount > 0 && !skip) reader.record(NO_SINK);
      else {
        reader.record(columns);
        columns.commit();
      }
    } catch (err) {
      if (!(err instanceof JsonSyntaxError)) throw err;
      columns.discard();
      badCount++;
      if (listed.length < LISTED) listed.push({ line, reason: ndjsonReason(text, err) });
    }
  };

  // A line can span chunks: its pieces wait here (joined once, so long lines in tiny chunks stay linear).
  const pending: string[] = [];
  for await (const { text, bytes } of textChunks(source, encoding, strict, opts.signal)) {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const piece = text.slice(start, nl);
      if (pending.length > 0) {
        pending.push(piece);
        readLine(pending.join(''));
        pending.length = 0;
      } else readLine(piece);
      start = nl + 1;
    }
    if (start < text.length) pending.push(text.slice(start));
    opts.onProgress?.({ bytes, totalBytes: source.size, rows: columns.rows });
  }
  if (pending.length > 0) readLine(pending.join(''));

  if (badCount > 0 && !skip) throw malformedLinesError(badCount, listed);
  return { count: badCount, rows: listed };
}

/** Why a line is not a record: its syntax error with the column, or what it holds instead of an object. */
function ndjsonReason(text: string, err: JsonSyntaxError): string {
  const first = text.length - text.trimStart().length;
  if (err.offset === first && text.charCodeAt(first) !== OPEN_BRACE) {
    try {
      return `it holds ${new JsonReader(text).describeNonObject()}, not an object`;
    } catch (inner) {
      if (!(inner instanceof JsonSyntaxError)) throw inner;
      return `invalid JSON at column ${inner.offset + 1}: ${inner.message}`;
    }
  }
  return `invalid JSON at column ${err.offset + 1}: ${err.message}`;
}

function malformedLinesError(count: number, listed: MalformedRow[]): UserError {
  const parts = listed.map((r) => `line ${r.line} (${r.reason})`);
  const more = count > listed.length ? `, and ${count - listed.length} more` : '';
  const subject = count === 1 ? '1 line is' : `${count} lines are`;
  const details = { kind: MALFORMED, count, rows: listed, skippable: true } satisfies MalformedDetails;
  return new UserError(
    `${subject} not a JSON object: ${parts.join(', ')}${more}.`,
    'In NDJSON every line holds one object, like {"a": 1, "b": "x"}. Fix those lines, or skip them to load the rest.',
    details,
  );
}

// ---------------------------------------------------------------------------------------------------------
// JSON array

// States of the array scanner.
const BEFORE_ARRAY = 0;
const BEFORE_ELEMENT = 1;
const IN_ELEMENT = 2;
const AFTER_ELEMENT = 3;
const AFTER_ARRAY = 4;
const AFTER_OBJECT = 5;

/**
 * Cuts a JSON array into the texts of its elements as text arrives, tracking only brackets, strings and
 * line numbers; each element is then read (and fully checked) by JsonReader. Every element must be an object.
 */
class ArrayScanner {
  private state = BEFORE_ARRAY;
  /** Offset of the current chunk's first character in the file's text. */
  private base = 0;
  private line = 1;
  /** File offset of the current line's first character. */
  private lineStart = 0;
  private elements = 0;
  private afterComma = false;
  // The element being scanned.
  private pieces: string[] = [];
  private closers: number[] = [];
  private inString = false;
  private escaped = false;
  private elementLine = 0;
  private elementColumn = 0;
  private elementEndLine = 0;
  /** Whether the file is one object (state AFTER_OBJECT): it may be JSON lines. */
  private topLevelObject = false;

  constructor(private readonly onElement: (text: string, line: number, column: number) => void) {}

  push(text: string): void {
    let i = 0;
    let elementStart = 0;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.state === IN_ELEMENT) {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === BACKSLASH) this.escaped = true;
          else if (c === QUOTE) this.inString = false;
          else if (c === 10) this.newline(i);
        } else if (c === QUOTE) this.inString = true;
        else if (c === OPEN_BRACE) this.closers.push(CLOSE_BRACE);
        else if (c === OPEN_BRACKET) this.closers.push(CLOSE_BRACKET);
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          if (this.closers.pop() !== c) this.elementError(this.pieces.join('') + text.slice(elementStart, i + 1), i);
          if (this.closers.length === 0) {
            const element = this.pieces.length > 0 ? this.pieces.join('') + text.slice(elementStart, i + 1) : text.slice(elementStart, i + 1);
            this.pieces = [];
            this.emit(element);
          }
        } else if (c === 10) this.newline(i);
        i++;
        continue;
      }
      if (c === 10) this.newline(i);
      if (isWhitespace(c)) {
        i++;
        continue;
      }
      switch (this.state) {
        case BEFORE_ARRAY:
          if (c === OPEN_BRACKET) this.state = BEFORE_ELEMENT;
          else if (c === OPEN_BRACE) {
            this.topLevelObject = true;
            this.startElement(i);
            elementStart = i;
          } else this.notAnArray(c, i);
          break;
        case BEFORE_ELEMENT:
          if (c === OPEN_BRACE) {
            this.startElement(i);
            elementStart = i;
          } else if (c === CLOSE_BRACKET && !this.afterComma) this.state = AFTER_ARRAY;
          else if (c === CLOSE_BRACKET) this.syntaxError("expected a value after ',' (a trailing comma is not allowed)", i);
          else this.notAnObject(text, i);
          break;
        case AFTER_ELEMENT:
          if (c === COMMA) {
            this.afterComma = true;
            this.state = BEFORE_ELEMENT;
          } else if (c === CLOSE_BRACKET) this.state = AFTER_ARRAY;
          else this.syntaxError("expected ',' or ']' after an array element", i);
          break;
        case AFTER_OBJECT:
          // A second object after a one-line first one: JSON lines under a .json name.
          if (c === OPEN_BRACE && this.elementLine === this.elementEndLine && this.line > this.elementEndLine) throw new LooksLikeNdjson();
          this.syntaxError('unexpected text after the end of the object', i);
          break;
        default:
          this.syntaxError('unexpected text after the end of the array', i);
      }
      i++;
    }
    if (this.state === IN_ELEMENT) this.pieces.push(text.slice(elementStart));
    this.base += n;
  }

  finish(): void {
    // Positions are relative to the current chunk, which ended at `base`.
    const at = 0;
    if (this.state === AFTER_ARRAY) return;
    if (this.state === AFTER_OBJECT) {
      throw new UserError(
        'The file holds a single JSON object, not an array of records.',
        RECORDS_HINT + ' An object of columns (pandas orient="columns") can be saved as records with orient="records".',
      );
    }
    if (this.state === BEFORE_ARRAY) throw new UserError('The file is empty: it holds only whitespace.', RECORDS_HINT);
    if (this.state === IN_ELEMENT) this.elementError(this.pieces.join(''), at);
    this.syntaxError("the file ends before the array is closed with ']'", at);
  }

  private startElement(i: number): void {
    this.state = IN_ELEMENT;
    this.closers.push(CLOSE_BRACE);
    this.inString = false;
    this.escaped = false;
    this.elementLine = this.line;
    this.elementColumn = this.base + i - this.lineStart + 1;
  }

  private emit(element: string): void {
    this.elementEndLine = this.line;
    this.onElement(element, this.elementLine, this.elementColumn);
    this.elements++;
    this.afterComma = false;
    this.state = this.topLevelObject ? AFTER_OBJECT : AFTER_ELEMENT;
  }

  private newline(i: number): void {
    this.line++;
    this.lineStart = this.base + i + 1;
  }

  /** An element whose brackets do not match, or that the file cuts off: JsonReader finds and names the error. */
  private elementError(text: string, i: number): never {
    try {
      new JsonReader(text).record(NO_SINK);
    } catch (err) {
      if (err instanceof JsonSyntaxError) {
        const p = positionIn(text, err.offset, this.elementLine, this.elementColumn);
        throw syntaxError(err.message, p.line, p.column);
      }
      throw err;
    }
    return this.syntaxError('unexpected end of the file inside a record', i);
  }

  private syntaxError(message: string, i: number): never {
    throw syntaxError(message, this.line, this.base + i - this.lineStart + 1);
  }

  private notAnArray(c: number, i: number): never {
    if (c === QUOTE || c === MINUS || isDigit(c) || c === 116 || c === 102 || c === 110) {
      throw new UserError(`The file holds ${valueKind(c)}, not an array of records.`, RECORDS_HINT);
    }
    return this.syntaxError('expected an array starting with [', i);
  }

  private notAnObject(text: string, i: number): never {
    const c = text.charCodeAt(i);
    const column = this.base + i - this.lineStart + 1;
    if (c === OPEN_BRACKET || c === QUOTE || c === MINUS || isDigit(c) || c === 116 || c === 102 || c === 110) {
      throw new UserError(
        `The JSON array holds ${valueKind(c)} where a record (an object) should be: element ${this.elements + 1}, at line ${this.line}, column ${column}.`,
        RECORDS_HINT,
      );
    }
    return this.syntaxError('expected an object or the end of the array', i);
  }
}

function syntaxError(message: string, line: number, column: number): UserError {
  return new UserError(
    `The file is not valid JSON: line ${line}, column ${column}: ${message}.`,
    'Check that spot for a missing comma, quote or bracket. ' + RECORDS_HINT,
  );
}

async function readJsonArray(source: DataSource, opts: LoadOptions, encoding: TextEncoding, strict: boolean): Promise<LoadResult> {
  return loadRecords(opts, 'json', encoding, async (columns) => {
    const scanner = new ArrayScanner((text, line, column) => {
      try {
        new JsonReader(text).record(columns);
      } catch (err) {
        if (!(err instanceof JsonSyntaxError)) throw err;
        const p = positionIn(text, err.offset, line, column);
        throw syntaxError(err.message, p.line, p.column);
      }
      columns.commit();
    });
    for await (const { text, bytes } of textChunks(source, encoding, strict, opts.signal)) {
      scanner.push(text);
      opts.onProgress?.({ bytes, totalBytes: source.size, rows: columns.rows });
    }
    scanner.finish();
    return { count: 0, rows: [] };
  });
}
