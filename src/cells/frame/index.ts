// Frame cell: the target to predict, the task (classification or regression) and the baseline to beat.
import type { CellKind } from '../types';
import type { FrameSummary } from '../../core/frame/frame';
import { dataWorker } from '../../client/workers';
import { UserError } from '../../core/errors/user-error';
import View from './View.svelte';

export interface FrameConfig {
  target: string;
  task: 'auto' | 'classification' | 'regression';
}

export const frameCell: CellKind<FrameConfig, FrameSummary> = {
  kind: 'frame',
  version: 1,
  title: 'Frame',
  step: 'frame',
  icon: '◎',
  description: 'Target column, task and the baseline to beat',
  needs: ['dataset'],
  produces: 'frame',
  defaultConfig: () => ({ target: '', task: 'auto' }),
  async run({ config, inputs }) {
    if (!config.target) throw new UserError('Choose the column to predict.');
    const task = config.task === 'auto' ? undefined : config.task;
    const value = await dataWorker().call((api) => api.frame(inputs.dataset!.datasetId, config.target, task));
    return { value };
  },
  summary: (f) =>
    f.baseline.metric === 'accuracy'
      ? `${f.target} · ${f.task}, ${f.classes?.length ?? 0} classes · baseline accuracy ${(f.baseline.value * 100).toFixed(1)}%`
      : `${f.target} · regression · baseline RMSE ${f.baseline.value.toPrecision(4)}`,
  View,
};
