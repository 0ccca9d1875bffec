// Train cell: fits logistic (softmax) or linear regression in the train worker, with a live loss curve.
import type { CellKind } from '../types';
import type { FrameSummary } from '../../core/frame/frame';
import type { SplitOutput } from '../split';
import type { TrainConfig, TrainProgress, TrainResult } from '../../ml/train-run';
import { trainWorker } from '../../client/workers';
import { Comlink } from '../../client/worker-handle';
import View from './View.svelte';

export interface TrainLive {
  history: { epoch: number; loss: number; valLoss?: number }[];
  epochs: number;
}

export const trainCell: CellKind<TrainConfig, TrainResult> = {
  kind: 'train',
  version: 1,
  title: 'Train',
  step: 'optimise',
  icon: '⟳',
  description: 'Fit a model on the training rows',
  needs: ['dataset', 'frame', 'split'],
  produces: 'model',
  defaultConfig: () => ({
    model: 'linear',
    epochs: 60,
    learningRate: 0.05,
    l2: 0.001,
    batchSize: 32,
    seed: 42,
    backend: 'auto',
  }),
  async run({ config, inputs, progress, live }) {
    const frame = inputs.frame as FrameSummary;
    const split = inputs.split as SplitOutput;
    const history: TrainLive['history'] = [];
    progress({ fraction: 0, label: 'Choosing a backend…' });
    const value = await trainWorker().call((api) =>
      api.train(
        inputs.dataset!.datasetId,
        frame,
        split,
        config,
        Comlink.proxy((p: TrainProgress) => {
          history.push({ epoch: p.epoch, loss: p.loss, valLoss: p.valLoss });
          live({ history: [...history], epochs: p.epochs } satisfies TrainLive);
          progress({
            fraction: p.epoch / p.epochs,
            label: `Epoch ${p.epoch} of ${p.epochs} · loss ${p.loss.toFixed(4)} · ${p.backend}`,
          });
        }),
      ),
    );
    return { value };
  },
  summary: (r) =>
    `${r.task === 'classification' ? 'Logistic' : 'Linear'} regression · ${r.epochsRun} epochs · final loss ${r.history.at(-1)?.loss.toFixed(4) ?? '–'} · ${r.backend.name}`,
  View,
};
