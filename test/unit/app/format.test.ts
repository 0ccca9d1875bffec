import { describe, expect, it } from 'vitest';
import { fmt, int } from '../../../src/app/format';

describe('fmt', () => {
  it('formats figures as toLocaleString would, with sensible precision', () => {
    expect(fmt(1234567)).toBe((1234567).toLocaleString());
    expect(fmt(3.14159)).toBe((3.14159).toLocaleString(undefined, { maximumSignificantDigits: 4 }));
    expect(fmt(4201.7523)).toBe((4201.7523).toLocaleString(undefined, { maximumSignificantDigits: 6 }));
    expect(fmt(2.5e9)).toBe('2.50e+9');
    expect(fmt(0.0001)).toBe('1.00e-4');
    expect([fmt(undefined), fmt(NaN), fmt(Infinity), fmt(-Infinity)]).toEqual(['—', '—', '∞', '−∞']);
    expect(int(12345)).toBe((12345).toLocaleString());
  });
});
