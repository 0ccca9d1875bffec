import { describe, expect, it } from 'vitest';
import { CsvScanner, unquote, type RowSink } from '../../../../src/core/parse/csv-parser.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import { MALFORMED, type MalformedDetails } from '../../../../src/core/parse/load-types.ts';
import { userError } from '../../helpers/user-error';

type Row = { fields: string[]; line: number };

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Rows as strings, decoding each field (raw ones through unquote). */
function scanChunks(chunks: Uint8Array[], delimiter = ','): Row[] {
  const rows: Row[] = [];
  const dec = new TextDecoder();
  const sink: RowSink = {
    row(buf, starts, ends, count, line) {
      const fields: string[] = [];
      for (let i = 0; i < count; i++) {
        if (starts[i] >= 0) fields.push(dec.decode(buf.subarray(starts[i], ends[i])));
        else {
          const start = ~starts[i];
          const out = new Uint8Array(ends[i] - start);
          fields.push(dec.decode(out.subarray(0, unquote(buf, start, ends[i], out))));
        }
      }
      rows.push({ fields, line });
    },
  };
  const scanner = new CsvScanner(sink, delimiter);
  for (const c of chunks) scanner.push(c);
  scanner.finish();
  return rows;
}

const scan = (text: string, delimiter = ','): Row[] => scanChunks([enc(text)], delimiter);

/** The bytes cut into pieces of `size`. */
function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
  return out;
}

const fields = (rows: Row[]): string[][] => rows.map((r) => r.fields);

describe('CsvScanner', () => {
  it('splits simple rows with LF, CRLF and CR', () => {
    expect(fields(scan('a,b\n1,2\n'))).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields(scan('a,b\r\n1,2\r\n'))).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields(scan('a,b\r1,2'))).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('does not need a final newline, and keeps a trailing empty field', () => {
    expect(fields(scan('a,b\n1,'))).toEqual([['a', 'b'], ['1', '']]);
    expect(fields(scan('a,b\n1,\n'))).toEqual([['a', 'b'], ['1', '']]);
    expect(fields(scan('a,b\n1,"x"'))).toEqual([['a', 'b'], ['1', 'x']]);
  });

  it('reads quoted fields with delimiters, doubled quotes and newlines', () => {
    const rows = scan('x,y\n"a,b","say ""hi"""\n"multi\nline",2\n"",""\n');
    expect(fields(rows)).toEqual([
      ['x', 'y'],
      ['a,b', 'say "hi"'],
      ['multi\nline', '2'],
      ['', ''],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it('keeps CRLF inside quotes and counts it as one line', () => {
    const rows = scan('a\r\n"1\r\n2"\r\n3\r\n');
    expect(fields(rows)).toEqual([['a'], ['1\r\n2'], ['3']]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('reports blank lines as one empty field and counts their lines', () => {
    const rows = scan('a\n\n1\r\n\r\n2');
    expect(fields(rows)).toEqual([['a'], [''], ['1'], [''], ['2']]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5]);
  });

  it('uses another delimiter', () => {
    expect(fields(scan('a;b\n"1;2";3', ';'))).toEqual([['a', 'b'], ['1;2', '3']]);
    expect(fields(scan('a\tb\n1,5\t3', '\t'))).toEqual([['a', 'b'], ['1,5', '3']]);
  });

  it('is lenient with quotes that RFC 4180 does not allow', () => {
    expect(fields(scan('ab"c,"x"y,"p""q"r"s\n'))).toEqual([['ab"c', 'xy', 'p"qr"s']]);
  });

  it('leaves multi-byte characters whole (bytes, not characters, are scanned)', () => {
    expect(fields(scan('é,"ü,€"\n😀,東京\n'))).toEqual([['é', 'ü,€'], ['😀', '東京']]);
  });

  it('gives the same rows whatever the chunk boundaries', () => {
    const bytes = enc('id,"na,me",v\r\n1,"a ""q"" b",2\r\n2,"line\r\nbreak",3\n3,,\r\n"4","",5\r\r\n"x\ry",z,"\n"\nü,"€",😀\n');
    const whole = scanChunks([bytes]);
    for (let size = 1; size <= bytes.length; size++) expect(scanChunks(chunked(bytes, size))).toEqual(whole);
    expect(whole.map((r) => r.line)).toEqual([1, 2, 3, 5, 6, 7, 8, 11]);
  });

  it('carries a row longer than a chunk, however it is cut', () => {
    const long = 'x'.repeat(200_000);
    const quoted = '"' + 'a,b\n""'.repeat(40_000) + '"';
    const bytes = enc(`h1,h2\n1,${long}\n${quoted},2\n3,4\n`);
    const whole = scanChunks([bytes]);
    expect(whole.map((r) => r.fields[1].length)).toEqual([2, 200_000, 1, 1]);
    expect(whole[2].fields[0]).toBe('a,b\n"'.repeat(40_000));
    expect(whole.map((r) => r.line)).toEqual([1, 2, 3, 40_004]);
    for (const size of [1000, 65_536, 65_537, 100_000, 300_001]) expect(scanChunks(chunked(bytes, size))).toEqual(whole);
  });

  it('splits a CRLF across chunks without inventing a row', () => {
    expect(fields(scanChunks([enc('a,b\r'), enc('\n1,2\r'), enc('\n')]))).toEqual([['a', 'b'], ['1', '2']]);
    expect(scanChunks([enc('a\r'), enc('\nb\r'), enc('\r\n'), enc('c')]).map((r) => r.line)).toEqual([1, 2, 3, 4]);
  });

  it('reports an unterminated quote with the line where it opened', () => {
    const err = userError(() => scan('a,b\n1,2\n3,"open\nmore\n'));
    expect(err.message).toMatch(/starts on line 3 is never closed/);
    const details = err.details as unknown as MalformedDetails;
    expect(details).toEqual({
      kind: MALFORMED,
      count: 1,
      rows: [{ line: 3, reason: 'a quoted field starts here and is never closed' }],
      skippable: false,
    });
  });

  it('rejects an impossible delimiter', () => {
    expect(() => new CsvScanner({ row() {} }, '"')).toThrow(UserError);
    expect(() => new CsvScanner({ row() {} }, ',,')).toThrow(UserError);
    expect(() => new CsvScanner({ row() {} }, '€')).toThrow(UserError);
    expect(() => new CsvScanner({ row() {} }, '\n')).toThrow(UserError);
  });
});

describe('unquote', () => {
  it('turns doubled quotes into one and keeps text after the closing quote', () => {
    const run = (s: string): string => {
      const bytes = enc(s);
      const out = new Uint8Array(bytes.length);
      return new TextDecoder().decode(out.subarray(0, unquote(bytes, 0, bytes.length, out)));
    };
    expect(run('"a""b"')).toBe('a"b');
    expect(run('""""')).toBe('"');
    expect(run('"x"y"z')).toBe('xy"z');
    expect(run('"é""ü"')).toBe('é"ü');
  });
});

/**
 * A naive reference for the same rules, one character at a time over a string: a field starting with a
 * quote runs to the closing quote ("" is a quote), text after it is kept, quotes elsewhere are literal;
 * rows end at LF, CR or CRLF; a trailing newline ends the last row. Null when a quote is never closed.
 */
function reference(text: string): Row[] | null {
  const rows: Row[] = [];
  let fields: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  let rowLine = 1;
  let atFieldStart = true;
  const endRow = (): void => {
    fields.push(field);
    rows.push({ fields, line: rowLine });
    fields = [];
    field = '';
    atFieldStart = true;
  };
  while (i < text.length) {
    const c = text[i];
    if (atFieldStart && c === '"') {
      atFieldStart = false;
      i++;
      for (;;) {
        if (i >= text.length) return null;
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\r' || (q === '\n' && text[i - 1] !== '\r')) line++;
        field += q;
        i++;
      }
      continue;
    }
    atFieldStart = false;
    if (c === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
      i++;
    } else if (c === '\n' || c === '\r') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (!atFieldStart || fields.length > 0) endRow();
  return rows;
}

describe('CsvScanner against a naive reference', () => {
  it('agrees on 3,000 random texts of quotes, delimiters and line breaks, however they are cut', () => {
    let seed = 3;
    const rnd = (): number => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
    const alphabet = ['a', 'b', ',', ',', '"', '"', '\n', '\r', '\r\n', 'é', ' '];
    const wrong: string[] = [];
    for (let k = 0; k < 3000; k++) {
      let text = '';
      const n = Math.floor(rnd() * 40);
      for (let j = 0; j < n; j++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      const expected = reference(text);
      const bytes = enc(text);
      for (const size of [bytes.length || 1, 1, 2, 3, 5]) {
        let got: Row[] | null;
        try {
          got = scanChunks(chunked(bytes, size));
        } catch (err) {
          if (!(err instanceof UserError)) throw err;
          got = null;
        }
        if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push(`${JSON.stringify(text)} in chunks of ${size}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
