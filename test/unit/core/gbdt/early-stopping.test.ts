import { describe, expect, it } from 'vitest';
import { shouldStop } from '../../../../src/core/gbdt/early-stopping.ts';

describe('shouldStop (scikit-learn _should_stop on negated losses)', () => {
  it('waits for nIterNoChange + 1 losses', () => {
    expect(shouldStop([5, 5, 5], 3, 0)).toBe(false);
    expect(shouldStop([5, 5, 5, 5], 3, 0)).toBe(true);
  });

  it('goes on while one of the last nIterNoChange losses beats the one before them by more than tol', () => {
    // Reference = 10 (three back + 1); 9.5 improves on it by 0.5.
    expect(shouldStop([10, 9.5, 10, 10], 3, 0.1)).toBe(false);
    expect(shouldStop([10, 9.95, 10, 10], 3, 0.1)).toBe(true);
    // Only the window matters: an old improvement does not keep it going.
    expect(shouldStop([20, 10, 10, 10, 10], 3, 0)).toBe(true);
  });
});
