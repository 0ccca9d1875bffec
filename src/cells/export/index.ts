// Export cell: a .zip with the model as TF.js and as one ONNX pipeline graph, serving manifests, a README and
// a model card, after checking in the browser that the ONNX graph answers as Lathe does.
import type { CellKind } from '../types';
import type { Profile } from '../../core/profile/types';
import { profileFacts } from '../../ml/model-card';
import type { ParityResult } from '../../ml/onnx-parity';
import type { ServingSummary } from '../../ml/export-bundle';
import { lineageOf } from '../../core/recipe/lineage';
import type { FrameSummary } from '../../core/frame/frame';
import { evaluationSummary, type EvaluationSummary } from './evaluation-summary';
import type { TrainResult } from '../../ml/train-run';
import type { SplitOutput } from '../split/index';
import { trainWorker } from '../../client/workers';
import View from './View.svelte';

export type ExportConfig = { fileName: string };

export interface ExportOutput {
  fileName: string;
  zip: Uint8Array;
  size: number;
  /** The paths in the zip (absent in outputs stored before version 3). */
  files?: string[];
  /** model.onnx against Lathe's own predictions on held-out rows (absent in outputs stored before version 3). */
  parity?: ParityResult;
  /** With a Prepare cell above: which recipe steps model.onnx applies, which a client must (and the columns it takes). */
  serving?: ServingSummary;
}

export const exportCell: CellKind<ExportConfig, ExportOutput> = {
  kind: 'export',
  version: 3,
  title: 'Export',
  step: 'deploy',
  icon: '⇩',
  description: 'Download the model and its preprocessing as a .zip',
  // Profile for the model card's data summary: the sample and a new project both have one above Export.
  needs: ['dataset', 'profile', 'frame', 'split', 'model', 'evaluation'],
  produces: 'export',
  defaultConfig: () => ({ fileName: 'model.zip' }),
  async run({ config, inputs, projectName, progress }) {
    const model = inputs.model as TrainResult;
    const dataset = inputs.dataset!;
    const profile = inputs.profile as Profile | undefined;
    // The Evaluate cell's output also holds every prediction and curve: the bundle needs only the figures.
    const evaluation = evaluationSummary(inputs.evaluation as EvaluationSummary);
    // A Prepare cell's lineage lets model.onnx take the raw columns; a Code cell's table has none to follow.
    const lineage = lineageOf(dataset);
    const source = lineage
      ? { lineage }
      : Array.isArray((dataset as { logs?: unknown }).logs)
        ? { note: `The training columns come from a Code cell ("${dataset.name}"): model.onnx takes them as that code leaves them, so whatever the code (and any recipe above it) does must be done before calling the model.` }
        : {};
    progress({ label: 'Packing the bundle and checking model.onnx against Lathe…' });
    const bundle = await trainWorker().call((api) =>
      api.exportZip(dataset.datasetId, (inputs.split as SplitOutput).test, {
        artifacts: model.artifacts,
        spec: model.spec,
        frame: inputs.frame as FrameSummary,
        evaluation,
        projectName,
        card: {
          data: { name: dataset.name, rows: dataset.rows, columns: dataset.columns.length },
          ...(profile && Array.isArray(profile.alerts) ? { profile: profileFacts(profile) } : {}),
          training: {
            model: model.task === 'classification' ? 'Logistic regression (softmax)' : 'Linear regression',
            trainRows: model.trainRows,
            epochsRun: model.epochsRun,
            finalLoss: model.history.at(-1)?.loss,
            backend: model.backend.name,
          },
          evaluation,
          date: new Date().toISOString(),
        },
      }, source),
    );
    const fileName = config.fileName.endsWith('.zip') ? config.fileName : config.fileName + '.zip';
    const { zip, files, parity, serving } = bundle;
    return { value: { fileName, zip, size: zip.byteLength, files, ...(parity ? { parity } : {}), ...(serving ? { serving } : {}) } };
  },
  summary: (o) =>
    `${o.fileName} · ${(o.size / 1024).toFixed(1)} KB` +
    (o.parity ? (o.parity.error ? ' · ONNX not checked' : o.parity.passed ? ' · ONNX matches' : ' · ONNX differs') : ''),
  View,
};
