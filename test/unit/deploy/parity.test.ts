// Parity comparison and latency percentiles.

import { describe, expect, it } from 'vitest';
import { argmaxLabels, compareOutputs, parityPasses, percentile } from '../../../src/deploy/parity.ts';
import type { OipTensor } from '../../../src/deploy/oip-client.ts';

const t = (name: string, data: (number | string)[]): [string, OipTensor] => [name, { name, shape: [data.length], datatype: 'FP32', data }];
const lathe = { task: 'classification' as const, classes: ['a', 'b'], output: [0.9, 0.1, 0.5, 0.5, 0.2, 0.8], rows: 3 };

describe('compareOutputs', () => {
  it('finds the largest difference and label mismatches (first class wins ties)', () => {
    expect(argmaxLabels(lathe)).toEqual(['a', 'a', 'b']);
    const served = new Map([t('probabilities', [0.9, 0.1, 0.5, 0.5, 0.20003, 0.79997]), t('label', ['a', 'a', 'b'])]);
    const c = compareOutputs(lathe, served);
    expect(c.maxAbsDiff).toBeCloseTo(3e-5, 9);
    expect(c.worstRow).toBe(2);
    expect(c.labelMismatches).toBe(0);
    expect(parityPasses(c)).toBe(true);
    const wrong = compareOutputs(lathe, new Map([t('probabilities', [0.9, 0.1, 0.5, 0.5, 0.2, 0.8]), t('label', ['a', 'b', 'b'])]));
    expect(wrong.labelMismatches).toBe(1);
    expect(parityPasses(wrong)).toBe(false);
    expect(parityPasses(compareOutputs(lathe, new Map([t('probabilities', [0.9, 0.1, 0.5, 0.5, 0.2, 0.8002]), t('label', ['a', 'a', 'b'])])))).toBe(false);
  });

  it('regression compares prediction; a non-number never agrees', () => {
    const reg = { task: 'regression' as const, output: [1, 2], rows: 2 };
    expect(compareOutputs(reg, new Map([t('prediction', [1, 2.5])])).maxAbsDiff).toBe(0.5);
    expect(compareOutputs(reg, new Map([t('prediction', [1, 'x'])])).maxAbsDiff).toBe(Infinity);
  });

  it('throws for a missing output or a wrong size', () => {
    expect(() => compareOutputs(lathe, new Map([t('label', ['a', 'a', 'b'])]))).toThrow(/no "probabilities"/);
    expect(() => compareOutputs(lathe, new Map([t('probabilities', [1, 0]), t('label', ['a'])]))).toThrow(/3 rows × 2/);
  });
});

describe('percentile', () => {
  it('matches numpy.percentile (linear)', () => {
    // np.percentile([3.2,1.1,9.7,4.4,2.0,15.5,7.3], [50, 95]) → 4.4, 13.76
    const v = [3.2, 1.1, 9.7, 4.4, 2.0, 15.5, 7.3];
    expect(percentile(v, 50)).toBeCloseTo(4.4, 12);
    expect(percentile(v, 95)).toBeCloseTo(13.76, 12);
    expect(percentile([], 50)).toBeNaN();
  });
});
