// Train worker: backend selection, training, prediction and export, as thin adapters over src/ml.
import * as Comlink from 'comlink';
import { guard } from './guard';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { selectBackend } from '../src/ml/backend';
import { trainModel, evaluateModel, type TrainConfig, type TrainProgress } from '../src/ml/train-run';
import { buildExportZip } from '../src/ml/export-bundle';
import { exampleRows as pickExampleRows } from '../src/ml/manifests/example-rows';
import { LATHE_VERSION } from '../src/version';
import { tableFor } from './tables';
import type { FrameSummary } from '../src/core/frame/frame';
import type { ModelArtifactsPlain } from '../src/ml/artifacts';
import type { PreprocessSpec } from '../src/core/prep/preprocess';

const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};

type BackendPref = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';
let chosen: { pref: BackendPref; choice: Awaited<ReturnType<typeof selectBackend>> } | undefined;

async function ensureBackend(pref: BackendPref) {
  if (!chosen || chosen.pref !== pref) {
    const choice = await selectBackend({ prefer: pref === 'auto' ? undefined : pref, wasmPaths });
    chosen = { pref, choice };
  }
  return chosen.choice;
}

const api = {
  train(
    datasetId: string,
    frame: FrameSummary,
    split: { train: Int32Array; test: Int32Array },
    config: TrainConfig,
    onProgress?: (p: TrainProgress) => void,
  ) {
    return guard(async () => {
      const backend = await ensureBackend(config.backend);
      const table = await tableFor(datasetId);
      return { ...(await trainModel(table, frame, split.train, config, onProgress)), backend };
    });
  },
  evaluate(
    datasetId: string,
    frame: FrameSummary,
    split: { train: Int32Array; test: Int32Array },
    model: { artifacts: ModelArtifactsPlain; spec: PreprocessSpec },
  ) {
    return guard(async () => {
      await ensureBackend(chosen?.pref ?? 'auto');
      return evaluateModel(await tableFor(datasetId), frame, split, model.artifacts, model.spec);
    });
  },
  exportZip(
    datasetId: string,
    testRows: Int32Array,
    opts: Omit<Parameters<typeof buildExportZip>[0], 'exampleRows' | 'producerVersion'>,
  ) {
    return guard(async () => {
      const table = await tableFor(datasetId);
      const exampleRows = pickExampleRows(opts.spec, table, testRows.subarray(0, 2));
      return buildExportZip({ ...opts, exampleRows, producerVersion: LATHE_VERSION });
    });
  },
};

export type TrainWorkerApi = typeof api;
Comlink.expose(api);
