import { describe, expect, it } from 'vitest';
import { cleanLogEntries, LOG_LIMITS, LogBook } from '../../../../src/core/code/log-book.ts';

describe('LogBook', () => {
  it('hands out each line once, in order', () => {
    const book = new LogBook();
    book.add('log', 'a');
    book.add('warn', 'b');
    expect(book.takeNew()).toEqual([{ level: 'log', text: 'a' }, { level: 'warn', text: 'b' }]);
    expect(book.takeNew()).toEqual([]);
    book.add('error', 'c');
    expect(book.takeNew()).toEqual([{ level: 'error', text: 'c' }]);
    expect(book.all().map((e) => e.text)).toEqual(['a', 'b', 'c']);
  });

  it('keeps at most LOG_LIMITS.lines lines and says how many more there were', () => {
    const book = new LogBook();
    for (let i = 0; i < LOG_LIMITS.lines + 5; i++) book.add('log', String(i));
    const all = book.all();
    expect(all).toHaveLength(LOG_LIMITS.lines + 1);
    expect(all.at(-2)!.text).toBe(String(LOG_LIMITS.lines - 1));
    expect(all.at(-1)!.text).toMatch(/5 more lines left out/);
  });

  it('stops keeping lines past LOG_LIMITS.chars characters', () => {
    const book = new LogBook();
    const line = 'x'.repeat(LOG_LIMITS.chars / 4);
    for (let i = 0; i < 6; i++) book.add('log', line);
    expect(book.dropped).toBe(2);
    expect(book.all().at(-1)!.text).toMatch(/2 more lines/);
  });
});

describe('cleanLogEntries', () => {
  it('keeps only well-formed entries', () => {
    const mixed = [{ level: 'log', text: 'ok' }, { level: 'shout', text: 'x' }, { level: 'warn', text: 5 }, null, 'text', { level: 'error', text: 'bad' }];
    expect(cleanLogEntries(mixed)).toEqual([{ level: 'log', text: 'ok' }, { level: 'error', text: 'bad' }]);
    expect(cleanLogEntries('nope')).toEqual([]);
  });

  it('caps what an untrusted sandbox can send', () => {
    const flood = Array.from({ length: LOG_LIMITS.lines * 3 }, () => ({ level: 'log', text: 'y' }));
    expect(cleanLogEntries(flood).length).toBe(LOG_LIMITS.lines + 1);
  });
});
