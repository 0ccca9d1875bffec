import { describe, expect, it } from 'vitest';
import { loadDelimited } from '../../../../src/core/parse/load-delimited.ts';
import { DelimitedLoader } from '../../../../src/core/parse/delimited-loader.ts';
import { bufferSource } from '../../../../src/core/parse/sources.ts';
import { SETTLE_PRESENT } from '../../../../src/core/parse/column-builder.ts';
import { MALFORMED, type LoadOptions, type LoadProgress, type LoadResult, type MalformedDetails } from '../../../../src/core/parse/load-types.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import { cellText, getColumn, headRows, type Column, type Table } from '../../../../src/core/table/table.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytesOf = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...enc(p)] : p)));

const load = (bytes: Uint8Array, opts: LoadOptions = {}, chunkSize?: number): Promise<LoadResult> =>
  loadDelimited(bufferSource('data.csv', bytes, chunkSize), opts);

async function loadError(bytes: Uint8Array, opts: LoadOptions = {}, chunkSize?: number): Promise<UserError> {
  try {
    await load(bytes, opts, chunkSize);
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}

/** Table contents as plain data, to compare loads. */
function dump(t: Table): unknown {
  return {
    rowCount: t.rowCount,
    columns: t.columns.map((c) =>
      c.kind === 'numeric'
        ? { name: c.name, type: c.type, values: Array.from(c.values), invalid: c.invalid }
        : { name: c.name, type: c.type, codes: Array.from(c.codes), dictionary: c.dictionary, invalid: c.invalid },
    ),
  };
}

const col = (t: Table, name: string): Column => {
  const c = getColumn(t, name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
};
const texts = (t: Table, name: string): (string | null)[] => Array.from({ length: t.rowCount }, (_, r) => cellText(col(t, name), r));

describe('loadDelimited: scanning', () => {
  const tricky =
    '\uFEFFid,"na,me",value,when,flag\r\n' +
    '1,"Smith, ""J""",1.5,2024-01-02,yes\r\n' +
    '2,"two\r\nlines",-2,2024-01-03T04:05:06Z,no\r\n' +
    '\r\n' +
    '3,Zürich €,NA,,YES\n' +
    '4,"東京 😀",1e3,2024-02-29,no';

  it('reads quotes, embedded newlines and delimiters, CRLF, a BOM and blank lines', async () => {
    const { table, report } = await load(enc(tricky));
    expect(table.rowCount).toBe(4);
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'integer'],
      ['na,me', 'categorical'],
      ['value', 'float'],
      ['when', 'datetime'],
      ['flag', 'boolean'],
    ]);
    expect(headRows(table, 4)).toEqual([
      ['1', 'Smith, "J"', '1.5', '2024-01-02', 'true'],
      ['2', 'two\r\nlines', '-2', '2024-01-03T04:05:06.000Z', 'false'],
      ['3', 'Zürich €', null, null, 'true'],
      ['4', '東京 😀', '1000', '2024-02-29', 'false'],
    ]);
    expect(report).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', rows: 4, skipped: { count: 0, rows: [] } });
    expect(report.inferredTypes).toEqual({ id: 'integer', 'na,me': 'categorical', value: 'float', when: 'datetime', flag: 'boolean' });
  });

  it('gives identical tables for chunk sizes 1, 2, 3, 7 and whole', async () => {
    const files = [enc(tricky), enc('a;b\r\n"x;""y"";\r\n";2\r\n'), bytesOf('n,t\n1,caf', [0xe9], '\n2,"', [0xe0], '"\n')];
    for (const bytes of files) {
      const whole = dump((await load(bytes)).table);
      for (const size of [1, 2, 3, 7]) expect(dump((await load(bytes, {}, size)).table)).toEqual(whole);
    }
  });

  it('gives identical tables for any chunking of a large file whose types settle', async () => {
    const lines = ['i,f,c,q'];
    for (let r = 0; r < SETTLE_PRESENT + 2000; r++) lines.push(`${r},${(r * 0.37).toFixed(2)},c${r % 7},"q${r % 3},""x"""`);
    lines[SETTLE_PRESENT + 100] = `oops,1.5e3,,"new\nline"`;
    const bytes = enc(lines.join('\n'));
    const whole = dump((await load(bytes)).table);
    for (const size of [1000, 4096, 65_536, 65_537, 300_000]) expect(dump((await load(bytes, {}, size)).table)).toEqual(whole);
    const { table } = await load(bytes);
    expect(col(table, 'i').invalid).toEqual({ count: 1, examples: [{ row: SETTLE_PRESENT + 99, text: 'oops' }] });
    expect(cellText(col(table, 'f'), SETTLE_PRESENT + 99)).toBe('1500');
    expect(cellText(col(table, 'q'), 0)).toBe('q0,"x"');
  });

  it('sniffs the delimiter from the start, or takes the one given', async () => {
    expect((await load(enc('a\tb\n1\t2\n'))).report.delimiter).toBe('\t');
    expect((await load(enc('a;b\n1,5;2\n'))).report.delimiter).toBe(';');
    const given = await load(enc('a;b\n1;2\n'), { delimiter: ',' });
    expect(given.table.columns.map((c) => c.name)).toEqual(['a;b']);
    await expect(load(enc('a,b\n'), { delimiter: '€' })).rejects.toThrow(/one ASCII character/);
    expect((await load(enc('a|b\n1|2\n'), { delimiter: '' })).report.delimiter).toBe('|');
  });

  it('reads every number exactly as Number() does, whether plain, exponent or long', async () => {
    let seed = 11;
    const rnd = (): number => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
    const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
    const cells: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const body = digits(1 + Math.floor(rnd() * 9)) + (rnd() < 0.8 ? '.' + digits(Math.floor(rnd() * 12)) : '');
      const exponent = rnd() < 0.15 ? `e${rnd() < 0.5 ? '-' : ''}${Math.floor(rnd() * 30)}` : '';
      cells.push((rnd() < 0.3 ? '-' : '') + body + exponent);
    }
    const { table } = await load(enc('x\n' + cells.join('\n')), {}, 4096);
    const x = col(table, 'x');
    if (x.kind !== 'numeric') throw new Error('numeric expected');
    expect(x.type).toBe('float');
    const wrong = cells.filter((t, i) => !Object.is(x.values[i], Number(t)));
    expect(wrong).toEqual([]);
  });
});

describe('loadDelimited: encodings', () => {
  it('detects Latin-1 (0xE9 for é) and decodes it as Windows-1252', async () => {
    const { table, report } = await load(bytesOf('name,price\ncaf', [0xe9], ',', [0x80], '5\nna', [0xef], 've,3\n'));
    expect(report.encoding).toBe('latin-1');
    expect(texts(table, 'name')).toEqual(['café', 'naïve']);
    expect(texts(table, 'price')).toEqual(['€5', '3']);
  });

  it('calls a file UTF-8 when its non-ASCII bytes are valid UTF-8, and when it is all ASCII', async () => {
    expect((await load(enc('name\ncafé\n'))).report.encoding).toBe('utf-8');
    expect((await load(enc('a,b\n1,2\n'))).report.encoding).toBe('utf-8');
  });

  it('decides from later rows when the first 64 KiB are ASCII', async () => {
    const head = 'name,n\n' + 'plain,1\n'.repeat(10_000);
    const latin = await load(bytesOf(head, 'caf', [0xe9], ',2\n'));
    expect(latin.report.encoding).toBe('latin-1');
    expect(cellText(col(latin.table, 'name'), 10_000)).toBe('café');
    const utf = await load(enc(head + 'café,2\n'));
    expect(utf.report.encoding).toBe('utf-8');
    expect(cellText(col(utf.table, 'name'), 10_000)).toBe('café');
  });

  it('follows an encoding given by the user', async () => {
    const utf8Bytes = enc('name\ncafé\n');
    const asLatin = await load(utf8Bytes, { encoding: 'latin-1' });
    expect(asLatin.report.encoding).toBe('latin-1');
    expect(texts(asLatin.table, 'name')).toEqual(['cafÃ©']);
    // A Latin-1 file declared UTF-8: the bad values are read as Windows-1252 and counted, not mangled.
    const asUtf = await load(bytesOf('name\ncaf', [0xe9], '\nok\n'), { encoding: 'utf-8' });
    expect(asUtf.report.encoding).toBe('utf-8');
    expect(texts(asUtf.table, 'name')).toEqual(['café', 'ok']);
    expect(asUtf.report.fallbackDecoded).toBe(1);
  });
});

describe('loadDelimited: malformed input', () => {
  const ragged = ['a,b,c', '1,2,3', '1,2,3,4', '1,2,3', '1', '"x\ny",2,3', '1,2', '1,2,3', '4,5'].join('\n') + '\n';

  it('stops on rows with the wrong number of fields, naming lines and the count over the whole file', async () => {
    const err = await loadError(enc(ragged), {}, 5);
    expect(err.message).toBe(
      '4 rows have the wrong number of fields: line 3 has 4 fields, line 5 has 1 field, line 8 has 2 fields, line 10 has 2 fields (expected 3, from the header).',
    );
    expect(err.details).toEqual({
      kind: MALFORMED,
      count: 4,
      rows: [
        { line: 3, reason: 'has 4 fields, expected 3' },
        { line: 5, reason: 'has 1 field, expected 3' },
        { line: 8, reason: 'has 2 fields, expected 3' },
        { line: 10, reason: 'has 2 fields, expected 3' },
      ],
      skippable: true,
    } satisfies MalformedDetails);
    expect(err.hint).toMatch(/skipped/);
  });

  it('names the first five and counts the rest', async () => {
    const lines = ['a,b', ...Array.from({ length: 30 }, (_, i) => (i % 2 ? '1,2' : '1'))];
    const err = await loadError(enc(lines.join('\n')));
    expect(err.message).toMatch(/^15 rows have .*line 10 has 1 field, and 10 more \(expected 2/);
    const details = err.details as unknown as MalformedDetails;
    expect(details.count).toBe(15);
    expect(details.rows.length).toBe(15);
  });

  it('skips them when asked, and reports them', async () => {
    const { table, report } = await load(enc(ragged), { malformed: 'skip' });
    expect(table.rowCount).toBe(4);
    expect(texts(table, 'a')).toEqual(['1', '1', 'x\ny', '1']);
    expect(report.rows).toBe(4);
    expect(report.skipped.count).toBe(4);
    expect(report.skipped.rows.map((r) => r.line)).toEqual([3, 5, 8, 10]);
  });

  it('says when every row was malformed', async () => {
    const err = await loadError(enc('a,b,c\n1,2\n3,4\n'), { malformed: 'skip' });
    expect(err.message).toMatch(/Every data row has the wrong number of fields \(2 rows; expected 3/);
  });

  it('reports an unterminated quote with the line where it opened, not skippable', async () => {
    const err = await loadError(enc('a,b\n1,2\n3,"oops\n4,5\n'), { malformed: 'skip' }, 3);
    expect(err.message).toMatch(/starts on line 3 is never closed/);
    expect((err.details as unknown as MalformedDetails).skippable).toBe(false);
  });

  it('rejects binary files', async () => {
    expect((await loadError(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14, 0]))).message).toMatch(/does not look like a text or CSV file/);
    const garbage = new Uint8Array(100_000).map((_, i) => (i * 2654435761) >>> 24);
    expect((await loadError(garbage, {}, 4096)).message).toMatch(/does not look like a text or CSV file/);
  });

  it('rejects empty files and headers without rows', async () => {
    expect((await loadError(new Uint8Array(0))).message).toBe('The file is empty.');
    expect((await loadError(enc('\n\r\n'))).message).toMatch(/empty: it has no header row/);
    expect((await loadError(bytesOf([0xef, 0xbb, 0xbf]), {}, 1)).message).toMatch(/empty: it has no header row/);
    expect((await loadError(enc('a,b,c\r\n\r\n'))).message).toBe('The file has a header row but no data rows.');
  });
});

describe('loadDelimited: types', () => {
  it('reads a column as the type the user chose, counting failures, and reports what inference chose', async () => {
    const csv = 'id,score,when\n1,2.5,2024-01-01\n2,x,later\n3,4,2024-01-03\n';
    const { table, report } = await load(enc(csv), { types: { id: 'categorical', score: 'integer', when: 'datetime' } });
    expect(table.columns.map((c) => c.type)).toEqual(['categorical', 'integer', 'datetime']);
    expect(col(table, 'score').invalid).toEqual({ count: 2, examples: [{ row: 0, text: '2.5' }, { row: 1, text: 'x' }] });
    expect(col(table, 'when').invalid).toEqual({ count: 1, examples: [{ row: 1, text: 'later' }] });
    expect(texts(table, 'id')).toEqual(['1', '2', '3']);
    expect(report.inferredTypes).toEqual({ id: 'integer', score: 'categorical', when: 'categorical' });
  });

  it('rejects types for columns the file does not have', async () => {
    const err = await loadError(enc('a,b\n1,2\n'), { types: { c: 'float' } });
    expect(err.message).toMatch(/this file does not have: c/);
    expect(err.hint).toMatch(/a, b/);
  });

  it('reads a column that changes character after settling again, as text, with every value exact', async () => {
    const lines = ['id,code'];
    for (let r = 0; r < SETTLE_PRESENT + 3000; r++) lines.push(`${r},${r < SETTLE_PRESENT ? String(r % 500) : `A-${r}`}`);
    const bytes = enc(lines.join('\n'));
    const seen: LoadProgress[] = [];
    const { table, report } = await load(bytes, { onProgress: (p) => seen.push(p) }, 64 * 1024);
    const code = col(table, 'code');
    expect(code.kind).toBe('coded');
    expect(code.invalid).toBeUndefined();
    expect(report.inferredTypes.code).toBe(code.type);
    expect(col(table, 'id').type).toBe('integer');
    const expected = lines.slice(1).map((l) => l.split(',')[1]);
    expect(texts(table, 'code')).toEqual(expected);
    // Two passes over the source, each reported chunk by chunk.
    expect(seen.length).toBe(2 * Math.ceil(bytes.length / (64 * 1024)));
  });
});

describe('loadDelimited: progress and cancellation', () => {
  it('reports progress at most once per chunk, ending with every byte and row', async () => {
    const bytes = enc('a,b\n' + '1,2\n'.repeat(50_000));
    const seen: LoadProgress[] = [];
    await load(bytes, { onProgress: (p) => seen.push(p) }, 10_000);
    expect(seen.length).toBe(Math.ceil(bytes.length / 10_000));
    expect(seen.at(-1)).toEqual({ bytes: bytes.length, totalBytes: bytes.length, rows: 50_000 });
    expect(seen.every((p, i) => i === 0 || (p.bytes > seen[i - 1].bytes && p.rows >= seen[i - 1].rows))).toBe(true);
    expect(seen.some((p) => p.rows > 0 && p.rows < 50_000)).toBe(true);
  });

  it('stops between chunks once the signal is aborted', async () => {
    const controller = new AbortController();
    const bytes = enc('a,b\n' + '1,2\n'.repeat(50_000));
    let calls = 0;
    const run = load(bytes, { signal: controller.signal, onProgress: () => ++calls === 3 && controller.abort() }, 10_000);
    await expect(run).rejects.toThrow(new UserError('Loading was cancelled.'));
    expect(calls).toBe(3);
    const before = new AbortController();
    before.abort();
    await expect(load(bytes, { signal: before.signal })).rejects.toThrow('Loading was cancelled.');
  });
});

describe('DelimitedLoader', () => {
  it('runs synchronously over pushed chunks, copying what it keeps', () => {
    const loader = new DelimitedLoader();
    const chunk = new Uint8Array(4);
    for (const part of ['a,b\n', '1,2\n', '3,4\n']) {
      chunk.set(enc(part));
      loader.push(chunk); // the same buffer each time, overwritten
    }
    const { table } = loader.finish();
    expect(headRows(table, 2)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(loader.misjudged).toEqual([]);
  });
});
