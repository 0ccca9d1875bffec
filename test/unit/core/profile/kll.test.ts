import { describe, expect, it } from 'vitest';
import { KllSketch } from '../../../../src/core/profile/kll.ts';

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Largest distance between q and the true rank range of the sketch's answer for q. */
function worstRankError(values: Float64Array, sketch: KllSketch, qs: number[]): number {
  const sorted = Float64Array.from(values).sort();
  const answers = sketch.quantiles(qs);
  let worst = 0;
  const firstAbove = (v: number, orEqual: boolean): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v || (orEqual && sorted[mid] === v)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  qs.forEach((q, i) => {
    const v = answers[i];
    const below = firstAbove(v, false);
    const atOrBelow = firstAbove(v, true);
    const lo = below / sorted.length;
    const hi = atOrBelow / sorted.length;
    worst = Math.max(worst, q < lo ? lo - q : q > hi ? q - hi : 0);
  });
  return worst;
}

describe('KllSketch', () => {
  it("states DataSketches' 99% rank error for its k (1.33% at k = 200)", () => {
    expect(KllSketch.rankError(200)).toBeCloseTo(0.01329, 4);
    expect(KllSketch.rankError(400)).toBeLessThan(KllSketch.rankError(200));
  });

  it('is exact while everything fits (no compaction yet)', () => {
    const s = new KllSketch();
    for (const v of [5, 1, 4, 2, 3]) s.update(v);
    expect(s.n).toBe(5);
    expect(s.quantiles([0, 0.2, 0.4, 0.5, 1])).toEqual([1, 1, 2, 3, 5]);
    expect(new KllSketch().quantiles([0.5])).toEqual([NaN]);
  });

  it('keeps rank errors within the stated bound on large streams, for several seeds and shapes', () => {
    const qs = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);
    for (const seed of [1, 2, 3]) {
      const r = random(seed);
      for (const gen of [() => r(), () => Math.exp(5 * r()), () => Math.floor(r() * 30)]) {
        const values = Float64Array.from({ length: 200_000 }, gen);
        const sketch = new KllSketch();
        for (const v of values) sketch.update(v);
        expect(sketch.n).toBe(values.length);
        expect(worstRankError(values, sketch, qs)).toBeLessThanOrEqual(KllSketch.rankError());
      }
    }
  });

  it('is deterministic: the same stream gives the same answers', () => {
    const r = random(5);
    const values = Float64Array.from({ length: 50_000 }, () => r());
    const a = new KllSketch();
    const b = new KllSketch();
    for (const v of values) {
      a.update(v);
      b.update(v);
    }
    expect(a.quantiles([0.1, 0.5, 0.9])).toEqual(b.quantiles([0.1, 0.5, 0.9]));
  });
});
