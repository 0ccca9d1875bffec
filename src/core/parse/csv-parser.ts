// RFC 4180 scanner over bytes: finds each row's fields in chunks of any size, without decoding them.

import { UserError } from '../errors/user-error.ts';
import { MALFORMED, type MalformedDetails } from './load-types.ts';

/**
 * Receives each row as byte ranges into `buf`, which is only valid during the call; the arrays are reused.
 * Field i is buf[starts[i], ends[i]), the field's text itself (a simple quoted field's range excludes its
 * quotes). A negative starts[i] marks a raw field: buf[~starts[i], ends[i]) is the field as written,
 * opening quote included, because it holds doubled quotes or text after the closing quote; read it with
 * `unquote`. (A sign rather than a separate array saves a store for every field of the file.)
 * `line` is the 1-based line where the row starts (rows with quoted newlines span several lines).
 */
export interface RowSink {
  row(buf: Uint8Array, starts: Int32Array, ends: Int32Array, count: number, line: number): void;
}

const QUOTE = 34; // "
const CR = 13;
const LF = 10;

// Where the scanner is within the current field; kept between chunks so a boundary can fall anywhere.
// (Plain constants rather than an enum, so the file also runs under type-stripping loaders.)
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** Just read a quote inside a quoted field: the next byte says whether it closed the field or was doubled. */
const QUOTE_IN_QUOTED = 3;
type State = 0 | 1 | 2 | 3;

/**
 * Bytes of the next chunk first joined to a row carried over from the previous one: usually enough to end
 * that row, after which scanning goes on in the chunk itself, so a chunk is not copied whole.
 */
const JOIN_BYTES = 64 * 1024;
/** A row longer than this is almost surely a quote that is never closed; failing early bounds memory. */
const MAX_ROW_BYTES = 64 * 1024 * 1024;

const NO_BYTES = new Uint8Array(0);

const UNCLOSED_HINT = 'Check that line for a stray or missing double quote ("). A quote inside a quoted field must be doubled ("").';

/**
 * Quotes are handled as spreadsheets do: a field that starts with a quote runs to the matching quote,
 * with "" for a quote and delimiters and newlines kept; text after the closing quote is kept; a quote
 * inside an unquoted field is an ordinary character. Rows end at LF, CR or CRLF. A UTF-8 byte-order mark
 * is the caller's to strip.
 *
 * The bytes of an unfinished row are kept across chunks (and only those), so a row's fields are reported
 * together, as ranges into one buffer, once the row is complete.
 */
export class CsvScanner {
  private readonly delimiter: number;
  private readonly sink: RowSink;
  private state: State = FIELD_START;
  /** Where the current field starts (its opening quote, when quoted). */
  private fieldStart = 0;
  /** Whether the current field must be read with unquote(). */
  private fieldRaw = false;
  private count = 0;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private lineNo = 1;
  private rowLine = 1;
  private quoteLine = 1;
  /** Whether the last row ended with a CR at the end of the data, so a leading LF completes a CRLF. */
  private pendingCR = false;
  private buf: Uint8Array = NO_BYTES;
  private len = 0;
  private pos = 0;
  private rowStart = 0;
  /** The unfinished row's bytes, at work[0, carried). */
  private work = new Uint8Array(JOIN_BYTES * 2);
  private carried = 0;
  private finished = false;
  /** Line breaks seen inside quoted fields so far. */
  private breaksInQuotes = 0;

  constructor(sink: RowSink, delimiter = ',') {
    const code = delimiter.charCodeAt(0);
    if (delimiter.length !== 1 || code >= 128 || code === QUOTE || code === CR || code === LF) {
      throw new UserError(
        `The delimiter must be one ASCII character other than a quote or newline, not ${JSON.stringify(delimiter)}.`,
        'Use a comma, semicolon, tab or pipe, or leave the delimiter empty to detect it.',
      );
    }
    this.delimiter = code;
    this.sink = sink;
  }

  /** The line the scanner has reached (1-based). */
  get line(): number {
    return this.lineNo;
  }

  /**
   * Whether every byte pushed so far belongs to a finished row: the next byte would start a new row, as it
   * does for a scanner that starts there. (A row ending in CR at the very end is not finished: its LF may follow.)
   */
  get atRowStart(): boolean {
    return this.state === FIELD_START && this.count === 0 && !this.pendingCR;
  }

  /** Line breaks seen inside quoted fields: when there are none, a line break almost surely ends a row. */
  get quotedLineBreaks(): number {
    return this.breaksInQuotes;
  }

  push(chunk: Uint8Array): void {
    if (this.finished) throw new Error('CsvScanner.push called after finish');
    if (chunk.length === 0) return;
    if (this.carried === 0) {
      this.buf = chunk;
      this.len = chunk.length;
      this.scan();
      this.keepTail();
      return;
    }
    const carried = this.carried;
    let taken = 0;
    let step = Math.min(chunk.length, JOIN_BYTES);
    for (;;) {
      this.append(chunk.subarray(taken, taken + step));
      taken += step;
      this.scan();
      if (this.rowStart >= carried || taken === chunk.length) break;
      // A long row: take the rest of the chunk at once rather than rescan in small steps.
      step = chunk.length - taken;
    }
    if (this.rowStart >= carried && taken < chunk.length) {
      // The carried row is done: go on in the chunk itself, where work position p is chunk position p − carried.
      this.rebase(carried);
      this.buf = chunk;
      this.len = chunk.length;
      this.scan();
    }
    this.keepTail();
  }

  /** Reports the last row (a file need not end with a newline). Throws UserError on an unclosed quote. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    const len = this.len;
    switch (this.state) {
      case QUOTED:
        throw unclosedQuote(this.quoteLine, 'the file ends inside quotes');
      case QUOTE_IN_QUOTED:
        if (this.fieldRaw) this.addField(~this.fieldStart, len);
        else this.addField(this.fieldStart + 1, len - 1);
        this.emit();
        break;
      case UNQUOTED:
        this.addField(this.fieldRaw ? ~this.fieldStart : this.fieldStart, len);
        this.emit();
        break;
      case FIELD_START:
        // After a delimiter the row has one more, empty, field; after a newline there is no row.
        if (this.count > 0) {
          this.addField(len, len);
          this.emit();
        }
        break;
    }
  }

  /**
   * Scans buf from pos to len, reporting every row that ends there. This loop sees every byte of the file,
   * so the state it touches lives in locals and is written back once at the end.
   */
  private scan(): void {
    const buf = this.buf;
    const len = this.len;
    const delim = this.delimiter;
    const high = delim > CR ? delim : CR;
    const sink = this.sink;
    let i = this.pos;
    let state = this.state;
    let line = this.lineNo;
    let rowLine = this.rowLine;
    let fieldStart = this.fieldStart;
    let fieldRaw = this.fieldRaw;
    let n = this.count;
    let starts = this.starts;
    let ends = this.ends;
    if (this.pendingCR && i < len) {
      this.pendingCR = false;
      if (buf[i] === LF && this.rowStart === i) {
        i++;
        this.rowStart = i;
      }
    }
    while (i < len) {
      let c = 0;
      if (state === FIELD_START) {
        fieldStart = i;
        fieldRaw = false;
        if (buf[i] === QUOTE) {
          state = QUOTED;
          this.quoteLine = line;
          i++;
          continue;
        }
        state = UNQUOTED;
      }
      let fieldEnd = i;
      if (state === UNQUOTED) {
        while (i < len) {
          c = buf[i];
          // Bytes above every special one (most of them, for a comma or tab) need a single comparison.
          if (c <= high && (c === delim || c === LF || c === CR)) break;
          i++;
        }
        if (i === len) break;
        fieldEnd = i;
      } else if (state === QUOTED) {
        while (i < len) {
          c = buf[i];
          if (c === QUOTE) break;
          if (c === LF) {
            if (buf[i - 1] !== CR) line++;
            this.breaksInQuotes++;
          } else if (c === CR) {
            line++;
            this.breaksInQuotes++;
          }
          i++;
        }
        if (i === len) break;
        state = QUOTE_IN_QUOTED;
        i++;
        continue;
      } else {
        // QUOTE_IN_QUOTED
        c = buf[i];
        if (c === QUOTE) {
          fieldRaw = true;
          state = QUOTED;
          i++;
          continue;
        }
        if (c !== delim && c !== LF && c !== CR) {
          // Text after a closing quote (`"ab"cd`) breaks RFC 4180; keep it rather than fail, as spreadsheets do.
          fieldRaw = true;
          state = UNQUOTED;
          continue;
        }
        fieldEnd = i;
        if (!fieldRaw) {
          // A simple quoted field: its text is between the quotes.
          fieldStart++;
          fieldEnd--;
        }
      }
      if (fieldRaw) fieldStart = ~fieldStart;
      if (n === starts.length) {
        this.count = n;
        this.grow();
        starts = this.starts;
        ends = this.ends;
      }
      starts[n] = fieldStart;
      ends[n] = fieldEnd;
      n++;
      state = FIELD_START;
      i++;
      if (c === delim) continue;
      // c ended the row: LF, CR or the CR of a CRLF.
      sink.row(buf, starts, ends, n, rowLine);
      n = 0;
      line++;
      if (c === CR) {
        if (i < len) {
          if (buf[i] === LF) i++;
        } else {
          this.pendingCR = true;
        }
      }
      this.rowStart = i;
      rowLine = line;
    }
    this.pos = i;
    this.state = state;
    this.lineNo = line;
    this.rowLine = rowLine;
    this.fieldStart = fieldStart;
    this.fieldRaw = fieldRaw;
    this.count = n;
  }

  /** Doubles the per-row field arrays. */
  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    starts.set(this.starts);
    this.starts = starts;
    const ends = new Int32Array(size);
    ends.set(this.ends);
    this.ends = ends;
  }

  private addField(start: number, end: number): void {
    const n = this.count;
    if (n === this.starts.length) this.grow();
    this.starts[n] = start;
    this.ends[n] = end;
    this.count = n + 1;
  }

  private emit(): void {
    const n = this.count;
    this.count = 0;
    this.sink.row(this.buf, this.starts, this.ends, n, this.rowLine);
  }

  /** Moves the unfinished row to the start of the work buffer, so the next chunk can be joined to it. */
  private keepTail(): void {
    const from = this.rowStart;
    const n = this.len - from;
    if (n > MAX_ROW_BYTES) {
      if (this.state === QUOTED || this.state === QUOTE_IN_QUOTED) {
        throw unclosedQuote(this.quoteLine, `it runs on for over ${MAX_ROW_BYTES / (1024 * 1024)} MB`);
      }
      throw new UserError(
        `The row that starts on line ${this.rowLine} is over ${MAX_ROW_BYTES / (1024 * 1024)} MB long.`,
        'Check that the file is delimited text and that the delimiter is right.',
      );
    }
    if (n > this.work.length) this.work = new Uint8Array(Math.max(n, Math.ceil(this.work.length * 1.5)));
    if (this.buf === this.work) this.work.copyWithin(0, from, this.len);
    else this.work.set(this.buf.subarray(from, this.len));
    this.rebase(from);
    this.buf = this.work;
    this.len = n;
    this.carried = n;
  }

  /** Appends bytes after the carried row (the work buffer grows by half when full). */
  private append(bytes: Uint8Array): void {
    const need = this.len + bytes.length;
    if (need > this.work.length) {
      const work = new Uint8Array(Math.max(need, Math.ceil(this.work.length * 1.5)));
      work.set(this.work.subarray(0, this.len));
      this.work = work;
    }
    this.work.set(bytes, this.len);
    this.buf = this.work;
    this.len = need;
  }

  /** Shifts every position kept for the current row by −delta. */
  private rebase(delta: number): void {
    if (delta === 0) return;
    this.rowStart -= delta;
    this.pos -= delta;
    this.fieldStart -= delta;
    for (let k = 0; k < this.count; k++) {
      const start = this.starts[k];
      // A raw field's start is stored bit-flipped: ~(s − d) = ~s + d.
      this.starts[k] = start >= 0 ? start - delta : start + delta;
      this.ends[k] -= delta;
    }
  }
}

/**
 * Writes the text of the raw field at bytes [start, end) (see RowSink; start no longer flipped) into `out`
 * from index 0 and returns its length: "" inside
 * quotes is one quote, and after the closing quote every byte is literal. `out` needs end − start bytes.
 */
export function unquote(buf: Uint8Array, start: number, end: number, out: Uint8Array): number {
  let n = 0;
  let quoted = true;
  for (let i = start + 1; i < end; i++) {
    const c = buf[i];
    if (quoted && c === QUOTE) {
      if (i + 1 < end && buf[i + 1] === QUOTE) {
        out[n++] = QUOTE;
        i++;
      } else {
        quoted = false;
      }
      continue;
    }
    out[n++] = c;
  }
  return n;
}

function unclosedQuote(line: number, how: string): UserError {
  const details: MalformedDetails = {
    kind: MALFORMED,
    count: 1,
    rows: [{ line, reason: 'a quoted field starts here and is never closed' }],
    skippable: false,
  };
  return new UserError(`A quoted field that starts on line ${line} is never closed: ${how}.`, UNCLOSED_HINT, { ...details });
}
