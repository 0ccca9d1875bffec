// Reads dates written as text: ISO 8601, numbers in a day/month/year order, or with month names; optional time.

import { parseIsoDate } from '../../parse/type-rules.ts';
import type { DateOrder } from '../types.ts';

const TIME = String.raw`(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*([AaPp])?\.?(?:[Mm]\.?)?)?`;
// 31/12/2020, 12-31-20, 31.12.2020, 2020/12/31
const NUMERIC = new RegExp(String.raw`^(\d{1,4})([/.\-])(\d{1,2})\2(\d{1,4})${TIME}$`);
// 31 Dec 2020, 31-Dec-2020, 31 December, 2020
const DAY_NAMED = new RegExp(String.raw`^(\d{1,2})[ \-]([A-Za-z]{3,9})\.?,?[ \-](\d{4})${TIME}$`);
// Dec 31, 2020; December 31st 2020
const NAMED_DAY = new RegExp(String.raw`^([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})${TIME}$`);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Milliseconds since the epoch (UTC) of a date written as text, or null when it does not read as one.
 * Numbers in three parts follow `order`, except that a four-digit first part is always the year; two-digit
 * years are 2000–2068 below 69, else 1969–1999 (as dateutil and pandas read them).
 */
export function parseDateText(raw: string, order: DateOrder): number | null {
  const text = raw.trim();
  if (text.length < 6 || text.length > 40) return null;
  const iso = parseIsoDate(text);
  if (iso !== null) return iso;
  let m = NUMERIC.exec(text);
  if (m) {
    const [a, b, c] = [m[1], m[3], m[4]];
    let y: string, mo: string, d: string;
    if (a.length >= 3) [y, mo, d] = [a, b, c];
    else if (c.length === 1 || c.length === 3) return null;
    else if (order === 'dmy') [d, mo, y] = [a, b, c];
    else if (order === 'mdy') [mo, d, y] = [a, b, c];
    else return null;
    return build(year(y), Number(mo), Number(d), m.slice(5));
  }
  m = DAY_NAMED.exec(text);
  if (m) return build(Number(m[3]), month(m[2]), Number(m[1]), m.slice(4));
  m = NAMED_DAY.exec(text);
  if (m) return build(Number(m[3]), month(m[1]), Number(m[2]), m.slice(4));
  return null;
}

/**
 * The day/month order that reads the texts: day first when some numeric date has a first part above 12 and
 * none a second part above 12; otherwise month first (pandas' default, dayfirst=False). Year-first texts
 * never decide it.
 */
export function detectDateOrder(texts: Iterable<string>): DateOrder {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const raw of texts) {
    const m = NUMERIC.exec(raw.trim());
    if (!m || m[1].length >= 3) continue;
    if (Number(m[1]) > 12) dayFirst++;
    if (Number(m[3]) > 12) monthFirst++;
  }
  return dayFirst > 0 && monthFirst === 0 ? 'dmy' : 'mdy';
}

function year(text: string): number {
  const y = Number(text);
  return text.length <= 2 ? (y < 69 ? 2000 + y : 1900 + y) : y;
}

function month(name: string): number {
  const lower = name.toLowerCase();
  const i = MONTHS.indexOf(lower.slice(0, 3));
  if (i < 0) return 0;
  // The full name must be right when longer than three letters ("Sept" is accepted too).
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][i];
  return lower.length === 3 || full.startsWith(lower) ? i + 1 : 0;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The instant, or null when a part is out of range (31 February, 25 o'clock). `time`: hour, minute, second, ms, am/pm. */
function build(y: number, mo: number, d: number, time: (string | undefined)[]): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > DAYS[mo - 1]) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (mo === 2 && d === 29 && !leap) return null;
  let h = time[0] === undefined ? 0 : Number(time[0]);
  const mi = time[1] === undefined ? 0 : Number(time[1]);
  const s = time[2] === undefined ? 0 : Number(time[2]);
  const ms = time[3] === undefined ? 0 : Number(time[3].padEnd(3, '0'));
  const meridiem = time[4]?.toLowerCase();
  if (meridiem) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (meridiem === 'p' ? 12 : 0);
  }
  if (h > 23 || mi > 59 || s > 59) return null;
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  date.setUTCFullYear(y, mo - 1, d);
  return date.getTime();
}
