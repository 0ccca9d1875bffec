// The sample pairs of test/fixtures/drift.tests.json (scripts/fixtures/drift_reference.py) as drift samples.
import { fixtureJson } from '../stats/reference.ts';
import type { DriftSample } from '../../../../src/core/drift/types.ts';

export interface Outcome {
  statistic: number | string;
  p_value?: number | string;
  drifted: boolean;
}

export interface NumericPair {
  name: string;
  reference: number[];
  current: number[];
  ks: Outcome;
  wasserstein: Outcome & { std: number; distance: number };
  jensenshannon: Outcome;
  psi: number;
  sturges_edges: number[];
}

export interface CategoricalPair {
  name: string;
  reference: string[];
  current: string[];
  chisquare?: Outcome;
  z?: Outcome;
  jensenshannon: Outcome;
  psi: number;
}

export interface TestsFixture {
  numeric: NumericPair[];
  categorical: CategoricalPair[];
  binary: CategoricalPair[];
  jensenshannon_vectors: { p: number[]; q: number[]; distance: number; base2: number }[];
}

export const pairs = fixtureJson<TestsFixture>('drift.tests.json');

export function numericSample(values: number[]): DriftSample & { kind: 'numeric' } {
  return { kind: 'numeric', values: Float64Array.from(values).sort() };
}

export function categoricalSample(values: string[]): DriftSample & { kind: 'categorical' } {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return { kind: 'categorical', counts, total: values.length };
}
