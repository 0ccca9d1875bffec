import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { columnNames, parseDelimited, parseDelimitedResult, type ParseProgress } from '../../../../src/core/parse/parse-delimited.ts';
import { cellText, headRows, type Table } from '../../../../src/core/table/table.ts';
import { userError } from '../../helpers/user-error';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url));

/** Table contents as plain data, to compare parses. */
function dump(t: Table): unknown {
  return {
    rowCount: t.rowCount,
    columns: t.columns.map((c) =>
      c.kind === 'numeric'
        ? { name: c.name, type: c.type, values: Array.from(c.values) }
        : { name: c.name, type: c.type, codes: Array.from(c.codes), dictionary: c.dictionary },
    ),
  };
}

describe('parseDelimited', () => {
  it('reads the mixed fixture (CRLF, quoted commas, missing values) with the right types', () => {
    const t = parseDelimited(fixture('mixed.csv'));
    expect(t.rowCount).toBe(6);
    expect(t.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'integer'],
      ['name', 'categorical'],
      ['score', 'float'],
      ['age', 'integer'],
      ['joined', 'datetime'],
      ['active', 'boolean'],
      ['notes', 'categorical'],
    ]);
    expect(headRows(t, 3)).toEqual([
      ['1', 'Smith, Jane', '3.5', '34', '2021-03-04', 'true', 'said "hi"'],
      ['2', 'Lee', null, null, '2021-03-05', 'false', 'plain'],
      ["3", "O'Brien, Pat", '-0.25', '29', '2022-12-31', 'true', 'two\r\nlines'],
    ]);
    expect(cellText(t.columns[6], 4)).toBe('a,b,c');
    expect(cellText(t.columns[6], 5)).toBeNull();
  });

  it('gives the same table for any chunk size, even splitting multi-byte characters', () => {
    const text = '\uFEFFcity;temp;note\r\nZürich;1,5;"a;b"\r\nKraków;-3;"€ ""x""\r\nline"\r\n東京;12;😀\r\n\r\n';
    const bytes = enc(text);
    const whole = dump(parseDelimited(bytes));
    for (let size = 1; size <= 7; size++) expect(dump(parseDelimited(bytes, { chunkSize: size }))).toEqual(whole);
    const mixed = fixture('mixed.csv');
    const mixedWhole = dump(parseDelimited(mixed));
    for (let size = 1; size <= 7; size++) expect(dump(parseDelimited(mixed, { chunkSize: size }))).toEqual(mixedWhole);
  });

  it('keeps non-ASCII text intact', () => {
    const t = parseDelimited(enc('city,n\nZürich,1\n東京,2\n😀,3\n'), { chunkSize: 1 });
    expect(headRows(t, 3).map((r) => r[0])).toEqual(['Zürich', '東京', '😀']);
  });

  it('guesses the delimiter, or takes the one given', () => {
    expect(parseDelimited(enc('a\tb\n1\t2\n')).columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(parseDelimited(enc('a;b\n1;2\n')).columns.map((c) => c.name)).toEqual(['a', 'b']);
    const t = parseDelimited(enc('a;b\n1;2\n'), { delimiter: ',' });
    expect(t.columns.map((c) => c.name)).toEqual(['a;b']);
  });

  it('names columns: trimmed, blanks as column_N, duplicates suffixed', () => {
    const t = parseDelimited(enc(' a ,,b,a,a\n1,2,3,4,5\n'));
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'column_2', 'b', 'a_2', 'a_3']);
    expect(columnNames(['a', 'a_2', 'a'])).toEqual(['a', 'a_2', 'a_3']);
  });

  it('accepts a trailing empty line and skips blank lines', () => {
    expect(parseDelimited(enc('a,b\n1,2\n\n')).rowCount).toBe(1);
    expect(parseDelimited(enc('a,b\n1,2\n\n3,4')).rowCount).toBe(2);
    expect(parseDelimited(enc('a,b\r\n1,2\r\n\r\n')).rowCount).toBe(1);
  });

  it('reports progress after every chunk', () => {
    const bytes = enc('a,b\n1,2\n3,4\n5,6\n');
    const seen: ParseProgress[] = [];
    parseDelimited(bytes, { chunkSize: 4, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBe(Math.ceil(bytes.length / 4));
    expect(seen.at(-1)).toEqual({ bytes: bytes.length, totalBytes: bytes.length, rows: 3 });
    expect(seen.every((p, i) => i === 0 || p.bytes > seen[i - 1].bytes)).toBe(true);
  });

  it('rejects an empty file', () => {
    expect(userError(() => parseDelimited(new Uint8Array(0))).message).toBe('The file is empty.');
    expect(userError(() => parseDelimited(enc('\n\n'))).message).toMatch(/empty/);
    expect(userError(() => parseDelimited(enc('\uFEFF'))).message).toMatch(/empty/);
  });

  it('rejects binary files: NUL bytes near the start', () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14, 0x00]);
    expect(userError(() => parseDelimited(bytes)).message).toMatch(/does not look like a text or CSV file/);
    // UTF-16 text is full of NULs too.
    const utf16 = new Uint8Array(Buffer.from('a,b\n1,2\n', 'utf16le'));
    expect(userError(() => parseDelimited(utf16)).message).toMatch(/does not look like a text or CSV file/);
  });

  it('rejects files that are mostly invalid UTF-8', () => {
    const bytes = new Uint8Array(1000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 3 === 0 ? 0xff : 0x41 + (i % 26);
    expect(userError(() => parseDelimited(bytes)).message).toMatch(/does not look like a text or CSV file/);
    // Latin-1 text is not binary: it is detected and read as such.
    const latin = new Uint8Array([...enc('name,n\ncaf'), 0xe9, ...enc(',1\nabcdefghijklmnopqrstuvwxyz,2\n')]);
    const { table, report } = parseDelimitedResult(latin);
    expect(report.encoding).toBe('latin-1');
    expect(cellText(table.columns[0], 0)).toBe('café');
  });

  it('rejects a header with no data rows', () => {
    for (const text of ['a,b,c', 'a,b,c\n', 'a,b,c\r\n\r\n']) {
      expect(userError(() => parseDelimited(enc(text))).message).toBe('The file has a header row but no data rows.');
    }
  });

  it('lists ragged rows by line, up to five, with the total', () => {
    const one = userError(() => parseDelimited(enc('a,b,c\n1,2,3\n1,2\n')));
    expect(one.message).toBe('1 row has the wrong number of fields: line 3 has 2 fields (expected 3, from the header).');
    const lines = ['a,b,c', '1,2,3', '1,2,3,4', '1,2,3', '1', '1,2', '1,2,3', '1,2,3,4', '1,2', '1,2', '1,2,3'];
    const err = userError(() => parseDelimited(enc(lines.join('\n'))));
    expect(err.message).toBe(
      '6 rows have the wrong number of fields: line 3 has 4 fields, line 5 has 1 field, line 6 has 2 fields, ' +
        'line 8 has 4 fields, line 9 has 2 fields, and 1 more (expected 3, from the header).',
    );
    expect(err.hint).toBeTruthy();
  });

  it('skips ragged rows when asked, and reports them in the result', () => {
    const { table, report } = parseDelimitedResult(enc('a,b\n1,2\n3\n4,5\n'), { malformed: 'skip', chunkSize: 2 });
    expect(table.rowCount).toBe(2);
    expect(report.skipped).toEqual({ count: 1, rows: [{ line: 3, reason: 'has 1 field, expected 2' }] });
  });

  it('reads columns as the types given', () => {
    const t = parseDelimited(enc('a,b\n1,x\n2.5,y\n'), { types: { a: 'integer', b: 'text' } });
    expect(t.columns.map((c) => c.type)).toEqual(['integer', 'text']);
    expect(t.columns[0].invalid).toEqual({ count: 1, examples: [{ row: 1, text: '2.5' }] });
  });

  it('counts lines inside quoted fields when naming ragged rows', () => {
    const err = userError(() => parseDelimited(enc('a,b\n"x\ny",1\n2\n')));
    expect(err.message).toMatch(/line 4 has 1 field/);
  });

  it('reports an unclosed quote with its line', () => {
    const err = userError(() => parseDelimited(enc('a,b\n1,2\n3,"oops\n4,5\n'), { chunkSize: 3 }));
    expect(err.message).toMatch(/starts on line 3/);
  });

  const penguins = new URL('../../../../public/samples/penguins.csv', import.meta.url);
  it.skipIf(!existsSync(penguins))('reads the penguins sample', () => {
    const t = parseDelimited(readFileSync(penguins));
    expect(t.rowCount).toBe(344);
    expect(t.columns.map((c) => c.type)).toEqual(['categorical', 'categorical', 'float', 'float', 'integer', 'integer', 'categorical']);
  });
});
