import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../src/core/parse/detect-format.ts';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const NONE = new Uint8Array(0);

describe('detectFormat', () => {
  it('goes by the extension first, in any case', () => {
    const cases: [string, string][] = [
      ['a.csv', 'csv'],
      ['a.TSV', 'csv'],
      ['notes.txt', 'csv'],
      ['x.tab', 'csv'],
      ['x.psv', 'csv'],
      ['records.json', 'json'],
      ['records.ndjson', 'ndjson'],
      ['Records.JSONL', 'ndjson'],
      ['data.parquet', 'parquet'],
      ['archive.v2.pq', 'parquet'],
    ];
    for (const [name, format] of cases) expect(detectFormat(name, NONE), name).toBe(format);
    // The name wins over content that looks like another format.
    expect(detectFormat('list.csv', text('[{"a": 1}]'))).toBe('csv');
    expect(detectFormat('x.json', text('PAR1....'))).toBe('json');
  });

  it('otherwise goes by content', () => {
    expect(detectFormat('upload', text('PAR1\x15\x04'))).toBe('parquet');
    expect(detectFormat('data.dat', text(' \n\t[{"a": 1}]'))).toBe('json');
    expect(detectFormat('export', text('\ufeff{"a": 1, "b": [1, 2]}\n{"a": 2}\n'))).toBe('ndjson');
    // One object on one line with no newline after it is still a complete first line.
    expect(detectFormat('export', text('{"a": 1}'))).toBe('ndjson');
    // An object spread over lines is one JSON document, not NDJSON.
    expect(detectFormat('export', text('{\n  "a": 1\n}\n'))).toBe('json');
    expect(detectFormat('readme', text('a,b\n1,2\n'))).toBe('csv');
    expect(detectFormat('.hidden', text('x;y\n1;2\n'))).toBe('csv');
    expect(detectFormat('empty', NONE)).toBe('csv');
  });
});
