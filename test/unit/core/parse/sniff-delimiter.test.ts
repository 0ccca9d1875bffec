import { describe, expect, it } from 'vitest';
import { sniffDelimiter } from '../../../../src/core/parse/sniff-delimiter.ts';

describe('sniffDelimiter', () => {
  it('finds each candidate', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n', true)).toBe(',');
    expect(sniffDelimiter('a;b;c\n1;2;3\n', true)).toBe(';');
    expect(sniffDelimiter('a\tb\n1\t2\n', true)).toBe('\t');
    expect(sniffDelimiter('a|b\n1|2\n', true)).toBe('|');
  });

  it('prefers the delimiter with consistent rows over one that appears in values', () => {
    // Decimal commas: splitting on ',' gives 1 field in the header, ';' gives 2 everywhere.
    expect(sniffDelimiter('price;qty\n1,5;2\n2,25;3\n', true)).toBe(';');
    // Semicolons inside a text column, but commas split every row into 3.
    expect(sniffDelimiter('a,b,c\n1,x;y,2\n3,z,4\n', true)).toBe(',');
  });

  it('ignores delimiters inside quotes', () => {
    expect(sniffDelimiter('name;city\n"Smith, J";"Paris, FR"\n"Lee, K";Oslo\n', true)).toBe(';');
  });

  it('reads bytes as well as text, whatever the encoding of the values', () => {
    expect(sniffDelimiter(new TextEncoder().encode('a;b\n1;2\n'), true)).toBe(';');
    expect(sniffDelimiter(new Uint8Array([0x61, 0x7c, 0x62, 0x0a, 0xe9, 0x7c, 0x31, 0x0a]), true)).toBe('|');
  });

  it('defaults to comma for a single column or empty text', () => {
    expect(sniffDelimiter('value\n1\n2\n', true)).toBe(',');
    expect(sniffDelimiter('', true)).toBe(',');
  });

  it('ignores a cut-short last row in a partial sample', () => {
    const sample = 'a;b;c\n' + '1;2;3\n'.repeat(10) + '4;5';
    expect(sniffDelimiter(sample, false)).toBe(';');
    // An unclosed quote at the end of a partial sample is not an error here.
    expect(sniffDelimiter('a|b\n1|"long', false)).toBe('|');
  });
});
