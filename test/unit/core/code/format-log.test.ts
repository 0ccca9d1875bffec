import { describe, expect, it } from 'vitest';
import * as dfd from 'danfojs';
import { formatLogArgs, MAX_LOG_TEXT } from '../../../../src/core/code/format-log.ts';

describe('formatLogArgs', () => {
  it('joins arguments with spaces, strings as written', () => {
    expect(formatLogArgs(['rows:', 344, true, null, undefined, 10n])).toBe('rows: 344 true null undefined 10n');
  });

  it('writes arrays and objects briefly, with strings quoted inside them', () => {
    expect(formatLogArgs([[1, 'a', [2, [3]]]])).toBe('[1, "a", [2, [Array(1)]]]');
    expect(formatLogArgs([{ a: 1, 'b c': 'x', d: { e: { f: 1 } } }])).toBe('{ a: 1, "b c": "x", d: { e: {…} } }');
    expect(formatLogArgs([new Float64Array([0.5, -0])])).toBe('[0.5, -0]');
    expect(formatLogArgs([{}])).toBe('{}');
  });

  it('cuts long arrays, and says how many more there were', () => {
    expect(formatLogArgs([Array.from({ length: 52 }, (_, i) => i)])).toMatch(/, 49, … 2 more\]$/);
  });

  it('marks circular references instead of looping', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(formatLogArgs([a])).toBe('{ name: "a", self: [Circular] }');
  });

  it('writes dates as ISO text, errors with their stack, functions by name', () => {
    expect(formatLogArgs([new Date(Date.UTC(2024, 0, 2))])).toBe('2024-01-02T00:00:00.000Z');
    const err = new RangeError('too far');
    expect(formatLogArgs([err])).toBe(err.stack);
    expect(formatLogArgs([{ e: err }])).toBe('{ e: RangeError: too far }');
    expect(formatLogArgs([function named() {}])).toBe('[Function named]');
  });

  it('prints a danfojs DataFrame as its table', () => {
    const df = new dfd.DataFrame({ species: ['Adelie', 'Gentoo'], mass: [3750, 5000] });
    const text = formatLogArgs([df]);
    expect(text).toBe(df.toString());
    expect(text).toContain('Gentoo');
  });

  it('cuts a very long line', () => {
    const text = formatLogArgs(['x'.repeat(MAX_LOG_TEXT + 50)]);
    expect(text.length).toBe(MAX_LOG_TEXT + 2);
    expect(text.endsWith(' …')).toBe(true);
  });
});
