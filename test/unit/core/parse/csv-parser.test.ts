import { describe, expect, it } from 'vitest';
import { CsvParser, parseCsvText } from '../../../../src/core/parse/csv-parser.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';

type Row = { fields: string[]; line: number };

function parseChunks(chunks: string[], delimiter = ','): Row[] {
  const rows: Row[] = [];
  const p = new CsvParser((fields, line) => rows.push({ fields: fields.slice(), line }), { delimiter });
  for (const c of chunks) p.push(c);
  p.finish();
  return rows;
}

/** Every way of cutting `text` into pieces of `size` characters. */
function chunked(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const fields = (rows: Row[]): string[][] => rows.map((r) => r.fields);

describe('CsvParser', () => {
  it('splits simple rows with LF and CRLF', () => {
    expect(fields(parseCsvText('a,b\n1,2\n'))).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields(parseCsvText('a,b\r\n1,2\r\n'))).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields(parseCsvText('a,b\r1,2'))).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('does not need a final newline, and keeps a trailing empty field', () => {
    expect(fields(parseCsvText('a,b\n1,'))).toEqual([['a', 'b'], ['1', '']]);
    expect(fields(parseCsvText('a,b\n1,\n'))).toEqual([['a', 'b'], ['1', '']]);
  });

  it('reads quoted fields with delimiters, doubled quotes and newlines', () => {
    const rows = parseCsvText('x,y\n"a,b","say ""hi"""\n"multi\nline",2\n"",""\n');
    expect(fields(rows)).toEqual([
      ['x', 'y'],
      ['a,b', 'say "hi"'],
      ['multi\nline', '2'],
      ['', ''],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it('keeps CRLF inside quotes and counts it as one line', () => {
    const rows = parseCsvText('a\r\n"1\r\n2"\r\n3\r\n');
    expect(fields(rows)).toEqual([['a'], ['1\r\n2'], ['3']]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('strips a byte-order mark', () => {
    expect(fields(parseCsvText('\uFEFFa,b\n1,2'))).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields(parseChunks(['\uFEFF', 'a,b']))).toEqual([['a', 'b']]);
  });

  it('emits blank lines as one empty field and counts their lines', () => {
    const rows = parseCsvText('a\n\n1\r\n\r\n2');
    expect(fields(rows)).toEqual([['a'], [''], ['1'], [''], ['2']]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5]);
  });

  it('uses another delimiter', () => {
    expect(fields(parseCsvText('a;b\n"1;2";3', ';'))).toEqual([['a', 'b'], ['1;2', '3']]);
    expect(fields(parseCsvText('a\tb\n1,5\t3', '\t'))).toEqual([['a', 'b'], ['1,5', '3']]);
  });

  it('is lenient with quotes that RFC 4180 does not allow', () => {
    expect(fields(parseCsvText('ab"c,"x"y\n'))).toEqual([['ab"c', 'xy']]);
  });

  it('gives the same rows whatever the chunk boundaries', () => {
    const text =
      '\uFEFFid,"na,me",v\r\n1,"a ""q"" b",2\r\n2,"line\r\nbreak",3\n3,,\r\n"4","",5\r\r\n"x\ry",z,"\n"\n';
    const whole = parseChunks([text]);
    for (let size = 1; size <= text.length; size++) expect(parseChunks(chunked(text, size))).toEqual(whole);
    expect(whole.map((r) => r.line)).toEqual([1, 2, 3, 5, 6, 7, 8]);
  });

  it('splits a CRLF across chunks without inventing a row', () => {
    expect(fields(parseChunks(['a,b\r', '\n1,2\r', '\n']))).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('reports an unterminated quote with the line where it opened', () => {
    const run = (): Row[] => parseCsvText('a,b\n1,2\n3,"open\nmore\n');
    expect(run).toThrow(UserError);
    expect(run).toThrow(/starts on line 3/);
  });

  it('rejects an impossible delimiter', () => {
    expect(() => new CsvParser(() => {}, { delimiter: '"' })).toThrow(UserError);
    expect(() => new CsvParser(() => {}, { delimiter: ',,' })).toThrow(UserError);
  });
});
