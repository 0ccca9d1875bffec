import { describe, expect, it } from 'vitest';
import { ColumnBuilder, INVALID_EXAMPLES, SETTLE_PRESENT, type BuiltColumn } from '../../../../src/core/parse/column-builder.ts';
import { ValueDecoder } from '../../../../src/core/parse/text-decoding.ts';
import { cellText, type Column, type ColumnType } from '../../../../src/core/table/table.ts';

const enc = new TextEncoder();

function build(texts: (string | null)[], options: { type?: ColumnType; codedOnly?: boolean } = {}): BuiltColumn & { misjudged: boolean } {
  const b = new ColumnBuilder('x', new ValueDecoder('utf-8'), options);
  for (const t of texts) {
    const bytes = enc.encode(t ?? '');
    b.add(bytes, 0, bytes.length);
  }
  const built = b.finish() as BuiltColumn;
  return { ...built, misjudged: b.misjudged };
}

const numbers = (c: Column): number[] => (c.kind === 'numeric' ? Array.from(c.values) : []);
const MISSING = /^\s*(|na|n\/a|null|nan|none)\s*$/i;

/**
 * The loader's promise: each present text either reads as the column's type (checked with `reads`) or is
 * counted as invalid, missing in the table, with the first INVALID_EXAMPLES kept in row order.
 */
function expectAccounted(texts: string[], column: Column, reads: (text: string, cell: string | null) => boolean): void {
  const failed: { row: number; text: string }[] = [];
  const wrong: string[] = [];
  texts.forEach((text, row) => {
    const cell = cellText(column, row);
    if (MISSING.test(text)) {
      if (cell !== null) wrong.push(`row ${row}: ${JSON.stringify(text)} should be missing`);
    } else if (cell === null) failed.push({ row, text });
    else if (!reads(text, cell)) wrong.push(`row ${row}: ${JSON.stringify(text)} read as ${cell}`);
  });
  expect(wrong.slice(0, 5)).toEqual([]);
  expect(column.invalid?.count ?? 0).toBe(failed.length);
  expect(column.invalid?.examples ?? []).toEqual(failed.slice(0, INVALID_EXAMPLES));
}

const asNumber = (text: string, cell: string | null): boolean => Number(cell) === Number(text.trim());

describe('ColumnBuilder: small columns (never settled) use whole-column inference', () => {
  it('widens integer to float, and becomes coded on any non-number, with the texts exactly as written', () => {
    expect(build(['1', '2', '3']).column.type).toBe('integer');
    expect(build(['1', '2.5', '3']).column.type).toBe('float');
    const texts = ['1.50', '+3', ' 7 ', '007', '1e3', '-0', 'abc', '', 'NA'];
    const { column } = build(texts);
    expect(column.kind).toBe('coded');
    if (column.kind !== 'coded') return;
    expect(column.dictionary).toEqual(['1.50', '+3', ' 7 ', '007', '1e3', '-0', 'abc']);
    expect(Array.from(column.codes)).toEqual([0, 1, 2, 3, 4, 5, 6, -1, -1]);
  });

  it('treats a single junk value in a small column as text, as before', () => {
    const texts = Array.from({ length: 500 }, (_, i) => String(i));
    texts[250] = '?';
    expect(build(texts).column.kind).toBe('coded');
  });

  it('reads an all-missing column as float of NaN', () => {
    const { column, inferred } = build(['', 'NA', ' null ', null]);
    expect(column.type).toBe('float');
    expect(inferred).toBe('float');
    expect(numbers(column).every(Number.isNaN)).toBe(true);
  });

  it('judges texts with non-ASCII edges as strings (Unicode spaces around a token)', () => {
    const { column } = build(['1', ' NA\u00a0', '\u00a02', '3']);
    expect(column.type).toBe('integer');
    expect(numbers(column)).toEqual([1, NaN, 2, 3]);
  });
});

describe('ColumnBuilder: the settling rule', () => {
  const ints = (n: number): string[] => Array.from({ length: n }, (_, i) => String((i * 7919) % 1000));

  it('keeps a type that at most 5% of the first cells fail, counting those as invalid', () => {
    const texts = ints(SETTLE_PRESENT + 5000);
    // 4% junk among the first SETTLE_PRESENT cells, and more junk after settling.
    for (let i = 3; i < SETTLE_PRESENT; i += 25) texts[i] = `bad${i}`;
    texts[SETTLE_PRESENT + 10] = 'n.a.';
    const { column, inferred, misjudged } = build(texts);
    expect(column.type).toBe('integer');
    expect(inferred).toBe('integer');
    expect(misjudged).toBe(false);
    expectAccounted(texts, column, asNumber);
    expect(column.invalid?.count).toBe(SETTLE_PRESENT / 25 + 1);
  });

  it('makes a column with over 5% non-numbers among the first cells coded', () => {
    const texts = ints(SETTLE_PRESENT + 100);
    for (let i = 0; i < SETTLE_PRESENT; i += 16) texts[i] = `w${i % 40}`;
    const { column } = build(texts);
    expect(column.kind).toBe('coded');
    expect(column.invalid).toBeUndefined();
    texts.forEach((t, row) => {
      if (cellText(column, row) !== t) throw new Error(`row ${row}: ${cellText(column, row)} instead of ${t}`);
    });
  });

  it('widens a settled integer column to float rather than fail a decimal', () => {
    const texts = ints(SETTLE_PRESENT + 10);
    texts.push('2.5', '1e-3', '7');
    const { column, inferred } = build(texts);
    expect(column.type).toBe('float');
    expect(inferred).toBe('float');
    expect(column.invalid).toBeUndefined();
    expect(numbers(column).slice(-3)).toEqual([2.5, 0.001, 7]);
  });

  it('settles booleans with one vocabulary, and datetimes, counting the rest as invalid', () => {
    const bools: string[] = Array.from({ length: SETTLE_PRESENT + 50 }, (_, i) => (i % 3 === 0 ? 'Yes' : 'no'));
    bools[17] = 'true';
    bools[SETTLE_PRESENT + 3] = 'maybe';
    const b = build(bools);
    expect(b.column.type).toBe('boolean');
    expectAccounted(bools, b.column, (t, cell) => (t.toLowerCase() === 'yes') === (cell === 'true'));
    expect(b.column.invalid?.examples.map((e) => e.text)).toEqual(['true', 'maybe']);

    const day = 86_400_000;
    const dates = Array.from({ length: SETTLE_PRESENT + 20 }, (_, i) => new Date(Date.UTC(2020, 0, 1) + i * day).toISOString().slice(0, 10));
    dates[SETTLE_PRESENT + 5] = '2021-02-30';
    const d = build(dates);
    expect(d.column.type).toBe('datetime');
    expectAccounted(dates, d.column, (t, cell) => cell === t);
  });

  it('flags a settled column that later cells fail by over 5% as misjudged', () => {
    const texts = ints(SETTLE_PRESENT);
    for (let i = 0; i < 1000; i++) texts.push(`code-${i}`);
    const first = build(texts);
    expect(first.column.type).toBe('integer');
    expect(first.misjudged).toBe(true);
    // Every text is still accounted for, even in the misjudged column.
    expectAccounted(texts, first.column, asNumber);
    // Read again as text, every value is kept as written.
    const again = build(texts, { codedOnly: true });
    expect(again.column.kind).toBe('coded');
    expect(again.inferred).toBe(again.column.type);
    expect(texts.every((t, row) => cellText(again.column, row) === t)).toBe(true);
  });

  it('never alters or drops a value: random mixes are either read exactly or counted', () => {
    let seed = 5;
    const rnd = (): number => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
    for (const junkShare of [0, 0.01, 0.04, 0.2]) {
      const texts: string[] = [];
      for (let i = 0; i < 25_000; i++) {
        const r = rnd();
        if (r < 0.05) texts.push(['', 'NA', 'null', ' ', 'NaN'][i % 5]);
        else if (r < 0.05 + junkShare) texts.push(['x', '1,5', '0x1F', '--', '1.2.3', 'inf?'][i % 6]);
        else texts.push((rnd() * 2000 - 1000).toFixed(i % 4));
      }
      const { column } = build(texts);
      if (column.kind === 'coded') {
        expect(junkShare).toBeGreaterThan(0.05);
        expectAccounted(texts, column, (t, cell) => cell === t);
      } else {
        expectAccounted(texts, column, asNumber);
      }
    }
  });
});

describe('ColumnBuilder: types chosen by the user', () => {
  it('forces integer: decimals and words fail, integral values pass', () => {
    const { column, inferred } = build(['1', '2.5', '3.0', 'x', '', '-4', 'Infinity'], { type: 'integer' });
    expect(column.type).toBe('integer');
    expect(inferred).toBe('categorical');
    expect(numbers(column)).toEqual([1, NaN, 3, NaN, NaN, -4, NaN]);
    expect(column.invalid).toEqual({ count: 3, examples: [{ row: 1, text: '2.5' }, { row: 3, text: 'x' }, { row: 6, text: 'Infinity' }] });
  });

  it('forces integer on a settled column too', () => {
    const texts = Array.from({ length: SETTLE_PRESENT + 3 }, (_, i) => String(i));
    texts.push('4.5');
    const { column, inferred } = build(texts, { type: 'integer' });
    expect(column.type).toBe('integer');
    expect(inferred).toBe('integer');
    expect(column.invalid).toEqual({ count: 1, examples: [{ row: SETTLE_PRESENT + 3, text: '4.5' }] });
  });

  it('forces float, boolean (words and 0/1) and datetime', () => {
    const f = build(['1', 'x', '2.5'], { type: 'float' });
    expect(numbers(f.column)).toEqual([1, NaN, 2.5]);
    expect(f.column.invalid?.count).toBe(1);

    const b = build(['yes', 'FALSE', '0', '1', '2', 'no'], { type: 'boolean' });
    expect(b.column.type).toBe('boolean');
    expect(numbers(b.column)).toEqual([1, 0, 0, 1, NaN, 0]);
    expect(b.column.invalid?.examples).toEqual([{ row: 4, text: '2' }]);
    expect(b.inferred).toBe('categorical');

    const d = build(['2024-01-02', 'soon', '2024-01-03T10:00Z'], { type: 'datetime' });
    expect(numbers(d.column)).toEqual([Date.UTC(2024, 0, 2), NaN, Date.UTC(2024, 0, 3, 10)]);
    expect(d.column.invalid?.examples).toEqual([{ row: 1, text: 'soon' }]);
  });

  it('forces categorical, text or identifier on numbers, keeping every text as written', () => {
    for (const type of ['categorical', 'text', 'identifier'] as const) {
      const { column, inferred } = build(['1.50', '+3', '1.50', 'NA', ' 7'], { type });
      expect(column.type).toBe(type);
      expect(inferred).toBe('float');
      if (column.kind !== 'coded') throw new Error('coded expected');
      expect(column.dictionary).toEqual(['1.50', '+3', ' 7']);
      expect(Array.from(column.codes)).toEqual([0, 1, 0, -1, 2]);
      expect(column.invalid).toBeUndefined();
    }
  });

  it('keeps at most INVALID_EXAMPLES examples but counts every failure', () => {
    const texts = Array.from({ length: 100 }, (_, i) => (i % 2 ? `w${i}` : String(i)));
    const { column } = build(texts, { type: 'float' });
    expect(column.invalid?.count).toBe(50);
    expect(column.invalid?.examples.length).toBe(INVALID_EXAMPLES);
    expect(column.invalid?.examples[0]).toEqual({ row: 1, text: 'w1' });
  });
});
