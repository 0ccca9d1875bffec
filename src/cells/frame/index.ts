// Frame cell: the target to predict, the task, the metric that matters, the features, and the baseline to beat.
import type { CellKind } from '../types';
import type { FrameSummary } from '../../core/frame/frame';
import type { MetricName } from '../../core/metrics/registry';
import { dataWorker } from '../../client/workers';
import { UserError } from '../../core/errors/user-error';
import { baselineHeadline } from './baseline-text';
import View from './View.svelte';

export interface FrameConfig {
  target: string;
  task: 'auto' | 'classification' | 'regression';
  /** The metric that matters; absent: the task's default. */
  metric?: MetricName;
  /** Default features the user left out. */
  dropped?: string[];
  /** Columns the defaults left out (identifier-like) that the user put back. */
  added?: string[];
}

export const frameCell: CellKind<FrameConfig, FrameSummary> = {
  kind: 'frame',
  // 2: the output names the metric, scores the baseline under every metric, and warns about leakage.
  version: 2,
  title: 'Frame',
  step: 'frame',
  icon: '◎',
  description: 'Target column, task, the metric that matters and the baseline to beat',
  needs: ['dataset'],
  produces: 'frame',
  defaultConfig: () => ({ target: '', task: 'auto' }),
  async run({ config, inputs, progress }) {
    if (!config.target) throw new UserError('Choose the column to predict.');
    progress({ label: 'Reading the target and checking each feature for leakage…' });
    const task = config.task === 'auto' ? undefined : config.task;
    const options = { metric: config.metric, dropped: config.dropped ?? [], added: config.added ?? [] };
    const value = await dataWorker().call((api) => api.frame(inputs.dataset!.datasetId, config.target, task, options));
    return { value };
  },
  summary: (f) => {
    const what = f.task === 'classification' ? `classification, ${f.classes?.length ?? 0} classes` : 'regression';
    const leaks = f.leakage?.length ? ` · ${f.leakage.length} possible ${f.leakage.length === 1 ? 'leak' : 'leaks'}` : '';
    return `${f.target} · ${what} · ${baselineHeadline(f)}${leaks}`;
  },
  badge: (f) => (f.leakage?.length ? { text: 'leakage?', tone: 'warn' } : undefined),
  View,
};
