import { describe, expect, it } from 'vitest';
import { servingName } from '../../../../src/ml/manifests/serving-name.ts';

/** DNS-1035 label, as Kubernetes validates InferenceService and Model names. */
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

describe('servingName', () => {
  it.each([
    ['Iris species', 'iris-species'],
    ['  Café Prices (2024)!  ', 'cafe-prices-2024'],
    ['2024 sales', 'model-2024-sales'],
    ['___', 'model'],
    ['', 'model'],
    ['A'.repeat(80), 'a'.repeat(40)],
    ['churn--model__v2', 'churn-model-v2'],
  ])('%j → %j', (input, expected) => {
    expect(servingName(input)).toBe(expected);
    expect(servingName(input)).toMatch(DNS_1035);
  });

  it('never ends in a dash after cutting to length', () => {
    const name = servingName(`${'a'.repeat(39)} b`);
    expect(name).toBe('a'.repeat(39));
    expect(name).toMatch(DNS_1035);
  });
});
