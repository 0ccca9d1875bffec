// Calendar parts of epoch milliseconds (UTC) by arithmetic, so a million dates need no Date objects.

const DAY_MS = 86_400_000;

/** Year, month (1–12) and day (1–31) of a day count since 1970-01-01 (Howard Hinnant's civil_from_days). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export type DatePart = 'year' | 'month' | 'day' | 'weekday' | 'hour' | 'minute';

/** One part of each date; NaN stays missing. Weekday counts from Monday = 0, as pandas' dayofweek. */
export function datePart(values: Float64Array, part: DatePart): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const ms = values[i];
    if (!Number.isFinite(ms)) {
      out[i] = NaN;
      continue;
    }
    const days = Math.floor(ms / DAY_MS);
    const inDay = ms - days * DAY_MS;
    switch (part) {
      case 'hour':
        out[i] = Math.floor(inDay / 3_600_000);
        break;
      case 'minute':
        out[i] = Math.floor(inDay / 60_000) % 60;
        break;
      case 'weekday':
        // 1970-01-01 was a Thursday (3 when Monday is 0).
        out[i] = (((days + 3) % 7) + 7) % 7;
        break;
      default:
        out[i] = civilFromDays(days)[part];
    }
  }
  return out;
}
