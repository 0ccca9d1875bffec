// Evaluate cell: the model on the held-out test rows under the metric that matters, against the baseline;
// every metric, the curves, the errors worst first and which features the model relies on.
import type { CellKind } from '../types';
import type { FrameSummary } from '../../core/frame/frame';
import type { SplitOutput } from '../split';
import type { TrainResult } from '../../ml/train-run';
import { defaultMetric, metricInfo } from '../../core/metrics/registry';
import { trainWorker } from '../../client/workers';
import { Comlink } from '../../client/worker-handle';
import { formatMetric, inSentence } from '../frame/baseline-text';
import type { EvaluateOutput } from './build-evaluation';
import View from './View.svelte';

export type EvaluateConfig = Record<string, never>;
export type { EvaluateOutput };

export const evaluateCell: CellKind<EvaluateConfig, EvaluateOutput> = {
  kind: 'evaluate',
  // 2: every metric of the task, curves, calibration, predictions and permutation importance.
  version: 2,
  title: 'Evaluate',
  step: 'optimise',
  icon: '✓',
  description: 'Score the model on the test rows against the baseline: metrics, curves, errors, feature importance',
  needs: ['dataset', 'frame', 'split', 'model'],
  produces: 'evaluation',
  defaultConfig: () => ({}),
  async run({ inputs, progress }) {
    const model = inputs.model as TrainResult;
    progress({ label: 'Predicting the test rows…' });
    const value = await trainWorker().call((api) =>
      api.evaluate(
        inputs.dataset!.datasetId,
        inputs.frame as FrameSummary,
        inputs.split as SplitOutput,
        { artifacts: model.artifacts, spec: model.spec },
        Comlink.proxy((done: number, total: number) =>
          progress({ fraction: done / total, label: `Permutation importance: ${done} of ${total} shuffles` }),
        ),
      ),
    );
    return { value };
  },
  // Shared without data: each test row's actual and predicted values quote the data; the aggregates stay.
  redact: (e) => {
    const out = { ...e };
    delete out.predictions;
    delete out.plotIndices;
    return out;
  },
  summary: (e) => {
    const metric = e.metric ?? defaultMetric(e.task);
    const score = e.scores?.[metric] ?? (e.task === 'classification' ? e.metrics.accuracy : e.metrics.rmse);
    const base = e.baselineScores?.[metric] ?? e.baseline.value;
    return `Test ${inSentence(metricInfo(metric).label)} ${formatMetric(metric, score)} · baseline ${formatMetric(metric, base)} · ${e.n.toLocaleString()} rows`;
  },
  View,
};
