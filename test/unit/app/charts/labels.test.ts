import { describe, expect, it } from 'vitest';
import { labelRoom, shorten } from '../../../../src/app/charts/labels';

describe('chart labels', () => {
  it('sizes the margin for the longest label, within bounds', () => {
    expect(labelRoom(['a', 'bb'], 24)).toEqual({ chars: 4, margin: Math.round(4 * 6.2) + 10 });
    expect(labelRoom(['x'.repeat(10)], 24, 12)).toEqual({ chars: 10, margin: 62 + 12 });
    expect(labelRoom(['x'.repeat(40)], 24).chars).toBe(24);
  });

  it('cuts long labels with an ellipsis and leaves short ones', () => {
    expect(shorten('Flipper Length (mm)', 8)).toBe('Flipper…');
    expect(shorten('Sex', 8)).toBe('Sex');
  });
});
