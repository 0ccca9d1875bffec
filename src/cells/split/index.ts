// Split cell: a seeded hold-out split into training and test rows, stratified for classification.
import type { CellKind } from '../types';
import type { FrameSummary } from '../../core/frame/frame';
import { dataWorker } from '../../client/workers';
import View from './View.svelte';

export interface SplitConfig {
  testFraction: number;
  stratify: boolean;
  seed: number;
}

export interface SplitOutput {
  train: Int32Array;
  test: Int32Array;
  stratified: boolean;
}

export const splitCell: CellKind<SplitConfig, SplitOutput> = {
  kind: 'split',
  version: 1,
  title: 'Split',
  step: 'split',
  icon: '✂',
  description: 'Hold out test rows the model never sees in training',
  needs: ['dataset', 'frame'],
  produces: 'split',
  defaultConfig: () => ({ testFraction: 0.2, stratify: true, seed: 42 }),
  async run({ config, inputs }) {
    const frame = inputs.frame as FrameSummary;
    const stratify = config.stratify && frame.task === 'classification';
    const s = await dataWorker().call((api) =>
      api.split(inputs.dataset!.datasetId, frame, { testFraction: config.testFraction, stratify, seed: config.seed }),
    );
    return { value: { train: s.train, test: s.test, stratified: stratify } };
  },
  summary: (s) =>
    `${s.train.length.toLocaleString()} train · ${s.test.length.toLocaleString()} test${s.stratified ? ' · stratified' : ''}`,
  View,
};
