import { describe, expect, it } from 'vitest';
import { defaultTest, featureKind } from '../../../../src/core/drift/select-test.ts';
import { sampleColumn } from '../../../../src/core/drift/sample.ts';
import type { Column } from '../../../../src/core/table/table.ts';

/** Evidently's registry._get_default_stattest and data_preprocessing._get_column_type, branch by branch. */
describe('defaultTest', () => {
  it('uses p-value tests up to 1,000 reference values', () => {
    expect(defaultTest(1000, 6, 'numeric')).toBe('ks');
    expect(defaultTest(1000, 5, 'numeric')).toBe('chisquare');
    expect(defaultTest(1000, 3, 'numeric')).toBe('chisquare');
    expect(defaultTest(1000, 2, 'numeric')).toBe('z');
    expect(defaultTest(10, 40, 'categorical')).toBe('chisquare');
    expect(defaultTest(10, 2, 'categorical')).toBe('z');
  });

  it('uses distances above 1,000', () => {
    expect(defaultTest(1001, 6, 'numeric')).toBe('wasserstein');
    expect(defaultTest(1001, 5, 'numeric')).toBe('jensenshannon');
    expect(defaultTest(5000, 2, 'categorical')).toBe('jensenshannon');
    expect(defaultTest(5000, 300, 'categorical')).toBe('jensenshannon');
  });
});

describe('featureKind', () => {
  const numeric = (type: 'integer' | 'float' | 'boolean' | 'datetime', values: number[]): Column => ({ kind: 'numeric', name: 'c', type, values: Float64Array.from(values) });
  const coded = (type: 'categorical' | 'text' | 'identifier', values: string[]): Column => {
    const dictionary = [...new Set(values)];
    return { kind: 'coded', name: 'c', type, dictionary, codes: Int32Array.from(values.map((v) => dictionary.indexOf(v))) };
  };
  const kind = (a: Column, b: Column) => featureKind(a, b, sampleColumn(a), sampleColumn(b));

  it('makes integers with at most 5 reference values categorical, more numerical', () => {
    expect(kind(numeric('integer', [1, 2, 3, 4, 5, 5]), numeric('integer', [1, 2, 3, 4, 5, 6, 7]))).toBe('categorical');
    expect(kind(numeric('integer', [1, 2, 3, 4, 5, 6]), numeric('integer', [1]))).toBe('numeric');
    // No reference values: the current side's count decides.
    expect(kind(numeric('integer', [NaN]), numeric('integer', [1, 2, 3, 4, 5, 6]))).toBe('numeric');
  });

  it('follows the current side’s type, as Evidently follows its dtype', () => {
    expect(kind(numeric('integer', [1, 2]), numeric('float', [1.5, 2]))).toBe('numeric');
    expect(kind(numeric('float', [1.5, 2]), numeric('boolean', [0, 1]))).toBe('categorical');
  });

  it('compares categories, skips dates and text or identifiers on both sides', () => {
    expect(kind(coded('categorical', ['a']), coded('categorical', ['b']))).toBe('categorical');
    expect(kind(coded('text', ['a b']), coded('categorical', ['b']))).toBe('categorical');
    expect(kind(coded('text', ['a b']), coded('identifier', ['x']))).toMatchObject({ skip: expect.stringMatching(/identifier/) });
    expect(kind(numeric('datetime', [0]), numeric('datetime', [1]))).toMatchObject({ skip: expect.stringMatching(/dates/) });
  });
});
