import { describe, expect, it } from 'vitest';
import { timeEdges } from '../../../../src/core/profile/time-bins.ts';

const day = 86_400_000;
const iso = (edges: number[]): string[] => edges.map((e) => new Date(e).toISOString());

describe('timeEdges', () => {
  it('picks the finest calendar step within the bin limit', () => {
    // Two and a half days in at most 4 bins: 12-hour bins would need 5, so days.
    expect(iso(timeEdges(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 3, 12), 4))).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-02T00:00:00.000Z',
      '2024-01-03T00:00:00.000Z',
      '2024-01-04T00:00:00.000Z',
    ]);
    // A date exactly on the last edge stays in the last (closed) bin: no extra bin.
    expect(timeEdges(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 3), 2)).toHaveLength(3);
    // With room for 50 bins, two days get hourly bins.
    expect(timeEdges(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 3), 50)).toHaveLength(49);
    // Four years with at most 10 bins: half years (six-month steps from January and July).
    expect(iso(timeEdges(Date.UTC(2020, 1, 10), Date.UTC(2023, 11, 31), 10))).toEqual(
      ['2020-01', '2020-07', '2021-01', '2021-07', '2022-01', '2022-07', '2023-01', '2023-07', '2024-01'].map((m) => `${m}-01T00:00:00.000Z`),
    );
  });

  it('starts weeks on Mondays and months on the 1st', () => {
    const weeks = timeEdges(Date.UTC(2024, 2, 6, 15), Date.UTC(2024, 5, 1), 20);
    for (const e of weeks) expect(new Date(e).getUTCDay()).toBe(1);
    expect(weeks[1] - weeks[0]).toBe(7 * day);
    const months = timeEdges(Date.UTC(2021, 4, 17), Date.UTC(2023, 2, 2), 30);
    for (const e of months) expect(new Date(e).getUTCDate()).toBe(1);
  });

  it('covers every value with at most maxBins bins, whatever the span', () => {
    const spans = [5, 900, 3_600_000, 50 * day, 400 * day, 20_000 * day, 3e14];
    for (const span of spans) {
      const min = Date.UTC(1999, 11, 31, 23, 59, 59, 999) - 7;
      const edges = timeEdges(min, min + span, 50);
      expect(edges.length - 1).toBeLessThanOrEqual(50);
      expect(edges[0]).toBeLessThanOrEqual(min);
      expect(edges.at(-1)).toBeGreaterThanOrEqual(min + span);
      for (let i = 1; i < edges.length; i++) expect(edges[i]).toBeGreaterThan(edges[i - 1]);
    }
  });

  it('gives one instant a bin of the unit it sits on', () => {
    expect(timeEdges(Date.UTC(2024, 1, 29), Date.UTC(2024, 1, 29), 50)).toEqual([Date.UTC(2024, 1, 29), Date.UTC(2024, 2, 1)]);
    const t = Date.UTC(2024, 1, 29, 10, 30, 5);
    expect(timeEdges(t, t, 50)).toEqual([t, t + 1000]);
    expect(timeEdges(t + 1, t + 1, 50)).toEqual([t + 1, t + 2]);
    expect(timeEdges(NaN, NaN, 50)).toEqual([]);
  });
});
