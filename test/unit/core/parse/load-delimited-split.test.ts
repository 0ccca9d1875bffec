import { describe, expect, it } from 'vitest';
import { loadDelimited } from '../../../../src/core/parse/load-delimited.ts';
import { loadDelimitedSplit, type SegmentReader, type SplitOptions } from '../../../../src/core/parse/load-delimited-split.ts';
import { readSegment } from '../../../../src/core/parse/delimited-segment.ts';
import { bufferSource } from '../../../../src/core/parse/sources.ts';
import { SETTLE_PRESENT } from '../../../../src/core/parse/column-builder.ts';
import type { DataSource, LoadOptions, LoadProgress, LoadResult } from '../../../../src/core/parse/load-types.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** sfc32: the same rows on every run. */
function random(seed: number): () => number {
  let a = seed | 0;
  let b = 0x9e3779b9;
  let c = 0x243f6a88;
  let d = 0xb7e15162;
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

interface CsvShape {
  rows: number;
  eol?: string;
  bom?: boolean;
  /** Lines (0-based data rows) holding a quoted field with a line break in it. */
  quotedBreaks?: number[];
  /** Data rows with a missing field. */
  ragged?: number[];
  /** Blank lines before these data rows. */
  blanks?: number[];
  trailingNewline?: boolean;
}

const CATEGORIES = ['plain', '"Smith, ""J"""', 'Zürich €', ' padded ', 'NA', '"quoted"', 'tab\there'];
/** Categories that first appear late in the file, so the second part's dictionary has entries the first lacks. */
const LATE_CATEGORIES = ['late one', '"late, quoted"', 'Zürich €', 'ünïcode'];

/**
 * A CSV with every kind of column the builders treat differently: integers, floats with gaps, an integer
 * column that turns decimal late (widening), categories with quotes and new values late, boolean words,
 * dates, a sparse column (still young when the plan is made), a column misjudged as numbers (text later)
 * and one with a few invalid cells in both halves.
 */
function csv(shape: CsvShape): string {
  const eol = shape.eol ?? '\n';
  const rnd = random(7);
  const lines = ['id,x,n,cat,flag,when,sparse,mixed,bad,"note, quoted"'];
  for (let r = 0; r < shape.rows; r++) {
    const late = r > shape.rows * 0.6;
    const x = rnd() < 0.03 ? (rnd() < 0.5 ? '' : 'NA') : ((rnd() - 0.5) * 1000).toFixed(5);
    const n = late && rnd() < 0.01 ? (rnd() * 100).toFixed(2) : String(Math.floor(rnd() * 100));
    const cats = late && rnd() < 0.2 ? LATE_CATEGORIES : CATEGORIES;
    const cat = cats[Math.floor(rnd() * cats.length)];
    const flag = rnd() < 0.5 ? 'yes' : rnd() < 0.02 ? '' : 'no';
    const day = 1 + Math.floor(rnd() * 28);
    const when = `2024-0${1 + Math.floor(rnd() * 9)}-${String(day).padStart(2, '0')}`;
    const sparse = rnd() < 0.003 ? String(Math.floor(rnd() * 50)) : '';
    const mixed = r > shape.rows * 0.7 && rnd() < 0.5 ? `word${Math.floor(rnd() * 30)}` : (rnd() * 10).toFixed(1);
    const bad = r % 1500 === 7 ? `oops${r}` : String(Math.floor(rnd() * 1000));
    const note = shape.quotedBreaks?.includes(r) ? `"two${eol}lines"` : `"n ${r % 97}"`;
    const fields = [String(r), x, n, cat, flag, when, sparse, mixed, bad, note];
    if (shape.ragged?.includes(r)) fields.pop();
    if (shape.blanks?.includes(r)) lines.push('');
    lines.push(fields.join(','));
  }
  return (shape.bom ? '\uFEFF' : '') + lines.join(eol) + (shape.trailingNewline === false ? '' : eol);
}

/** Reads the part as another worker would: plan and result go through structured cloning. */
function inProcess(source: DataSource, calls: { count: number }): SegmentReader {
  return async (request, onProgress) => {
    calls.count++;
    const chunks = (source.streamRange as NonNullable<DataSource['streamRange']>)(request.start, request.end);
    return structuredClone(await readSegment(chunks, structuredClone(request.plan), onProgress));
  };
}

const SMALL: SplitOptions = { minBytes: 1 };

async function both(
  bytes: Uint8Array,
  opts: LoadOptions = {},
  split: SplitOptions = SMALL,
  chunkSize = 1 << 16,
): Promise<{ single: LoadResult; parts: LoadResult; calls: number }> {
  const calls = { count: 0 };
  const single = await loadDelimited(bufferSource('data.csv', bytes, chunkSize), opts);
  const source = bufferSource('data.csv', bytes, chunkSize);
  const parts = await loadDelimitedSplit(source, opts, inProcess(source, calls), split);
  return { single, parts, calls: calls.count };
}

async function errorOf(run: () => Promise<unknown>): Promise<UserError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}

describe('loadDelimitedSplit gives the same table and report as loadDelimited', () => {
  // Enough rows for the columns to settle before the cut (half-way); fewer where that does not matter.
  const ROWS = 2.4 * SETTLE_PRESENT;
  const FEW = 4000;

  it('on a file whose columns settle early (quotes, widening, late categories, invalid and misjudged cells)', async () => {
    const { single, parts, calls } = await both(enc(csv({ rows: ROWS })));
    expect(calls).toBe(1);
    expect(parts).toEqual(single);
    // The file does exercise what absorb merges.
    const types = Object.fromEntries(single.table.columns.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({ n: 'float', cat: 'categorical', flag: 'boolean', when: 'datetime', sparse: 'integer', mixed: 'categorical' });
    const bad = single.table.columns.find((c) => c.name === 'bad');
    expect(bad?.invalid?.examples.some((e) => e.row > ROWS / 2)).toBe(true);
    expect(bad?.invalid?.examples.some((e) => e.row < ROWS / 2)).toBe(true);
  });

  it('with CRLF line ends, a byte-order mark, blank lines, small chunks and no final line end', async () => {
    const text = csv({ rows: ROWS, eol: '\r\n', bom: true, blanks: [5, ROWS / 2, ROWS - 3], trailingNewline: false });
    const { single, parts, calls } = await both(enc(text), {}, SMALL, 4093);
    expect(calls).toBe(1);
    expect(parts).toEqual(single);
  });

  it('with types chosen by the user', async () => {
    const opts: LoadOptions = { types: { n: 'integer', x: 'categorical', flag: 'boolean', bad: 'float', id: 'text' } };
    const { single, parts } = await both(enc(csv({ rows: ROWS })), opts);
    expect(parts).toEqual(single);
  });

  it('when columns are still young at the cut (their cells are added one by one)', async () => {
    // A plan made right after the header: every column is raw.
    const { single, parts, calls } = await both(enc(csv({ rows: FEW })), {}, { minBytes: 1, planBytes: 0 });
    expect(calls).toBe(1);
    expect(parts).toEqual(single);
  });

  it('when the cut is early or late in the file', async () => {
    const bytes = enc(csv({ rows: ROWS }));
    for (const at of [0.3, 0.8]) {
      const { single, parts, calls } = await both(bytes, {}, { minBytes: 1, at, planBytes: 0 });
      expect(calls).toBe(1);
      expect(parts).toEqual(single);
    }
  });

  it('skipping ragged rows on both sides of the cut, with their line numbers', async () => {
    const text = csv({ rows: ROWS, ragged: [3, ROWS / 2 + 10, ROWS - 2], quotedBreaks: [], blanks: [ROWS / 2 + 5] });
    const { single, parts } = await both(enc(text), { malformed: 'skip' });
    expect(single.report.skipped.count).toBe(3);
    expect(parts).toEqual(single);
  });

  it('stopping on ragged rows with the same error', async () => {
    const bytes = enc(csv({ rows: ROWS, ragged: [ROWS / 2 + 10, ROWS - 2] }));
    const calls = { count: 0 };
    const source = bufferSource('data.csv', bytes, 1 << 16);
    const single = await errorOf(() => loadDelimited(bufferSource('data.csv', bytes), {}));
    const parts = await errorOf(() => loadDelimitedSplit(source, {}, inProcess(source, calls), SMALL));
    expect(calls.count).toBe(1);
    expect(parts.message).toBe(single.message);
    expect(parts.details).toEqual(single.details);
  });

  it('reads the rest itself when the cut falls inside a quoted field with a line break', async () => {
    const row = Math.floor(ROWS / 2);
    const text = csv({ rows: ROWS, quotedBreaks: [row] });
    const bytes = enc(text);
    // Aim just before that field's line break: the first line end after the aim is inside the quotes.
    const at = (text.indexOf('"two\nlines"') + 2) / bytes.length;
    const { single, parts, calls } = await both(bytes, {}, { minBytes: 1, at, planBytes: 0 });
    expect(calls).toBe(1);
    expect(parts).toEqual(single);
  });

  it('does not cut when quoted fields in the head hold line breaks', async () => {
    const { single, parts, calls } = await both(enc(csv({ rows: FEW, quotedBreaks: [2, FEW - 5] })));
    expect(calls).toBe(0);
    expect(parts).toEqual(single);
  });

  it('reads the rest itself when the other part fails', async () => {
    const bytes = enc(csv({ rows: FEW }));
    const source = bufferSource('data.csv', bytes, 1 << 14);
    const single = await loadDelimited(bufferSource('data.csv', bytes), {});
    let calls = 0;
    const failing: SegmentReader = () => {
      calls++;
      return Promise.reject(new Error('worker crashed'));
    };
    expect(await loadDelimitedSplit(source, {}, failing, SMALL)).toEqual(single);
    expect(calls).toBe(1);
  });

  it('reports progress up to the whole file and every row', async () => {
    const bytes = enc(csv({ rows: FEW }));
    const seen: LoadProgress[] = [];
    const source = bufferSource('data.csv', bytes, 1 << 14);
    const calls = { count: 0 };
    await loadDelimitedSplit(source, { onProgress: (p) => seen.push(p) }, inProcess(source, calls), SMALL);
    expect(calls.count).toBe(1);
    expect(seen.at(-1)).toEqual({ bytes: bytes.length, totalBytes: bytes.length, rows: FEW });
    for (let i = 1; i < seen.length; i++) expect(seen[i].bytes).toBeGreaterThanOrEqual(seen[i - 1].bytes);
  });

  it('stops when cancelled while the other part is read', async () => {
    const bytes = enc(csv({ rows: FEW }));
    const source = bufferSource('data.csv', bytes, 1 << 14);
    const controller = new AbortController();
    let calls = 0;
    const never: SegmentReader = () => {
      calls++;
      controller.abort();
      return new Promise(() => {});
    };
    const err = await errorOf(() => loadDelimitedSplit(source, { signal: controller.signal }, never, SMALL));
    expect(err.message).toBe('Loading was cancelled.');
    expect(calls).toBe(1);
  });

  it('reads small files and sources without ranges in one piece', async () => {
    const bytes = enc(csv({ rows: 100 }));
    const calls = { count: 0 };
    const source = bufferSource('data.csv', bytes);
    expect(await loadDelimitedSplit(source, {}, inProcess(source, calls))).toEqual(await loadDelimited(bufferSource('data.csv', bytes)));
    const { streamRange: _ignored, ...plain } = bufferSource('data.csv', bytes);
    expect(await loadDelimitedSplit(plain, {}, inProcess(source, calls), SMALL)).toEqual(await loadDelimited(bufferSource('data.csv', bytes)));
    expect(calls.count).toBe(0);
  });
});

describe('loadDelimitedSplit and text encodings', () => {
  /** ASCII rows, then rows whose `city` holds `late` (bytes) from `from` on. */
  function encoded(rows: number, late: (r: number) => number[] | null): Uint8Array {
    const out: number[] = [...enc('id,city,v\n')];
    for (let r = 0; r < rows; r++) {
      out.push(...enc(`${r},`));
      out.push(...(late(r) ?? enc(`town${r % 7}`)));
      out.push(...enc(`,${r % 13}.5\n`));
    }
    return new Uint8Array(out);
  }
  const ROWS = 2.4 * SETTLE_PRESENT;
  const EARLY_PLAN: SplitOptions = { minBytes: 1, planBytes: 0 };
  const utf8 = [...enc('Zürich')];
  const latin1 = [0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68]; // Zürich in Latin-1

  it('an ASCII head with UTF-8 values only after the cut', async () => {
    const { single, parts } = await both(encoded(ROWS, (r) => (r > ROWS * 0.8 && r % 3 === 0 ? utf8 : null)));
    expect(single.report.encoding).toBe('utf-8');
    expect(parts).toEqual(single);
  });

  it('an ASCII head with Latin-1 values only after the cut', async () => {
    const { single, parts } = await both(encoded(ROWS, (r) => (r > ROWS * 0.8 && r % 3 === 0 ? latin1 : null)));
    expect(single.report.encoding).toBe('latin-1');
    expect(parts).toEqual(single);
  });

  it('UTF-8 decided in the head after the plan, Latin-1 first met after the cut (the parts disagree)', async () => {
    const bytes = encoded(ROWS, (r) => (r === ROWS * 0.3 ? utf8 : r > ROWS * 0.8 && r % 3 === 0 ? latin1 : null));
    const { single, parts } = await both(bytes, {}, EARLY_PLAN);
    expect(single.report.encoding).toBe('utf-8');
    expect(single.report.fallbackDecoded).toBe(1);
    expect(parts).toEqual(single);
  });

  it('UTF-8 in both parts, with invalid bytes after the cut read as Windows-1252', async () => {
    const bytes = encoded(ROWS, (r) => (r === ROWS * 0.3 || r === ROWS * 0.7 ? utf8 : r > ROWS * 0.8 && r % 3 === 0 ? latin1 : null));
    const { single, parts } = await both(bytes, {}, EARLY_PLAN);
    expect(single.report.fallbackDecoded).toBe(1);
    expect(parts).toEqual(single);
  });
});
