import { describe, expect, it } from 'vitest';
import { familySize, spaceProblems, validateSpace } from '../../../../src/core/search/validate-space.ts';
import type { SearchSpace } from '../../../../src/core/search/space.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';

describe('validateSpace', () => {
  it('accepts a valid space across families', () => {
    const space: SearchSpace = {
      families: [
        { family: 'linear', params: { l2: { type: 'log-uniform', low: 1e-6, high: 1 } } },
        { family: 'mlp', params: { layers: { type: 'int', low: 1, high: 3 }, activation: { type: 'choice', values: ['relu', 'tanh'] } } },
      ],
    };
    expect(() => validateSpace(space)).not.toThrow();
    expect(spaceProblems(space)).toEqual([]);
  });

  it('refuses an empty or impossible space with a message naming every problem', () => {
    expect(() => validateSpace({ families: [] })).toThrow(UserError);
    expect(() => validateSpace({ families: [] })).toThrow('The search space has no valid configuration: it names no model family');
    const bad: SearchSpace = {
      families: [
        {
          family: 'mlp',
          params: {
            lr: { type: 'log-uniform', low: 0, high: 0.1 },
            units: { type: 'int', low: 2.2, high: 2.8 },
            dropout: { type: 'uniform', low: 0.5, high: 0.1 },
            act: { type: 'choice', values: [] },
            depth: { type: 'uniform', low: 0, high: Infinity },
          },
        },
        { family: 'mlp', params: {}, weight: 0 },
      ],
    };
    expect(spaceProblems(bad)).toEqual([
      'family "mlp": "lr" is on a log scale from 0, and a log scale needs a low end above 0',
      'family "mlp": "units" holds no whole number between 2.2 and 2.8',
      'family "mlp": "dropout" has its low end 0.5 above its high end 0.1',
      'family "mlp": "act" is a choice among no values',
      'family "mlp": "depth" needs finite low and high ends (got 0 to Infinity)',
      'family "mlp" appears twice',
      'family "mlp" has weight 0; weights must be positive',
    ]);
    try {
      validateSpace(bad);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).message).toMatch(/^The search space has no valid configuration: family "mlp": "lr"/);
      expect((err as UserError).hint).toMatch(/low ≤ high/);
    }
  });

  it('counts the configurations of a finite family', () => {
    expect(familySize({ family: 'a', params: { x: { type: 'int', low: 1, high: 4 }, y: { type: 'choice', values: ['p', 'q', 'p'] }, z: { type: 'fixed', value: 1 } } })).toBe(8);
    expect(familySize({ family: 'a', params: { x: { type: 'uniform', low: 0, high: 1 }, y: { type: 'int', low: 1, high: 2 } } })).toBe(Infinity);
    expect(familySize({ family: 'a', params: { x: { type: 'uniform', low: 1, high: 1 }, y: { type: 'int', low: 1, high: 3 } } })).toBe(3);
  });
});
