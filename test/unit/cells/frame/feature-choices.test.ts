import { describe, expect, it } from 'vitest';
import { analyzeTarget } from '../../../../src/core/frame/frame.ts';
import { chosenMetric, featureChoices, knownTask, metricOptions, toggleFeature } from '../../../../src/cells/frame/feature-choices.ts';
import type { Table } from '../../../../src/core/table/table.ts';

const n = 30;
const ids = Array.from({ length: n }, (_, i) => `id-${i}`);
const t: Table = {
  rowCount: n,
  columns: [
    { kind: 'coded', name: 'y', type: 'categorical', codes: Int32Array.from({ length: n }, (_, i) => i % 2), dictionary: ['no', 'yes'] },
    { kind: 'numeric', name: 'x', type: 'float', values: Float64Array.from({ length: n }, (_, i) => Math.cos(i)) },
    { kind: 'coded', name: 'key', type: 'identifier', codes: Int32Array.from({ length: n }, (_, i) => i), dictionary: ids },
    { kind: 'numeric', name: 'flat', type: 'float', values: new Float64Array(n).fill(1) },
    { kind: 'numeric', name: 'w', type: 'float', values: Float64Array.from({ length: n }, (_, i) => i % 5) },
  ],
};

describe('the Frame cell feature checklist', () => {
  it('ticks the default features and lists left-out columns with reasons, only usable ones toggleable', () => {
    const out = analyzeTarget(t, 'y');
    const c = featureChoices(out, {});
    expect(c.map((x) => [x.name, x.checked, x.canToggle])).toEqual([
      ['x', true, true],
      ['w', true, true],
      ['key', false, true],
      ['flat', false, false],
    ]);
    expect(c.find((x) => x.name === 'flat')?.reason).toMatch(/constant/);
  });

  it('round-trips through the worker: toggles give a config whose analysis ticks exactly what was asked', () => {
    const out = analyzeTarget(t, 'y');
    let config = {};
    config = { ...config, ...toggleFeature(out, config, 'x', false) };
    config = { ...config, ...toggleFeature(out, config, 'key', true) };
    expect(config).toEqual({ dropped: ['x'], added: ['key'] });
    // The stale output and the fresh one agree on the ticks.
    const fresh = analyzeTarget(t, 'y', undefined, config);
    expect(fresh.features).toEqual(['key', 'w']);
    const ticked = (o: typeof out) => featureChoices(o, config).filter((x) => x.checked).map((x) => x.name).sort();
    expect(ticked(out)).toEqual(['key', 'w']);
    expect(ticked(fresh)).toEqual(['key', 'w']);
    // Ticking x again (now left out by the user) and unticking key restore the default config itself.
    config = { ...config, ...toggleFeature(fresh, config, 'x', true) };
    config = { ...config, ...toggleFeature(fresh, config, 'key', false) };
    expect(config).toEqual({ dropped: undefined, added: undefined });
    expect(analyzeTarget(t, 'y', undefined, config).features).toEqual(['x', 'w']);
  });

  it('knows the task from the override or from an output for the same target', () => {
    const out = analyzeTarget(t, 'y');
    expect(knownTask({ target: 'y', task: 'auto' }, out)).toBe('classification');
    expect(knownTask({ target: 'w', task: 'auto' }, out)).toBeUndefined();
    expect(knownTask({ target: 'w', task: 'regression' }, out)).toBe('regression');
    expect(chosenMetric({ metric: 'mae' }, 'classification')).toBe('accuracy');
    expect(chosenMetric({ metric: 'f1' }, 'classification')).toBe('f1');
    expect(chosenMetric({}, undefined)).toBeUndefined();
    expect(metricOptions(undefined).map((g) => g.task)).toEqual(['classification', 'regression']);
    expect(metricOptions('regression')[0].metrics.map((m) => m.name)).toEqual(['rmse', 'mae', 'r2', 'mape']);
  });
});
