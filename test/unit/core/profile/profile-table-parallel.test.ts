import { describe, expect, it } from 'vitest';
import { profileTable, profileTableParallel } from '../../../../src/core/profile/profile-table';
import { correlations } from '../../../../src/core/profile/correlations';
import type { Table } from '../../../../src/core/table/table';

function table(): Table {
  const n = 500;
  const x = Float64Array.from({ length: n }, (_, i) => (i % 37 === 0 ? NaN : Math.sin(i) * 10));
  const y = Float64Array.from({ length: n }, (_, i) => x[i] * 2 + (i % 5));
  const c = Int32Array.from({ length: n }, (_, i) => (i % 11 === 0 ? -1 : i % 3));
  return {
    rowCount: n,
    columns: [
      { kind: 'numeric', name: 'x', type: 'float', values: x },
      { kind: 'numeric', name: 'y', type: 'float', values: y },
      { kind: 'coded', name: 'c', type: 'categorical', codes: c, dictionary: ['a', 'b', 'c'] },
    ],
  };
}

describe('profileTableParallel', () => {
  it('gives the same profile as profileTable when the correlations come from elsewhere', async () => {
    const t = table();
    let called = 0;
    const parallel = await profileTableParallel(t, {
      correlate: async (input) => {
        called++;
        return correlations(input);
      },
    });
    expect(called).toBe(1);
    expect(parallel).toEqual(profileTable(t));
    expect(parallel.alerts.some((a) => a.type === 'HIGH_CORRELATION')).toBe(true);
  });

  it('computes the correlations itself when the helper fails', async () => {
    const t = table();
    const profile = await profileTableParallel(t, { correlate: () => Promise.reject(new Error('helper crashed')) });
    expect(profile.correlations).toEqual(correlations(t));
  });
});
