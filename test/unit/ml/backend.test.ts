import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../src/ml/backend.ts';

describe('selectBackend in Node', () => {
  it('ends on wasm or cpu and explains the GPU probes', async () => {
    const choice = await selectBackend({});
    expect(['wasm', 'cpu']).toContain(choice.name);
    expect(tf.getBackend()).toBe(choice.name);
    const names = choice.probes.map((p) => p.name);
    expect(names.slice(0, 2)).toEqual(['webgpu', 'webgl']);
    expect(choice.probes[0].available).toBe(false);
    expect(choice.probes[1].available).toBe(false);
    expect(choice.probes.at(-1)).toMatchObject({ name: choice.name, available: true });
    expect(choice.reason).toContain(choice.name);
  });

  it('uses cpu when asked', async () => {
    const choice = await selectBackend({ prefer: 'cpu' });
    expect(choice.name).toBe('cpu');
    expect(choice.reason).toMatch(/requested/);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('falls back when the requested backend is absent', async () => {
    const choice = await selectBackend({ prefer: 'webgpu' });
    expect(['wasm', 'cpu']).toContain(choice.name);
    expect(choice.reason).toMatch(/webgpu was requested but is unavailable/);
    await tf.setBackend('cpu');
  });

  it('skips a software WebGPU adapter unless asked for', async () => {
    const g = globalThis as { navigator?: unknown };
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', {
      configurable: true,
      value: { gpu: { requestAdapter: async () => ({ info: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true } }) } },
    });
    try {
      const choice = await selectBackend({});
      expect(choice.probes[0]).toMatchObject({ name: 'webgpu', available: false });
      expect(choice.probes[0].note).toMatch(/fallback|software/);
      expect(['wasm', 'cpu']).toContain(choice.name);
    } finally {
      if (saved) Object.defineProperty(globalThis, 'navigator', saved);
      else delete g.navigator;
      await tf.setBackend('cpu');
    }
  });
});
