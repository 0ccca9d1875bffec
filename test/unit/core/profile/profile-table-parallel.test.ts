import { describe, expect, it } from 'vitest';
import {
  helperShare,
  profileShare,
  profileTable,
  profileTableParallel,
  type ProfileHelper,
} from '../../../../src/core/profile/profile-table';
import { correlations } from '../../../../src/core/profile/correlations';
import { EXACT_LIMIT } from '../../../../src/core/profile/column-profile';
import { rankFinite, type Ranked } from '../../../../src/core/profile/ranks';
import type { Column, Table } from '../../../../src/core/table/table';

function table(n = 500): Table {
  const x = Float64Array.from({ length: n }, (_, i) => (i % 37 === 0 ? NaN : Math.sin(i) * 10));
  const y = Float64Array.from({ length: n }, (_, i) => x[i] * 2 + (i % 5));
  const k = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 23);
  const w = Float64Array.from({ length: n }, (_, i) => (i % 101 === 0 ? Infinity : Math.cos(i * 0.3) + i / n));
  const c = Int32Array.from({ length: n }, (_, i) => (i % 11 === 0 ? -1 : i % 3));
  return {
    rowCount: n,
    columns: [
      { kind: 'numeric', name: 'x', type: 'float', values: x },
      { kind: 'coded', name: 'c', type: 'categorical', codes: c, dictionary: ['a', 'b', 'c'] },
      { kind: 'numeric', name: 'y', type: 'float', values: y },
      { kind: 'numeric', name: 'k', type: 'integer', values: k },
      { kind: 'numeric', name: 'w', type: 'float', values: w },
    ],
  };
}

/** A helper in this thread that behaves as the worker: its input and messages go through structured cloning. */
function inProcess(log: { runs: number; shares: string[][]; ranks: Map<string, Ranked>[] }): ProfileHelper {
  let deliver: (ranks: Map<string, Ranked>) => void = () => {};
  return {
    run(input, share) {
      log.runs++;
      log.shares.push(share.profile);
      const ranks = new Promise<Map<string, Ranked>>((resolve) => (deliver = resolve));
      return profileShare(structuredClone(input), structuredClone(share), ranks).then((r) => structuredClone(r));
    },
    ranks(ranks) {
      log.ranks.push(ranks);
      deliver(structuredClone(ranks));
    },
  };
}

describe('profileTableParallel', () => {
  it('gives the same profile as profileTable when a helper takes a share', async () => {
    const t = table();
    const log = { runs: 0, shares: [] as string[][], ranks: [] as Map<string, Ranked>[] };
    const parallel = await profileTableParallel(t, { helper: inProcess(log) });
    expect(log.runs).toBe(1);
    expect(log.shares[0].length).toBeGreaterThan(0);
    expect(parallel).toEqual(profileTable(t));
    expect(parallel.alerts.some((a) => a.type === 'HIGH_CORRELATION')).toBe(true);
  });

  it('hands the helper the ranks of the numeric columns profiled here, as rankFinite gives them', async () => {
    const t = table();
    const log = { runs: 0, shares: [] as string[][], ranks: [] as Map<string, Ranked>[] };
    await profileTableParallel(t, { helper: inProcess(log) });
    const mine = t.columns.filter((c) => c.kind === 'numeric' && !log.shares[0].includes(c.name));
    expect([...log.ranks[0].keys()].sort()).toEqual(mine.map((c) => c.name).sort());
    for (const c of mine) {
      const values = (c as Extract<Column, { kind: 'numeric' }>).values;
      expect(Array.from(log.ranks[0].get(c.name)?.ranks ?? [])).toEqual(Array.from(rankFinite(values).ranks));
    }
  });

  it('does everything itself when the helper fails or throws', async () => {
    const t = table();
    const expected = profileTable(t);
    const failing: ProfileHelper = { run: () => Promise.reject(new Error('helper crashed')), ranks: () => {} };
    expect(await profileTableParallel(t, { helper: failing })).toEqual(expected);
    const throwing: ProfileHelper = {
      run: () => {
        throw new Error('no worker');
      },
      ranks: () => {},
    };
    expect(await profileTableParallel(t, { helper: throwing })).toEqual(expected);
  });

  it('shares no column when names repeat, and still gives the same profile', async () => {
    const t = table();
    t.columns[2] = { ...t.columns[2], name: 'x' };
    const log = { runs: 0, shares: [] as string[][], ranks: [] as Map<string, Ranked>[] };
    const parallel = await profileTableParallel(t, { helper: inProcess(log) });
    expect(log.shares[0]).toEqual([]);
    expect(parallel).toEqual(profileTable(t));
    expect(parallel.correlations).toEqual(correlations(t));
  });
});

describe('helperShare', () => {
  it('takes numeric columns from the end of the table, leaving some for this thread', () => {
    const columns: Column[] = Array.from({ length: 12 }, (_, i) => ({
      kind: 'numeric',
      name: `f${i}`,
      type: 'float',
      values: Float64Array.from({ length: 1000 }, (_, r) => Math.sin(r * (i + 1))),
    }));
    const t: Table = { rowCount: 1000, columns: [...columns, ...table(1000).columns.filter((c) => c.kind === 'coded')] };
    const share = helperShare(t, EXACT_LIMIT);
    expect(share.length).toBeGreaterThan(0);
    expect(share.length).toBeLessThan(12);
    expect(share).toEqual(columns.slice(12 - share.length).map((c) => c.name));
  });
});
