// The implementation of each step kind, by kind.

import type { Step, StepKind } from '../types.ts';
import { binStep } from './bin.ts';
import { castStep } from './cast.ts';
import { dropStep, renameStep, selectStep } from './columns-select.ts';
import { dedupeStep } from './dedupe.ts';
import { deriveStep } from './derive.ts';
import { filterStep } from './filter.ts';
import { imputeStep } from './impute.ts';
import { mergeStep } from './merge.ts';
import { outliersStep } from './outliers.ts';
import { parseDatesStep } from './parse-dates.ts';
import type { StepImpl } from './step-impl.ts';
import { textStep } from './text.ts';

const IMPLS: { [K in StepKind]: StepImpl<Extract<Step, { kind: K }>> } = {
  select: selectStep,
  drop: dropStep,
  rename: renameStep,
  cast: castStep,
  filter: filterStep,
  impute: imputeStep,
  outliers: outliersStep,
  dedupe: dedupeStep,
  text: textStep,
  merge: mergeStep,
  derive: deriveStep,
  bin: binStep,
  'parse-dates': parseDatesStep,
};

export function implOf<S extends Step>(step: S): StepImpl<S> {
  const impl = (IMPLS as Record<string, StepImpl<Step> | undefined>)[step.kind];
  if (!impl) throw new Error(`Unknown recipe step kind: ${String(step.kind)}`);
  return impl as unknown as StepImpl<S>;
}
