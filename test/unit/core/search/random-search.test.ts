import { describe, expect, it } from 'vitest';
import { randomSearch, sampleParam } from '../../../../src/core/search/random-search.ts';
import { configKey, type SearchSpace } from '../../../../src/core/search/space.ts';
import { createRng } from '../../../../src/core/random.ts';
import { UserError } from '../../../../src/core/errors/user-error.ts';

const space: SearchSpace = {
  families: [
    {
      family: 'mlp',
      weight: 3,
      params: {
        learningRate: { type: 'log-uniform', low: 1e-4, high: 1e-1 },
        dropout: { type: 'uniform', low: 0, high: 0.5 },
        units: { type: 'int', low: 8, high: 256, log: true },
        layers: { type: 'int', low: 1, high: 3 },
        activation: { type: 'choice', values: ['relu', 'tanh', 'gelu'] },
        optimizer: { type: 'fixed', value: 'adam' },
      },
    },
    { family: 'linear', params: { l2: { type: 'log-uniform', low: 1e-6, high: 1 } } },
  ],
};

describe('randomSearch', () => {
  it('is reproducible with a seed and differs between seeds', () => {
    const a = randomSearch(space, 40, 7);
    expect(randomSearch(space, 40, 7)).toEqual(a);
    expect(randomSearch(space, 40, 8)).not.toEqual(a);
    expect(a.length).toBe(40);
    expect(new Set(a.map(configKey)).size).toBe(40);
  });

  it('respects every range, and gives each family only its own parameters', () => {
    const configs = randomSearch(space, 2000, 1);
    const mlp = configs.filter((c) => c.family === 'mlp');
    const linear = configs.filter((c) => c.family === 'linear');
    // Weight 3 : 1.
    expect(mlp.length / configs.length).toBeGreaterThan(0.7);
    expect(mlp.length / configs.length).toBeLessThan(0.8);
    for (const c of linear) {
      expect(Object.keys(c.params)).toEqual(['l2']);
      expect(c.params.l2).toBeGreaterThanOrEqual(1e-6);
      expect(c.params.l2).toBeLessThanOrEqual(1);
    }
    const layers = new Set<number>();
    const acts = new Set<string>();
    let lowLr = 0;
    const outside: string[] = [];
    for (const c of mlp) {
      const p = c.params as { learningRate: number; dropout: number; units: number; layers: number; activation: string; optimizer: string };
      if (!(p.learningRate >= 1e-4 && p.learningRate <= 1e-1)) outside.push(`learningRate ${p.learningRate}`);
      if (!(p.dropout >= 0 && p.dropout < 0.5)) outside.push(`dropout ${p.dropout}`);
      if (!(Number.isInteger(p.units) && p.units >= 8 && p.units <= 256)) outside.push(`units ${p.units}`);
      if (!Number.isInteger(p.layers)) outside.push(`layers ${p.layers}`);
      if (p.optimizer !== 'adam') outside.push(`optimizer ${p.optimizer}`);
      if (p.learningRate < 1e-3) lowLr++;
      layers.add(p.layers);
      acts.add(p.activation);
    }
    expect(outside).toEqual([]);
    expect([...layers].sort()).toEqual([1, 2, 3]);
    expect([...acts].sort()).toEqual(['gelu', 'relu', 'tanh']);
    // Log-uniform: a third of the draws in each decade, not 1% in the lowest.
    expect(lowLr / mlp.length).toBeGreaterThan(0.28);
    expect(lowLr / mlp.length).toBeLessThan(0.39);
  });

  it('draws log-scaled integers evenly per decade and never outside the range', () => {
    const rng = createRng(3);
    let small = 0;
    for (let i = 0; i < 5000; i++) {
      const v = sampleParam({ type: 'int', low: 1, high: 999, log: true }, rng) as number;
      expect(v >= 1 && v <= 999).toBe(true);
      if (v < 10) small++;
    }
    // log(10) / log(1000) = 1/3 of the mass lies in 1..9.
    expect(small / 5000).toBeGreaterThan(0.3);
    expect(small / 5000).toBeLessThan(0.37);
  });

  it('returns every configuration once when the space is smaller than the budget', () => {
    const small: SearchSpace = {
      families: [
        { family: 'a', params: { x: { type: 'int', low: 1, high: 3 }, y: { type: 'choice', values: [true, false] } } },
        { family: 'b', params: { z: { type: 'fixed', value: 'only' } } },
      ],
    };
    const configs = randomSearch(small, 50, 1);
    expect(configs.length).toBe(7);
    expect(new Set(configs.map(configKey)).size).toBe(7);
    expect(randomSearch(small, 50, 1)).toEqual(configs);
  });

  it('refuses an invalid space or budget before drawing anything', () => {
    expect(() => randomSearch({ families: [{ family: 'm', params: { a: { type: 'choice', values: [] } } }] }, 5, 1)).toThrow(
      /no valid configuration: family "m": "a" is a choice among no values/,
    );
    expect(() => randomSearch(space, 0, 1)).toThrow(UserError);
  });
});
