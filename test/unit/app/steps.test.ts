import { describe, expect, it } from 'vitest';
import { stepState } from '../../../src/app/steps';

describe('stepState', () => {
  it('summarises a step by its worst cell', () => {
    expect(stepState([])).toBe('empty');
    expect(stepState(['never', 'never'])).toBe('not-started');
    expect(stepState(['fresh', 'never'])).toBe('partial');
    expect(stepState(['fresh', 'stale'])).toBe('stale');
    expect(stepState(['stale', 'failed'])).toBe('failed');
    expect(stepState(['failed', 'running'])).toBe('running');
    expect(stepState(['fresh', 'fresh'])).toBe('fresh');
  });
});
