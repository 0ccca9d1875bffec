// Export cell: a .zip with the model as TF.js and as one ONNX pipeline graph, serving manifests and a README.
import type { CellKind } from '../types';
import type { FrameSummary } from '../../core/frame/frame';
import type { Evaluation } from '../../core/metrics/evaluate';
import type { TrainResult } from '../../ml/train-run';
import type { SplitOutput } from '../split/index';
import { trainWorker } from '../../client/workers';
import View from './View.svelte';

export type ExportConfig = { fileName: string };

export interface ExportOutput {
  fileName: string;
  zip: Uint8Array;
  size: number;
}

export const exportCell: CellKind<ExportConfig, ExportOutput> = {
  kind: 'export',
  version: 2,
  title: 'Export',
  step: 'deploy',
  icon: '⇩',
  description: 'Download the model and its preprocessing as a .zip',
  needs: ['dataset', 'frame', 'split', 'model', 'evaluation'],
  produces: 'export',
  defaultConfig: () => ({ fileName: 'model.zip' }),
  async run({ config, inputs, projectName }) {
    const model = inputs.model as TrainResult;
    const zip = await trainWorker().call((api) =>
      api.exportZip(inputs.dataset!.datasetId, (inputs.split as SplitOutput).test, {
        artifacts: model.artifacts,
        spec: model.spec,
        frame: inputs.frame as FrameSummary,
        evaluation: inputs.evaluation as Evaluation,
        projectName,
      }),
    );
    const fileName = config.fileName.endsWith('.zip') ? config.fileName : config.fileName + '.zip';
    return { value: { fileName, zip, size: zip.byteLength } };
  },
  summary: (o) => `${o.fileName} · ${(o.size / 1024).toFixed(1)} KB`,
  View,
};
