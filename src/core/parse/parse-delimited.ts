// Turns the bytes of a CSV/TSV file into a typed columnar table, streaming the decode chunk by chunk.

import { UserError } from '../errors/user-error.ts';
import type { Column, Table } from '../table/table.ts';
import { CsvParser } from './csv-parser.ts';
import { inferColumn } from './infer-column.ts';
import { sniffDelimiter } from './sniff-delimiter.ts';

export interface ParseProgress {
  /** Bytes decoded and parsed so far. */
  bytes: number;
  totalBytes: number;
  /** Data rows read so far (header excluded). */
  rows: number;
}

export interface ParseDelimitedOptions {
  /** One character; guessed from the first lines when absent. */
  delimiter?: string;
  /** Called after every chunk. */
  onProgress?: (p: ParseProgress) => void;
  /** Bytes decoded at a time (default 1 MiB). */
  chunkSize?: number;
}

const DEFAULT_CHUNK = 1 << 20;
/** Bytes looked at for NUL characters and for guessing the delimiter. */
const BINARY_CHECK_BYTES = 8192;
const SNIFF_BYTES = 64 * 1024;
/** Share of undecodable characters above which the file is not taken for UTF-8 text. */
const MAX_REPLACEMENT_SHARE = 0.1;
/** Ragged rows named in the error message; the rest are only counted. */
const RAGGED_LISTED = 5;

const NOT_TEXT_HINT = 'Lathe reads delimited text (CSV, TSV) saved as UTF-8. Export the data as CSV and try again.';

/**
 * Parses delimited text: the first non-blank row is the header, every other non-blank row must have as many
 * fields. Blank lines are skipped. Throws UserError for an empty or binary file, a header without data,
 * rows with the wrong number of fields (with their line numbers) and an unclosed quote.
 */
export function parseDelimited(bytes: Uint8Array, opts: ParseDelimitedOptions = {}): Table {
  const totalBytes = bytes.length;
  if (totalBytes === 0) throw new UserError('The file is empty.', 'Choose a file with a header row and at least one data row.');
  if (bytes.subarray(0, BINARY_CHECK_BYTES).indexOf(0) >= 0) {
    throw new UserError('This file does not look like a text or CSV file: it contains binary data (NUL bytes) near the start.', NOT_TEXT_HINT);
  }
  const chunkSize = Math.max(1, Math.floor(opts.chunkSize ?? DEFAULT_CHUNK));
  const delimiter = opts.delimiter ?? sniffDelimiter(decodeSample(bytes), totalBytes <= SNIFF_BYTES);

  // (Asserted so TypeScript does not narrow it to null: the row callback assigns it.)
  let header = null as string[] | null;
  let columns: string[][] = [];
  let width = 0;
  let rows = 0;
  let raggedCount = 0;
  const ragged: { line: number; fields: number }[] = [];

  const parser = new CsvParser(
    (fields, line) => {
      // Blank lines (including the usual trailing one) carry no data.
      if (fields.length === 1 && fields[0] === '') return;
      if (header === null) {
        header = columnNames(fields);
        width = header.length;
        columns = header.map(() => []);
        return;
      }
      if (fields.length !== width) {
        raggedCount++;
        if (ragged.length < RAGGED_LISTED) ragged.push({ line, fields: fields.length });
        return;
      }
      for (let c = 0; c < width; c++) columns[c].push(fields[c]);
      rows++;
    },
    { delimiter },
  );

  const decoder = new TextDecoder('utf-8', { fatal: false });
  let chars = 0;
  let replacements = 0;
  let checkedStart = false;
  const checkDecoded = (text: string, last: boolean): void => {
    chars += text.length;
    replacements += countReplacements(text);
    // Checked once early, so a large binary file fails fast, and again over the whole file.
    if ((!checkedStart && chars >= BINARY_CHECK_BYTES) || last) {
      checkedStart = true;
      if (replacements > MAX_REPLACEMENT_SHARE * chars) {
        throw new UserError(
          'This file does not look like a text or CSV file: much of it is not valid UTF-8 text.',
          NOT_TEXT_HINT + ' If it is text in another encoding (such as Latin-1 or UTF-16), save it as UTF-8.',
        );
      }
    }
  };
  for (let offset = 0; offset < totalBytes; offset += chunkSize) {
    const end = Math.min(offset + chunkSize, totalBytes);
    const text = decoder.decode(bytes.subarray(offset, end), { stream: true });
    checkDecoded(text, false);
    parser.push(text);
    opts.onProgress?.({ bytes: end, totalBytes, rows });
  }
  const tail = decoder.decode();
  checkDecoded(tail, true);
  parser.push(tail);
  parser.finish();

  const names = header;
  if (names === null) throw new UserError('The file is empty: it has no header row.', 'The first line should name the columns.');
  if (raggedCount > 0) throw raggedError(raggedCount, ragged, width);
  if (rows === 0) {
    throw new UserError('The file has a header row but no data rows.', 'Add rows of data below the header line.');
  }
  const out: Column[] = names.map((name, c) => inferColumn(name, columns[c]));
  return { rowCount: rows, columns: out };
}

/** The start of the file as text, for guessing the delimiter without decoding the whole file. */
function decodeSample(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, SNIFF_BYTES));
}

function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) count++;
  return count;
}

/** Header names trimmed, blanks named column_N (1-based), repeats suffixed _2, _3… so every name is unique. */
export function columnNames(fields: string[]): string[] {
  const names: string[] = [];
  const used = new Set<string>();
  const trimmed = fields.map((f, i) => f.trim() || `column_${i + 1}`);
  // Names as written take precedence over generated suffixes, so "a, a_2, a" gives a, a_2, a_3.
  for (const name of trimmed) used.add(name);
  const seen = new Set<string>();
  for (const name of trimmed) {
    if (!seen.has(name)) {
      seen.add(name);
      names.push(name);
      continue;
    }
    let k = 2;
    while (used.has(`${name}_${k}`)) k++;
    const unique = `${name}_${k}`;
    used.add(unique);
    names.push(unique);
  }
  return names;
}

function raggedError(count: number, listed: { line: number; fields: number }[], expected: number): UserError {
  const parts = listed.map((r) => `line ${r.line} has ${r.fields} field${r.fields === 1 ? '' : 's'}`);
  const more = count > listed.length ? `, and ${count - listed.length} more` : '';
  const subject = count === 1 ? '1 row has' : `${count} rows have`;
  return new UserError(
    `${subject} the wrong number of fields: ${parts.join(', ')}${more} (expected ${expected}, from the header).`,
    'Check those lines for a missing or extra delimiter, or an unquoted field that contains the delimiter.',
  );
}
