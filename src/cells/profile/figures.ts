// Wording of the profile's figures for people: sizes, dates, counts with shares, sketch error notes.
import type { Approximation, ColumnProfile } from '../../core/profile/types';
import { fmt, int } from '../../app/format';

export { int };

/** A number for people (app/format.ts's rules). */
export const num = fmt;

export function bytes(b: number): string {
  if (b < 1024) return `${Math.round(b)} B`;
  if (b < 1024 ** 2) return `${(b / 1024).toFixed(1)} KB`;
  if (b < 1024 ** 3) return `${(b / 1024 ** 2).toFixed(1)} MB`;
  return `${(b / 1024 ** 3).toFixed(2)} GB`;
}

/** A share as a percentage with precision where it matters (0.04% is not 0%). */
export function share(v: number): string {
  if (v === 0) return '0%';
  if (v === 1) return '100%';
  const p = v * 100;
  if (p < 0.01) return '<0.01%';
  if (p < 1) return `${p.toFixed(2)}%`;
  if (p > 99 && p < 100) return `${Math.min(p, 99.9).toFixed(1)}%`;
  return `${p.toFixed(1)}%`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** A date in the user's locale; with the time of day when the value has one (read as UTC, as parsed). */
export function date(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  const midnight = d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0;
  return midnight ? dateFormat.format(new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())) : dateTimeFormat.format(d) + ' UTC';
}

/** A span of time in the largest unit that reads well. */
export function span(ms: number): string {
  const day = 86_400_000;
  if (ms >= 730 * day) return `${num(Math.round((ms / (365.25 * day)) * 10) / 10)} years`;
  if (ms >= 2 * day) return `${int(Math.round(ms / day))} days`;
  if (ms >= 7_200_000) return `${num(Math.round(ms / 360_000) / 10)} hours`;
  return `${num(Math.round(ms / 1000))} s`;
}

/** A figure for a column: dates as dates, numbers with sensible precision. */
export function value(c: ColumnProfile, v: number | undefined): string {
  if (v === undefined) return '—';
  return c.type === 'datetime' ? date(v) : num(v);
}

/** The approximation that covers a statistic, if it was estimated. */
export function approxFor(c: ColumnProfile, stat: string): Approximation | undefined {
  return c.approximations?.find((a) => a.applies.includes(stat));
}

/** "±1.6% rank error (KLL sketch)" / "±0.8% (HyperLogLog)". */
export function approxNote(a: Approximation): string {
  const e = `±${(a.error * 100).toFixed(1)}%`;
  return a.method === 'kll' ? `${e} rank error (KLL sketch)` : `${e} (HyperLogLog)`;
}

/** A category as text, quoted when its spaces would not show ("Paris " next to "Paris") or it is empty. */
export function label(v: string): string {
  return v === '' || v.trim() !== v || /\s{2}/.test(v) ? JSON.stringify(v) : v;
}

export const plural = (n: number, one: string, many = one + 's') => `${int(n)} ${n === 1 ? one : many}`;
