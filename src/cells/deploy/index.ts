// Deploy cell: uploads the exported model to an Open Inference Protocol endpoint and checks it answers as Lathe does.
import { unzipSync } from 'fflate';
import type { CellKind } from '../types';
import type { FrameSummary } from '../../core/frame/frame';
import type { TrainResult } from '../../ml/train-run';
import type { SplitOutput } from '../split/index';
import type { ExportOutput } from '../export/index';
import { UserError } from '../../core/errors/user-error';
import { servingName } from '../../ml/manifests/serving-name';
import { trainWorker } from '../../client/workers';
import { connectionOf } from '../../deploy/endpoints';
import { deployModel, type DeployResult } from '../../deploy/deploy';
import { addDeployment, getEndpoint, loadPresetEndpoints } from '../../store/endpoints';
import { lineageOf } from '../../core/recipe/lineage';
import View from './View.svelte';

/** Only the endpoint's id: its URL and token stay in this browser's endpoints table, out of project files and links. */
export type DeployConfig = { endpointId: string | null; parityRows: number };

export interface DeployOutput extends DeployResult {
  projectId: string;
  endpointId: string;
  endpointName: string;
  at: number;
}

export const DEFAULT_PARITY_ROWS = 200;

export const deployCell: CellKind<DeployConfig, DeployOutput> = {
  kind: 'deploy',
  version: 1,
  title: 'Deploy',
  step: 'deploy',
  icon: '⇪',
  description: 'Serve the model on an Open Inference Protocol endpoint and check it agrees with Lathe',
  needs: ['dataset', 'frame', 'split', 'model', 'evaluation', 'export'],
  produces: 'deployment',
  defaultConfig: () => ({ endpointId: null, parityRows: DEFAULT_PARITY_ROWS }),
  async run({ config, inputs, projectId, projectName, progress }) {
    if (!config.endpointId) throw new UserError('Choose an endpoint to deploy to.', 'Use “Edit endpoints” to add one, such as a `lathe serve --allow-upload` on this computer.');
    const endpoint = await getEndpoint(config.endpointId, await loadPresetEndpoints());
    if (!endpoint) throw new UserError('The chosen endpoint no longer exists in this browser.', 'Pick another endpoint, or add it again with “Edit endpoints”.');
    const model = inputs.model as TrainResult;
    const frame = inputs.frame as FrameSummary;
    const exported = inputs.export as ExportOutput;
    const files = unzipSync(exported.zip);
    if (!files['model.onnx'] || !files['metadata.json']) throw new UserError('The Export cell’s bundle has no model.onnx or metadata.json.', 'Run the Export cell again.');

    progress({ fraction: 0, label: 'Computing Lathe’s predictions for the parity rows' });
    const test = (inputs.split as SplitOutput).test;
    const rows = test.subarray(0, Math.max(1, Math.min(config.parityRows, test.length)));
    // The served graph takes the raw columns when a Prepare cell's recipe went into it (see the Export cell).
    const lineage = lineageOf(inputs.dataset!);
    const predicted = await trainWorker().call((api) =>
      api.predictRows(inputs.dataset!.datasetId, rows, { artifacts: model.artifacts, spec: model.spec }, lineage ? { lineage } : {}),
    );

    const name = endpoint.model || servingName(projectName);
    const result = await deployModel({
      conn: connectionOf(endpoint),
      model: name,
      files: { onnx: files['model.onnx'], metadata: files['metadata.json'] },
      ...(endpoint.uploadTarget ? { uploadTarget: { url: endpoint.uploadTarget, bundle: exported.zip } } : {}),
      rows: predicted.inputs,
      predictions: { task: frame.task, classes: frame.classes, output: predicted.output, rows: rows.length },
      onProgress: (p) => progress({ fraction: p.fraction, label: p.label }),
    });
    const at = Date.now();
    // Written only once the model is served: a deploy that failed before leaves the history as it was.
    await addDeployment({
      id: crypto.randomUUID(),
      projectId,
      model: name,
      endpointId: endpoint.id,
      endpointName: endpoint.name,
      baseUrl: endpoint.baseUrl,
      at,
      version: result.version,
      result: result.pass ? 'passed' : 'parity-failed',
      rows: result.rows,
      maxAbsDiff: result.maxAbsDiff,
      labelMismatches: result.labelMismatches,
      p50Ms: result.p50Ms,
      p95Ms: result.p95Ms,
    });
    return { value: { ...result, projectId, endpointId: endpoint.id, endpointName: endpoint.name, at } };
  },
  summary: (o) => `${o.model} v${o.version} on ${o.endpointName} · parity ${o.pass ? 'passed' : 'FAILED'} · p50 ${o.p50Ms.toFixed(1)} ms`,
  View,
};
