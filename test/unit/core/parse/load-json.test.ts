import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inferColumn } from '../../../../src/core/parse/infer-column.ts';
import { loadJson, loadNdjson } from '../../../../src/core/parse/load-json.ts';
import { MALFORMED, type LoadOptions, type LoadResult, type MalformedDetails } from '../../../../src/core/parse/load-types.ts';
import { cellText, getColumn, type Column, type Table } from '../../../../src/core/table/table.ts';
import { memorySource } from './memory-source.ts';
import { rejection } from '../../helpers/user-error';

// Fixtures and pandas' reading of them come from scripts/fixtures/loaders_json_reference.py.
const FIXTURES = new URL('../../../fixtures/', import.meta.url);
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));

type RefCell = number | boolean | string | null;
interface FrameRef {
  columns: string[];
  cells: Record<string, RefCell[]>;
}
interface Reference {
  records: FrameRef;
  latin1: FrameRef;
  syntaxErrors: { text: string; line: number; column: number; python: string }[];
  ndjsonLines: { text: string; errorColumn: number | null; type: string | null }[];
}
const REF = JSON.parse(readFileSync(new URL('loaders.json-reference.json', FIXTURES), 'utf-8')) as Reference;

function column(table: Table, name: string): Column {
  const c = getColumn(table, name);
  if (!c) throw new Error(`no column ${name}; have ${table.columns.map((x) => x.name).join(', ')}`);
  return c;
}

/**
 * Every cell equals pandas' value: numbers exactly (both parse the same decimal text to the nearest double,
 * so the tolerance is 0), booleans as 1/0, everything else by its text.
 */
function expectMatchesPandas(table: Table, ref: FrameRef): void {
  expect(new Set(table.columns.map((c) => c.name))).toEqual(new Set(ref.columns));
  for (const name of ref.columns) {
    const col = column(table, name);
    ref.cells[name].forEach((want, row) => {
      const where = `${name}[${row}]`;
      if (want === null) {
        expect(cellText(col, row), where).toBeNull();
      } else if (col.kind === 'numeric') {
        expect(col.values[row], where).toBe(typeof want === 'boolean' ? Number(want) : want);
      } else if (typeof want === 'string') {
        expect(cellText(col, row), where).toBe(want);
      } else {
        // A number or boolean in a mixed column is kept as its JSON text.
        expect(cellText(col, row), where).not.toBeNull();
        expect(JSON.parse(cellText(col, row) as string), where).toBe(want);
      }
    });
  }
}

function snapshot(result: LoadResult): unknown {
  const { table } = result;
  return table.columns.map((c) => ({ name: c.name, type: c.type, cells: Array.from({ length: table.rowCount }, (_, r) => cellText(c, r)) }));
}

describe('loadJson', () => {
  const bytes = fixture('loaders.records.json');

  it('reads an array of records as pandas.json_normalize(max_level=1) does', async () => {
    const { table, report } = await loadJson(memorySource('records.json', bytes));
    expect(table.rowCount).toBe(4);
    expectMatchesPandas(table, REF.records);
    expect(report).toMatchObject({ format: 'json', encoding: 'utf-8', rows: 4, skipped: { count: 0, rows: [] } });
  });

  it('orders columns by first appearance, a nested object at its key, and types each one', async () => {
    const { table, report } = await loadJson(memorySource('records.json', bytes));
    // pandas puts flattened columns last; the contract is first-seen order, so "address.*" sit where "address" was.
    expect(table.columns.map((c) => c.name)).toEqual([
      'id', 'price', 'qty', 'ok', 'name', 'city', 'address.city', 'address.geo', 'tags', 'mixed', 'exp', 'whole', 'late',
    ]);
    const types = Object.fromEntries(table.columns.map((c) => [c.name, c.type]));
    expect(types).toEqual({
      id: 'integer',
      price: 'float',
      qty: 'integer', // a missing key is missing, not a reason to become float
      ok: 'boolean',
      name: 'categorical',
      city: 'categorical',
      'address.city': 'categorical',
      'address.geo': 'categorical', // deeper than one level: kept as JSON text
      tags: 'categorical',
      mixed: 'categorical', // 1, "x", true, 2.5
      exp: 'float', // 1e3 is written as a float, as in CSV
      whole: 'float', // 1.0, 2.0…: written as floats
      late: 'categorical',
    });
    expect(report.inferredTypes).toEqual(types);
  });

  it('reads values with the same rules as a CSV cell, so JSON and CSV agree', async () => {
    const texts = ['9007199254740993', '0.1', '-0', '1E400', '12'];
    const json = '[' + texts.map((t) => `{"n": ${t}, "s": "${t}"}`).join(',') + ']';
    const { table } = await loadJson(memorySource('n.json', json));
    const csvLike = inferColumn('n', texts);
    for (const name of ['n', 's']) {
      const col = column(table, name);
      expect(col.type, name).toBe(csvLike.type);
      expect(col.kind === 'numeric' && Array.from(col.values), name).toEqual(csvLike.kind === 'numeric' && Array.from(csvLike.values));
    }
    const n = column(table, 'n');
    expect(n.kind === 'numeric' && n.values[1]).toBe(0.1);
    expect(n.kind === 'numeric' && n.values[3]).toBe(Infinity);
  });

  it('reads again as text a column whose values change character after its type settled, as CSV does', async () => {
    // 10,000 numbers settle "n" as integer; 600 words after them (over 5%) are too many to count as invalid.
    const n = Array.from({ length: 10_600 }, (_, i) => (i < 10_000 ? String(i) : `w${i}`));
    const m = n.map((_, i) => String(i % 97));
    const ndjson = n.map((v, i) => JSON.stringify({ n: i < 10_000 ? i : v, m: i % 97 })).join('\n');
    const { table, report } = await loadNdjson(memorySource('late.ndjson', ndjson, 4096));
    for (const [name, texts] of [['n', n], ['m', m]] as const) {
      const want = inferColumn(name, texts);
      const got = column(table, name);
      expect(got.type, name).toBe(want.type);
      expect(Array.from({ length: texts.length }, (_, r) => cellText(got, r)), name).toEqual(texts);
      expect(report.inferredTypes[name], name).toBe(want.type);
    }
    expect(column(table, 'n').type).not.toBe('integer');
  });

  it('decodes escapes, keeps the last of repeated keys and names a blank key', async () => {
    const json = '[{"t": "caf\\u00e9\\n\\"q\\" \\\\ \\/", "d": 1, "d": 2, "": "x", "k\\u00eby": true}]';
    const { table } = await loadJson(memorySource('e.json', json));
    expect(cellText(column(table, 't'), 0)).toBe('café\n"q" \\ /');
    expect(cellText(column(table, 'd'), 0)).toBe('2');
    expect(cellText(column(table, 'column_3'), 0)).toBe('x');
    expect(cellText(column(table, 'këy'), 0)).toBe('true');
  });

  it('keeps arrays and deeper objects as compact JSON text, however deep', async () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const json = `[{"a": [ 1 , { "b" : "x y" } ], "o": {"p": {"q": [ ]}, "r": null}, "deep": ${deep}}]`;
    const { table } = await loadJson(memorySource('n.json', json));
    expect(cellText(column(table, 'a'), 0)).toBe('[1,{"b":"x y"}]');
    expect(cellText(column(table, 'o.p'), 0)).toBe('{"q":[]}');
    expect(cellText(column(table, 'o.r'), 0)).toBeNull();
    expect(cellText(column(table, 'deep'), 0)).toBe(deep);
  });

  it('gives the same table when the file arrives in tiny chunks', async () => {
    const whole = snapshot(await loadJson(memorySource('records.json', bytes)));
    for (const size of [1, 2, 3, 7, 64]) {
      expect(snapshot(await loadJson(memorySource('records.json', bytes, size))), `chunks of ${size}`).toEqual(whole);
    }
  });

  it('detects Windows-1252 text, tolerates a BOM, and obeys an encoding override', async () => {
    const latin1 = fixture('loaders.latin1.json');
    const result = await loadJson(memorySource('latin1.json', latin1, 5));
    expect(result.report.encoding).toBe('latin-1');
    expectMatchesPandas(result.table, REF.latin1);

    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    const withBom = await loadJson(memorySource('bom.json', bom));
    expect(withBom.report.encoding).toBe('utf-8');
    expectMatchesPandas(withBom.table, REF.records);

    // A UTF-8 byte order mark on a file that turns out not to be UTF-8 is dropped all the same.
    const markedLatin1 = await loadJson(memorySource('latin1.json', new Uint8Array([0xef, 0xbb, 0xbf, ...latin1])));
    expect(markedLatin1.report.encoding).toBe('latin-1');
    expectMatchesPandas(markedLatin1.table, REF.latin1);

    // Told it is UTF-8, the Latin-1 bytes do not decode: the override wins over detection.
    const forced = await loadJson(memorySource('latin1.json', latin1), { encoding: 'utf-8' });
    expect(forced.report.encoding).toBe('utf-8');
    expect(cellText(column(forced.table, 'name'), 0)).toBe('Zo\ufffd');
  });

  it('names the line and column of a syntax error where Python\'s json module does', async () => {
    for (const { text, line, column: col } of REF.syntaxErrors) {
      const err = await rejection(loadJson(memorySource('bad.json', text)));
      expect(err.message, text).toContain(`line ${line}, column ${col}:`);
      // Chunking must not move the position.
      const chunked = await rejection(loadJson(memorySource('bad.json', text, 2)));
      expect(chunked.message, text).toBe(err.message);
    }
  });

  it('refuses a top-level value that is not an array of objects, saying what it is', async () => {
    expect((await rejection(loadJson(memorySource('a.json', '{"a": [1, 2], "b": [3, 4]}')))).message).toMatch(/single JSON object, not an array/);
    expect((await rejection(loadJson(memorySource('a.json', '{\n "a": 1\n}\n{"a": 2}')))).message).toMatch(/line 4, column 1/);
    expect((await rejection(loadJson(memorySource('a.json', ' "x"')))).message).toMatch(/holds a string, not an array/);
    expect((await rejection(loadJson(memorySource('a.json', '[{"a": 1}, 2]')))).message).toMatch(/holds a number where a record .* element 2, at line 1, column 12/);
    expect((await rejection(loadJson(memorySource('a.json', '[[1, 2]]')))).message).toMatch(/holds an array where a record/);
    expect((await rejection(loadJson(memorySource('a.json', ' [ ] ')))).message).toMatch(/array is empty/);
    expect((await rejection(loadJson(memorySource('a.json', '[{}, {}]')))).message).toMatch(/no fields/);
    expect((await rejection(loadJson(memorySource('a.json', '')))).message).toMatch(/empty/);
    expect((await rejection(loadJson(memorySource('a.json', '[{"a": 1}] x')))).message).toMatch(/after the end of the array/);
  });

  it('reads a .json file that holds one object per line as NDJSON', async () => {
    const { table, report } = await loadJson(memorySource('lines.json', '{"a": 1}\n{"a": 2}\n'));
    expect(report.format).toBe('ndjson');
    expect(cellText(column(table, 'a'), 1)).toBe('2');
  });

  it('reports progress by bytes and rows, and stops when cancelled', async () => {
    const seen: { bytes: number; rows: number }[] = [];
    await loadJson(memorySource('records.json', bytes, 100), { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toMatchObject({ bytes: bytes.length, totalBytes: bytes.length, rows: 4 });
    for (let i = 1; i < seen.length; i++) expect(seen[i].bytes).toBeGreaterThanOrEqual(seen[i - 1].bytes);

    const controller = new AbortController();
    const opts: LoadOptions = { signal: controller.signal, onProgress: () => controller.abort() };
    expect((await rejection(loadJson(memorySource('records.json', bytes, 100), opts))).message).toBe('Loading was cancelled.');
  });

  it('counts values that fail a type the user chose, keeping the inferred type in the report', async () => {
    const { table, report } = await loadJson(memorySource('records.json', bytes), { types: { mixed: 'float', id: 'categorical' } });
    const mixed = column(table, 'mixed');
    expect(mixed.type).toBe('float');
    expect(mixed.invalid?.count).toBe(2);
    expect(mixed.invalid?.examples).toEqual([
      { row: 1, text: 'x' },
      { row: 2, text: 'true' },
    ]);
    expect(column(table, 'id').type).toBe('categorical');
    expect(report.inferredTypes).toMatchObject({ mixed: 'categorical', id: 'integer' });
  });
});

describe('loadNdjson', () => {
  const bytes = fixture('loaders.records.ndjson');

  it('reads one object per line (CRLF, blank lines ignored) into the same table as the JSON array', async () => {
    const result = await loadNdjson(memorySource('records.ndjson', bytes));
    expect(result.report).toMatchObject({ format: 'ndjson', encoding: 'utf-8', rows: 4, skipped: { count: 0, rows: [] } });
    expectMatchesPandas(result.table, REF.records);
    expect(snapshot(result)).toEqual(snapshot(await loadJson(memorySource('records.json', fixture('loaders.records.json')))));
  });

  it('streams: lines and multi-byte characters cut across chunks give the same table', async () => {
    const whole = snapshot(await loadNdjson(memorySource('records.ndjson', bytes)));
    for (const size of [1, 2, 3, 5, 13]) {
      expect(snapshot(await loadNdjson(memorySource('records.ndjson', bytes, size))), `chunks of ${size}`).toEqual(whole);
    }
    const seen: number[] = [];
    await loadNdjson(memorySource('records.ndjson', bytes, 50), { onProgress: (p) => seen.push(p.rows) });
    expect(seen.at(-1)).toBe(4);
    expect(seen.some((rows) => rows > 0 && rows < 4)).toBe(true);
  });

  // Lines from the reference: valid objects, other JSON values, and syntax errors (columns from Python's json).
  const lines = REF.ndjsonLines;
  const text = lines.map((l) => l.text).join('\n') + '\n\n';
  const bad = lines.map((l, i) => ({ ...l, line: i + 1 })).filter((l) => l.type !== 'object');

  it('stops on lines that are not objects, with details the UI can offer to skip', async () => {
    const err = await rejection(loadNdjson(memorySource('bad.ndjson', text, 4)));
    const details = err.details as unknown as MalformedDetails;
    expect(details.kind).toBe(MALFORMED);
    expect(details.skippable).toBe(true);
    expect(details.count).toBe(bad.length);
    expect(details.rows.map((r) => r.line)).toEqual(bad.slice(0, 5).map((l) => l.line));
    details.rows.forEach((row, i) => {
      const want = bad[i];
      if (want.errorColumn !== null) expect(row.reason).toContain(`column ${want.errorColumn}`);
      else expect(row.reason).toContain(`${want.type === 'array' ? 'an array' : `a ${want.type}`}, not an object`);
    });
    expect(err.message).toMatch(new RegExp(`^${bad.length} lines are not a JSON object: line ${bad[0].line} \\(`));
  });

  it('skips them when asked, listing them in the report', async () => {
    const { table, report } = await loadNdjson(memorySource('bad.ndjson', text, 4), { malformed: 'skip' });
    const good = lines.filter((l) => l.type === 'object');
    expect(table.rowCount).toBe(good.length);
    expect(report.rows).toBe(good.length);
    expect(Array.from({ length: table.rowCount }, (_, r) => cellText(column(table, 'a'), r))).toEqual(good.map((l) => String(JSON.parse(l.text).a)));
    expect(report.skipped.count).toBe(bad.length);
    expect(report.skipped.rows.map((r) => r.line)).toEqual(bad.slice(0, 5).map((l) => l.line));
  });

  it('leaves no trace of a skipped line: its values and its new keys are dropped', async () => {
    const { table } = await loadNdjson(memorySource('bad.ndjson', '{"a": 1}\n{"a": 9, "z": 1,}\n{"a": 2}\n'), { malformed: 'skip' });
    expect(table.columns.map((c) => c.name)).toEqual(['a']);
    expect([0, 1].map((r) => cellText(column(table, 'a'), r))).toEqual(['1', '2']);
  });

  it('refuses a file of blank lines', async () => {
    expect((await rejection(loadNdjson(memorySource('blank.ndjson', '\n  \n\r\n')))).message).toMatch(/no records/);
  });
});
