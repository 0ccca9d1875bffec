// Incremental RFC 4180 parser: takes text in chunks of any size and emits rows of fields with their line numbers.

import { UserError } from '../errors/user-error.ts';

/**
 * Receives each row. The `fields` array is reused for the next row (no allocation per row),
 * so copy it if you keep it; the strings themselves are yours.
 * `line` is the 1-based line where the row starts (rows with quoted newlines span several lines).
 */
export type RowHandler = (fields: string[], line: number) => void;

const QUOTE = 34; // "
const CR = 13;
const LF = 10;

// Where the scanner is within the current row; kept between chunks so a boundary can fall anywhere.
// (Plain constants rather than an enum, so the file also runs under type-stripping loaders.)
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** Just read a quote inside a quoted field: the next character says whether it closed the field or was doubled. */
const QUOTE_IN_QUOTED = 3;
type State = 0 | 1 | 2 | 3;

export class CsvParser {
  private readonly delimiter: number;
  private readonly onRow: RowHandler;
  private state: State = FIELD_START;
  private readonly fields: string[] = [];
  /** The current field's text from earlier chunks (and, in quoted fields, earlier segments). */
  private partial = '';
  private line = 1;
  private rowLine = 1;
  private quoteLine = 1;
  /** Whether the last character of the previous chunk was a CR, so a leading LF completes a CRLF. */
  private prevCR = false;
  private started = false;
  private finished = false;

  constructor(onRow: RowHandler, options: { delimiter?: string } = {}) {
    const delimiter = options.delimiter ?? ',';
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
      throw new UserError(`The delimiter must be one character other than a quote or newline, not ${JSON.stringify(delimiter)}.`);
    }
    this.delimiter = delimiter.charCodeAt(0);
    this.onRow = onRow;
  }

  /** The line the parser has reached (1-based), for progress and error messages. */
  get currentLine(): number {
    return this.line;
  }

  push(chunk: string): void {
    if (this.finished) throw new Error('CsvParser.push called after finish');
    let i = 0;
    const n = chunk.length;
    if (n === 0) return;
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    const delim = this.delimiter;
    // Slices between indices rather than per-character concatenation: this loop runs for every byte of a large file.
    while (i < n) {
      if (this.state === FIELD_START) {
        const c = chunk.charCodeAt(i);
        if (c === QUOTE) {
          this.state = QUOTED;
          this.quoteLine = this.line;
          i++;
          continue;
        }
        if (c === LF && this.fields.length === 0 && (i > 0 ? chunk.charCodeAt(i - 1) === CR : this.prevCR)) {
          // The LF of a CRLF whose CR already ended the row.
          i++;
          continue;
        }
        this.state = UNQUOTED;
      }
      if (this.state === UNQUOTED) {
        const start = i;
        let c = 0;
        for (; i < n; i++) {
          c = chunk.charCodeAt(i);
          if (c === delim || c === CR || c === LF) break;
        }
        if (i === n) {
          this.partial += chunk.slice(start, n);
          break;
        }
        const text = chunk.slice(start, i);
        if (this.partial === '') this.fields.push(text);
        else {
          this.fields.push(this.partial + text);
          this.partial = '';
        }
        i++;
        if (c === delim) this.state = FIELD_START;
        else this.endRow();
        continue;
      }
      if (this.state === QUOTED) {
        const j = chunk.indexOf('"', i);
        const end = j < 0 ? n : j;
        this.countLines(chunk, i, end);
        this.partial += chunk.slice(i, end);
        if (j < 0) {
          i = n;
          break;
        }
        i = j + 1;
        this.state = QUOTE_IN_QUOTED;
        continue;
      }
      // QUOTE_IN_QUOTED
      const c = chunk.charCodeAt(i);
      if (c === QUOTE) {
        this.partial += '"';
        this.state = QUOTED;
        i++;
      } else if (c === delim) {
        this.fields.push(this.partial);
        this.partial = '';
        this.state = FIELD_START;
        i++;
      } else if (c === CR || c === LF) {
        this.fields.push(this.partial);
        this.partial = '';
        this.endRow();
        i++;
      } else {
        // Text after a closing quote (`"ab"cd`) breaks RFC 4180; keep it rather than fail, as spreadsheets do.
        this.state = UNQUOTED;
      }
    }
    this.prevCR = chunk.charCodeAt(n - 1) === CR;
  }

  /** Flushes the last row (a file need not end with a newline). Throws UserError on an unclosed quote. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    switch (this.state) {
      case QUOTED:
        throw new UserError(
          `A quoted field that starts on line ${this.quoteLine} is never closed: the file ends inside quotes.`,
          'Check that line for a stray or missing double quote ("). A quote inside a quoted field must be doubled ("").',
        );
      case QUOTE_IN_QUOTED:
      case UNQUOTED:
        this.fields.push(this.partial);
        this.partial = '';
        this.emit();
        break;
      case FIELD_START:
        // After a delimiter the row has one more, empty, field; after a newline there is no row.
        if (this.fields.length > 0) {
          this.fields.push('');
          this.emit();
        }
        break;
    }
  }

  private endRow(): void {
    this.emit();
    this.line++;
    this.rowLine = this.line;
    this.state = FIELD_START;
  }

  private emit(): void {
    this.onRow(this.fields, this.rowLine);
    this.fields.length = 0;
  }

  /** Counts line breaks inside a quoted field: CR, LF and CRLF each count once, even across chunks. */
  private countLines(chunk: string, from: number, to: number): void {
    let prevCR = from > 0 ? chunk.charCodeAt(from - 1) === CR : this.prevCR;
    let lines = 0;
    for (let k = from; k < to; k++) {
      const c = chunk.charCodeAt(k);
      if (c === CR) {
        lines++;
        prevCR = true;
      } else {
        if (c === LF && !prevCR) lines++;
        prevCR = false;
      }
    }
    this.line += lines;
  }
}

/** Parses a whole string at once; convenient for small inputs and tests. Rows are copied. */
export function parseCsvText(text: string, delimiter = ','): { fields: string[]; line: number }[] {
  const rows: { fields: string[]; line: number }[] = [];
  const parser = new CsvParser((fields, line) => rows.push({ fields: fields.slice(), line }), { delimiter });
  parser.push(text);
  parser.finish();
  return rows;
}
