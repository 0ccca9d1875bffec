// Histogram edges for datetimes (ms since the epoch, UTC) on calendar steps: seconds, minutes, hours, days, weeks, months, years.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 1970-01-05, the first Monday after the epoch: weeks start on Mondays (ISO 8601). */
const MONDAY = 4 * DAY;

type Step = { ms: number; offset?: number } | { months: number };

/** Candidate steps, finest first, as d3's time ticks choose them. */
const STEPS: Step[] = [
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500].map((ms) => ({ ms })),
  ...[1, 2, 5, 10, 15, 30].map((s) => ({ ms: s * SECOND })),
  ...[1, 2, 5, 10, 15, 30].map((m) => ({ ms: m * MINUTE })),
  ...[1, 2, 3, 6, 12].map((h) => ({ ms: h * HOUR })),
  { ms: DAY },
  { ms: 2 * DAY },
  { ms: 7 * DAY, offset: MONDAY },
  ...[1, 2, 3, 6].map((months) => ({ months })),
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].map((years) => ({ months: 12 * years })),
];

/**
 * Ascending edges (bins [e_i, e_{i+1}), the last one closed) covering [min, max] with the finest calendar
 * step that needs at most maxBins bins. A single instant gets one bin of the largest unit it sits on
 * exactly (a day for a date without time, else a second or a millisecond).
 */
export function timeEdges(min: number, max: number, maxBins: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) return [];
  if (min === max) {
    const unit = min % DAY === 0 ? DAY : min % SECOND === 0 ? SECOND : 1;
    return [min, min + unit];
  }
  const target = Math.max(1, maxBins);
  for (const step of STEPS) {
    const edges = stepEdges(step, min, max, target + 1);
    if (edges !== null) return edges;
  }
  // Beyond 1000-year steps (only for absurd ranges): equal millisecond bins.
  const width = Math.ceil((max - min) / target);
  return Array.from({ length: target + 1 }, (_, k) => min + k * width);
}

/** Edges of one step from the boundary at or below min until one reaches max; null past `limit` edges. */
function stepEdges(step: Step, min: number, max: number, limit: number): number[] | null {
  const edges: number[] = [];
  if ('ms' in step) {
    const offset = step.offset ?? 0;
    let e = Math.floor((min - offset) / step.ms) * step.ms + offset;
    edges.push(e);
    while (e < max) {
      if (edges.length > limit) return null;
      e += step.ms;
      edges.push(e);
    }
    return edges.length > limit ? null : edges;
  }
  const start = new Date(min);
  let index = start.getUTCFullYear() * 12 + start.getUTCMonth();
  index -= ((index % step.months) + step.months) % step.months;
  let e = monthStart(index);
  edges.push(e);
  while (e < max) {
    if (edges.length > limit) return null;
    index += step.months;
    e = monthStart(index);
    edges.push(e);
  }
  return edges.length > limit ? null : edges;
}

function monthStart(index: number): number {
  const year = Math.floor(index / 12);
  const d = new Date(0);
  d.setUTCFullYear(year, index - year * 12, 1);
  d.setUTCHours(0, 0, 0, 0);
  return d.getTime();
}
