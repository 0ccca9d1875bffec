import { describe, expect, it } from 'vitest';
import { sharePercent, verdictText } from '../../../../src/core/drift/verdict.ts';

describe('verdictText', () => {
  const columns = (n: number) => Array.from({ length: n }, () => ({}) as never);
  it('leads with the count, the share and the verdict', () => {
    expect(verdictText({ driftedCount: 4, columns: columns(7), share: 4 / 7, datasetDrift: true })).toBe('4 of 7 columns drifted (57%) — dataset drift');
    expect(verdictText({ driftedCount: 0, columns: columns(1), share: 0, datasetDrift: false })).toBe('0 of 1 column drifted (0%) — no dataset drift');
  });
  it('never rounds a non-zero share to 0% or a partial one to 100%', () => {
    expect(sharePercent(1 / 300)).toBe('<1%');
    expect(sharePercent(299 / 300)).toBe('>99%');
    expect(sharePercent(1)).toBe('100%');
  });
});
