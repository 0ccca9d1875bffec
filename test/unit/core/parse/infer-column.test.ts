import { describe, expect, it } from 'vitest';
import { inferColumn, inferColumnWithType, parseIsoDate } from '../../../../src/core/parse/infer-column.ts';
import type { Column } from '../../../../src/core/table/table.ts';

function values(c: Column): number[] {
  if (c.kind !== 'numeric') throw new Error('expected a numeric column');
  return Array.from(c.values);
}

describe('inferColumn', () => {
  it('reads integers, with every missing token as NaN', () => {
    const c = inferColumn('n', ['1', ' -2 ', '', 'NA', 'n/a', 'NULL', 'nan', 'None', null, '+7']);
    expect(c.type).toBe('integer');
    expect(values(c)).toEqual([1, -2, NaN, NaN, NaN, NaN, NaN, NaN, NaN, 7]);
  });

  it('reads floats, exponents and infinities', () => {
    const c = inferColumn('x', ['1e3', '-0.5', '.25', '5.', 'Infinity', '-Infinity', 'inf', '-INF', '2']);
    expect(c.type).toBe('float');
    expect(values(c)).toEqual([1000, -0.5, 0.25, 5, Infinity, -Infinity, Infinity, -Infinity, 2]);
  });

  it('does not take hex, words or thousands separators for numbers', () => {
    expect(inferColumn('a', ['0x10', '1']).type).toBe('categorical');
    expect(inferColumn('a', ['0b1', '1']).type).toBe('categorical');
    expect(inferColumn('a', ['1.0', '2']).type).toBe('float');
    expect(inferColumn('a', ['1,000', '2']).type).toBe('categorical');
  });

  it('keeps integers beyond 2^53 exact by reading them as floats', () => {
    expect(inferColumn('a', ['9007199254740993', '1']).type).toBe('float');
  });

  it('reads true/false and yes/no as 1/0, in any case', () => {
    const c = inferColumn('b', ['true', 'FALSE', 'True', '', 'false']);
    expect(c.type).toBe('boolean');
    expect(values(c)).toEqual([1, 0, 1, NaN, 0]);
    expect(values(inferColumn('b', ['yes', 'No', 'YES']))).toEqual([1, 0, 1]);
    // Mixing vocabularies is not one boolean.
    expect(inferColumn('b', ['yes', 'false']).type).toBe('categorical');
    // 0/1 stays integer.
    expect(inferColumn('b', ['0', '1']).type).toBe('integer');
  });

  it('reads ISO dates and date-times as UTC milliseconds', () => {
    const c = inferColumn('d', ['2024-02-29', '2024-03-01T12:30:00Z', '2024-03-01 12:30', 'NA', '2024-03-01T12:30:00.250+02:00']);
    expect(c.type).toBe('datetime');
    expect(values(c)).toEqual([
      Date.UTC(2024, 1, 29),
      Date.UTC(2024, 2, 1, 12, 30),
      Date.UTC(2024, 2, 1, 12, 30),
      NaN,
      Date.UTC(2024, 2, 1, 10, 30, 0, 250),
    ]);
  });

  it('rejects impossible dates', () => {
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('2024-13-01')).toBeNull();
    expect(parseIsoDate('2024-01-01T24:00')).toBeNull();
    expect(parseIsoDate('0050-01-01')).toBe(new Date('0050-01-01T00:00:00Z').getTime());
    expect(inferColumn('d', ['2023-02-29', '2023-03-01']).type).toBe('categorical');
  });

  it('codes categories in order of first appearance, missing as -1', () => {
    const c = inferColumn('c', ['b', 'a', 'b', 'NA', 'c']);
    expect(c.kind).toBe('coded');
    if (c.kind !== 'coded') return;
    expect(c.type).toBe('categorical');
    expect(c.dictionary).toEqual(['b', 'a', 'c']);
    expect(Array.from(c.codes)).toEqual([0, 1, 0, -1, 2]);
  });

  it('calls all-distinct short codes with more than 20 rows an identifier', () => {
    const ids = Array.from({ length: 21 }, (_, i) => `u-${i}x`);
    expect(inferColumn('id', ids).type).toBe('identifier');
    expect(inferColumn('id', ids.slice(0, 20)).type).toBe('categorical');
  });

  it('calls long, mostly distinct values free text', () => {
    const text = Array.from({ length: 30 }, (_, i) => `This is a longer sentence number ${i % 20} of prose`);
    expect(inferColumn('t', text).type).toBe('text');
  });

  it('calls more than 1000 distinct values text, too many to be categories', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `k${i % 1500}`);
    expect(inferColumn('k', many).type).toBe('text');
  });

  it('makes an all-missing column a float column of NaN', () => {
    const c = inferColumn('e', ['', 'NA', null]);
    expect(c.type).toBe('float');
    expect(values(c)).toEqual([NaN, NaN, NaN]);
  });

  it('reads texts as a chosen type, counting the ones that fail', () => {
    const c = inferColumn('n', ['1', 'two', '3', null], 'integer');
    expect(c.type).toBe('integer');
    expect(values(c)).toEqual([1, NaN, 3, NaN]);
    expect(c.invalid).toEqual({ count: 1, examples: [{ row: 1, text: 'two' }] });
  });

  it('says which type inference chose, also under a chosen type', () => {
    expect(inferColumnWithType('n', ['1', '2']).inferred).toBe('integer');
    const forced = inferColumnWithType('n', ['1', '2.5'], 'text');
    expect(forced.column.type).toBe('text');
    expect(forced.inferred).toBe('float');
  });

  it('reads a long column that turns to text after settling as text, every value kept', () => {
    const raw = [...Array.from({ length: 10_000 }, (_, i) => String(i)), ...Array.from({ length: 2000 }, (_, i) => `id-${i}`)];
    const c = inferColumn('k', raw);
    expect(c.kind).toBe('coded');
    if (c.kind !== 'coded') return;
    expect(c.invalid).toBeUndefined();
    expect(raw.every((t, i) => c.dictionary[c.codes[i]] === t)).toBe(true);
  });
});
