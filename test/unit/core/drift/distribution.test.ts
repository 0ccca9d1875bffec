import { describe, expect, it } from 'vitest';
import { driftDistribution, PLOT_CATEGORIES } from '../../../../src/core/drift/distribution.ts';
import { categoricalSample, numericSample } from './pairs.ts';

describe('driftDistribution', () => {
  it('bins both sides on the same round edges, as shares of each side', () => {
    const d = driftDistribution(numericSample([0, 1, 2, 3, 4]), numericSample([20, 21, 25, 28, 30, 30]), 'numeric', 'float');
    expect(d.kind).toBe('histogram');
    if (d.kind !== 'histogram') return;
    expect(d.edges[0]).toBeLessThanOrEqual(0);
    expect(d.edges.at(-1)).toBeGreaterThanOrEqual(30);
    expect(d.reference.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(d.current.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    // Disjoint samples: no bin holds both.
    expect(d.reference.every((r, i) => r === 0 || d.current[i] === 0)).toBe(true);
  });

  it('lists categories most common first and folds the tail into "Other (n)"', () => {
    const many = Array.from({ length: 30 }, (_, i) => `k${i}`);
    const ref = categoricalSample([...many, ...Array(20).fill('k0')]);
    const cur = categoricalSample([...many, 'new', 'new']);
    const d = driftDistribution(ref, cur, 'categorical', 'categorical');
    expect(d.kind).toBe('categories');
    if (d.kind !== 'categories') return;
    expect(d.labels.length).toBe(PLOT_CATEGORIES);
    expect(d.labels[0]).toBe('k0');
    expect(d.labels.at(-1)).toBe(`Other (${31 - (PLOT_CATEGORIES - 1)})`);
    expect(d.otherCount).toBe(31 - (PLOT_CATEGORIES - 1));
    expect(d.reference.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(d.current.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });

  it('names boolean values and keeps few numbers in value order', () => {
    const d = driftDistribution(numericSample([0, 1, 1]), numericSample([1, 0]), 'categorical', 'boolean');
    expect(d.kind === 'categories' && d.labels).toEqual(['false', 'true']);
    const g = driftDistribution(numericSample([3, 1, 2, 2]), numericSample([1, 3, 3]), 'categorical', 'integer');
    expect(g.kind === 'categories' && g.labels).toEqual(['1', '2', '3']);
  });
});
