// Evaluate cell: the model's metrics on the held-out test rows, beside the baseline.
import type { CellKind } from '../types';
import type { FrameSummary } from '../../core/frame/frame';
import type { Evaluation } from '../../core/metrics/evaluate';
import type { SplitOutput } from '../split';
import type { TrainResult } from '../../ml/train-run';
import { trainWorker } from '../../client/workers';
import View from './View.svelte';

export type EvaluateConfig = Record<string, never>;

export const evaluateCell: CellKind<EvaluateConfig, Evaluation> = {
  kind: 'evaluate',
  version: 1,
  title: 'Evaluate',
  step: 'optimise',
  icon: '✓',
  description: 'Score the model on the test rows against the baseline',
  needs: ['dataset', 'frame', 'split', 'model'],
  produces: 'evaluation',
  defaultConfig: () => ({}),
  async run({ inputs, progress }) {
    const model = inputs.model as TrainResult;
    progress({ label: 'Predicting the test rows…' });
    const value = await trainWorker().call((api) =>
      api.evaluate(inputs.dataset!.datasetId, inputs.frame as FrameSummary, inputs.split as SplitOutput, {
        artifacts: model.artifacts,
        spec: model.spec,
      }),
    );
    return { value };
  },
  summary: (e) =>
    e.task === 'classification'
      ? `Test accuracy ${(e.metrics.accuracy! * 100).toFixed(1)}% · baseline ${(e.baseline.value * 100).toFixed(1)}%`
      : `Test RMSE ${e.metrics.rmse!.toPrecision(4)} · R² ${e.metrics.r2!.toFixed(3)} · baseline RMSE ${e.baseline.value.toPrecision(4)}`,
  View,
};
