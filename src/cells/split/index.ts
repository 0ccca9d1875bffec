// Split cell: a seeded hold-out test set (random, stratified, by group or by time), optionally a validation
// set or cross-validation folds over the rest, with each part summarised and shared duplicates flagged.
import type { CellKind } from '../types';
import type { FrameSummary } from '../../core/frame/frame';
import type { Fold } from '../../core/split/folds';
import { dataWorker } from '../../client/workers';
import type { PartSummary, SplitMethod, SplitRequest } from './make-split';
import View from './View.svelte';

export type { SplitMethod, PartSummary };

export interface SplitConfig {
  /** Absent in configs stored before version 2: a hold-out split. */
  method?: SplitMethod;
  testFraction: number;
  /** Hold-out and time-ordered only; 0 or absent for none. */
  validationFraction?: number;
  stratify: boolean;
  seed: number;
  /** Cross-validation folds (k-fold, stratified; group and time when `folds`). */
  k?: number;
  /** Group and time: also cut the training rows into k folds. */
  folds?: boolean;
  /** The group or date column. */
  column?: string;
}

/**
 * The test rows are always a hold-out that no fold touches: cross-validation runs over the other rows, so a
 * model chosen by its fold scores is still judged once on rows nothing was tuned on.
 */
export interface SplitOutput {
  train: Int32Array;
  test: Int32Array;
  stratified: boolean;
  // Fields below are absent in outputs stored before version 2.
  method?: SplitMethod;
  validation?: Int32Array;
  folds?: Fold[];
  parts?: PartSummary[];
  foldParts?: PartSummary[];
  sharedDuplicates?: { count: number; examples: { test: number; train: number }[] };
  warnings?: string[];
}

export const METHOD_LABELS: Record<SplitMethod, string> = {
  holdout: 'Hold-out',
  kfold: 'K-fold cross-validation',
  stratified: 'Stratified k-fold',
  group: 'By group',
  time: 'By time',
};

/** What the worker is asked for: the config with its defaults filled in. */
export function splitRequest(config: SplitConfig): SplitRequest {
  return {
    method: config.method ?? 'holdout',
    testFraction: config.testFraction,
    validationFraction: config.validationFraction ?? 0,
    stratify: config.stratify,
    seed: config.seed,
    k: config.k ?? 5,
    folds: config.folds ?? false,
    ...(config.column ? { column: config.column } : {}),
  };
}

export const splitCell: CellKind<SplitConfig, SplitOutput> = {
  kind: 'split',
  // 2: methods beyond hold-out, validation rows, folds, part summaries and the shared-duplicates check.
  version: 2,
  title: 'Split',
  step: 'split',
  icon: '✂',
  description: 'Hold out test rows the model never sees in training; cross-validation folds over the rest',
  needs: ['dataset', 'frame'],
  produces: 'split',
  defaultConfig: () => ({ method: 'holdout', testFraction: 0.2, validationFraction: 0, stratify: true, seed: 42, k: 5 }),
  async run({ config, inputs, progress }) {
    const frame = inputs.frame as FrameSummary;
    progress({ label: 'Splitting and looking for test rows that repeat training rows…' });
    const value = await dataWorker().call((api) => api.split(inputs.dataset!.datasetId, frame, splitRequest(config)));
    return { value };
  },
  summary: (s) => {
    const parts = [`${s.train.length.toLocaleString()} train`];
    if (s.validation) parts.push(`${s.validation.length.toLocaleString()} validation`);
    parts.push(`${s.test.length.toLocaleString()} test`);
    if (s.folds) parts.push(`${s.folds.length} folds`);
    if (s.stratified) parts.push('stratified');
    if (s.sharedDuplicates?.count) parts.push(`${s.sharedDuplicates.count.toLocaleString()} shared duplicates`);
    return parts.join(' · ');
  },
  badge: (s) => (s.sharedDuplicates?.count ? { text: 'duplicates', tone: 'warn' } : undefined),
  View,
};
