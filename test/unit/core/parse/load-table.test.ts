import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../../../src/core/parse/load-table.ts';
import { cellText, type Table } from '../../../../src/core/table/table.ts';
import { memorySource } from './memory-source.ts';

function rows(table: Table): (string | null)[][] {
  return Array.from({ length: table.rowCount }, (_, r) => table.columns.map((c) => cellText(c, r)));
}

const parquet = new Uint8Array(
  parquetWriteBuffer({
    columnData: [
      { name: 'a', data: [1, 2], type: 'INT32' },
      { name: 'b', data: ['x', 'y'], type: 'STRING' },
    ],
  }),
);
const expected = [
  ['1', 'x'],
  ['2', 'y'],
];

describe('loadTable', () => {
  it('loads each format by name, with a filled report', async () => {
    const cases = [
      { name: 't.csv', data: 'a,b\n1,x\n2,y\n', format: 'csv' },
      { name: 't.json', data: '[{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]', format: 'json' },
      { name: 't.jsonl', data: '{"a": 1, "b": "x"}\n{"a": 2, "b": "y"}\n', format: 'ndjson' },
      { name: 't.parquet', data: parquet, format: 'parquet' },
    ];
    for (const { name, data, format } of cases) {
      const { table, report } = await loadTable(memorySource(name, data));
      expect(rows(table), name).toEqual(expected);
      expect(report.format, name).toBe(format);
      expect(report.rows, name).toBe(2);
      expect(report.skipped, name).toEqual({ count: 0, rows: [] });
      expect(report.inferredTypes, name).toEqual({ a: 'integer', b: 'categorical' });
      if (format !== 'parquet') expect(report.encoding, name).toBe('utf-8');
    }
  });

  it('detects the format from content when the name does not say, and obeys opts.format', async () => {
    expect((await loadTable(memorySource('blob', parquet))).report.format).toBe('parquet');
    expect((await loadTable(memorySource('blob', '{"a": 1, "b": "x"}\n{"a": 2, "b": "y"}'))).report.format).toBe('ndjson');
    expect((await loadTable(memorySource('blob', '[{"a": 1, "b": "x"}]'))).report.format).toBe('json');
    const forced = await loadTable(memorySource('t.txt', '{"a": 1, "b": "x"}\n{"a": 2, "b": "y"}'), { format: 'ndjson' });
    expect(rows(forced.table)).toEqual(expected);
  });
});
