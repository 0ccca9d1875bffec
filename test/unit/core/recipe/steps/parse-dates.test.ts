import { describe, expect, it } from 'vitest';
import { applyStep } from '../../../../../src/core/recipe/apply.ts';
import { detectDateOrder, parseDateText } from '../../../../../src/core/recipe/steps/date-text.ts';
import { parseDatesStep } from '../../../../../src/core/recipe/steps/parse-dates.ts';
import type { ParseDatesStep } from '../../../../../src/core/recipe/types.ts';
import { column, messy, reference, refNumber, table, txt, values } from '../helpers.ts';

const step = (name: string, order: ParseDatesStep['order'] = 'auto'): ParseDatesStep => ({ id: 'p', kind: 'parse-dates', column: name, order });

describe('parse dates against pandas to_datetime(format="%d/%m/%Y")', () => {
  it('reads day-first dates as pandas does, detecting the order, and counts the failures', () => {
    const out = applyStep(messy(), step('joined'), 0);
    expect(Array.from(values(out.table, 'joined'))).toEqual(reference.parse_dates.ms.map(refNumber));
    expect(out.report.failures?.count).toBe(reference.parse_dates.failures);
    expect(out.report.failures?.examples.map((e) => e.text).sort()).toEqual(['31/02/2020', 'soon']);
    expect(out.step).toMatchObject({ fitted: { order: 'dmy' } });
    expect(column(out.table, 'joined').type).toBe('datetime');
  });
});

describe('parseDateText', () => {
  const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, m - 1, d, h, mi, s, ms);
  it('reads ISO, numeric dates in the given order, year-first, month names and times', () => {
    expect(parseDateText('2020-02-29', 'dmy')).toBe(utc(2020, 2, 29));
    expect(parseDateText('2020-02-29T10:30:00Z', 'mdy')).toBe(utc(2020, 2, 29, 10, 30));
    expect(parseDateText('03/04/2021', 'dmy')).toBe(utc(2021, 4, 3));
    expect(parseDateText('03/04/2021', 'mdy')).toBe(utc(2021, 3, 4));
    expect(parseDateText('03-04-21', 'mdy')).toBe(utc(2021, 3, 4));
    expect(parseDateText('03.04.99', 'dmy')).toBe(utc(1999, 4, 3));
    expect(parseDateText('2021/04/03', 'dmy')).toBe(utc(2021, 4, 3));
    expect(parseDateText('3 Apr 2021', 'mdy')).toBe(utc(2021, 4, 3));
    expect(parseDateText('April 3rd, 2021', 'dmy')).toBe(utc(2021, 4, 3));
    expect(parseDateText('Sept 3 2021', 'dmy')).toBe(utc(2021, 9, 3));
    expect(parseDateText('03/04/2021 2:05 PM', 'dmy')).toBe(utc(2021, 4, 3, 14, 5));
    expect(parseDateText('03/04/2021 12:00 am', 'dmy')).toBe(utc(2021, 4, 3, 0, 0));
    expect(parseDateText('03/04/2021 23:59:58.5', 'dmy')).toBe(utc(2021, 4, 3, 23, 59, 58, 500));
  });

  it('refuses impossible dates and non-dates', () => {
    for (const s of ['31/02/2020', '29/02/2021', '13/13/2020', '03/04/2021 25:00', '03/04/2021 13:00 pm', 'soon', 'Foo 3 2021', '3 Aprilx 2021', '12345', '03/04/202'])
      expect([s, parseDateText(s, 'dmy')]).toEqual([s, null]);
    expect(parseDateText('03/04/2021', 'ymd')).toBeNull();
  });

  it('detects day-first only when a first part is above 12 and no second part is', () => {
    expect(detectDateOrder(['01/02/2020', '25/02/2020'])).toBe('dmy');
    expect(detectDateOrder(['01/02/2020', '02/25/2020'])).toBe('mdy');
    expect(detectDateOrder(['01/02/2020'])).toBe('mdy');
    expect(detectDateOrder(['2020/25/01', '2020-01-01'])).toBe('mdy');
  });
});

describe('parse dates step', () => {
  it('uses the chosen order, and serves with the fitted one', () => {
    const t = table(txt('s', ['01/02/2020', null, '']));
    const out = parseDatesStep.apply(t, step('s', 'dmy'), 'fit');
    expect(Array.from(values(out.table, 's'))).toEqual([Date.UTC(2020, 1, 1), NaN, NaN]);
    const auto = parseDatesStep.apply(t, step('s'), 'fit');
    expect(auto.step.fitted).toEqual({ order: 'mdy' });
    const served = parseDatesStep.apply(table(txt('s', ['05/06/2020'])), out.step, 'serve');
    expect(Array.from(values(served.table, 's'))).toEqual([Date.UTC(2020, 5, 5)]);
  });

  it('notes when nothing reads as a date, and refuses number columns', () => {
    expect(parseDatesStep.apply(table(txt('s', ['a', 'b'])), step('s'), 'fit').notes).toEqual(['No value of "s" reads as a date.']);
    expect(() => parseDatesStep.schema([{ name: 'n', type: 'integer' }], step('n'))).toThrow(/needs a text column/);
  });
});
