import { describe, expect, it } from 'vitest';
import { meanStd, summariseFolds } from '../../../../src/core/metrics/fold-scores.ts';

describe('fold scores', () => {
  it('gives mean and population std per metric', () => {
    const s = summariseFolds([{ accuracy: 0.8, f1: 0.5 }, { accuracy: 0.9 }, { accuracy: 0.7, f1: 0.7 }]);
    expect(s.accuracy!.mean).toBeCloseTo(0.8, 12);
    expect(s.accuracy!.std).toBeCloseTo(Math.sqrt(0.02 / 3), 12); // numpy.std([.8, .9, .7])
    expect(s.f1!.values).toEqual([0.5, 0.7]);
    expect(s.f1!.std).toBeCloseTo(0.1, 12);
    expect(meanStd([]).mean).toBeNaN();
  });
});
