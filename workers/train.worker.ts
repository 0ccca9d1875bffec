// Train worker: backend selection, training, prediction and export, as thin adapters over src/ml.
import * as Comlink from 'comlink';
import { guard } from './guard';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { selectBackend } from '../src/ml/backend';
import { predictLinear } from '../src/ml/linear-model';
import { transformRows } from '../src/core/prep/preprocess';
import { trainModel, type TrainConfig, type TrainProgress } from '../src/ml/train-run';
import { encodeTarget } from '../src/core/prep/target';
import { buildEvaluation } from '../src/cells/evaluate/build-evaluation';
import { buildExportBundle, type ExportBundleOptions, type ExportSource } from '../src/ml/export-bundle';
import { lineageExport } from '../src/ml/onnx/recipe-feeds';
import { onnxParity, onnxParitySafe, PARITY_MAX_ROWS, type OrtModule } from '../src/ml/onnx-parity';
import { pipelineTarget } from '../src/ml/onnx/export-onnx';
// Only a URL: the 14 MB runtime is fetched when an export first checks parity, never at start-up.
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
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

/** onnxruntime-web's wasm build, loaded on first use. */
async function loadOnnxRuntime(): Promise<OrtModule> {
  const ort = await import('onnxruntime-web/wasm');
  // Threads need SharedArrayBuffer, which a page that is not cross-origin isolated does not get.
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = { wasm: ortWasm };
  return ort;
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
  /** The model on the test rows: every metric, curves, predictions worst first, permutation importance (with progress). */
  evaluate(
    datasetId: string,
    frame: FrameSummary,
    split: { train: Int32Array; test: Int32Array },
    model: { artifacts: ModelArtifactsPlain; spec: PreprocessSpec },
    onProgress?: (done: number, total: number) => void,
  ) {
    return guard(async () => {
      await ensureBackend(chosen?.pref ?? 'auto');
      const table = await tableFor(datasetId);
      const d = model.spec.outputWidth;
      return buildEvaluation({
        frame,
        spec: model.spec,
        rows: split.test,
        X: transformRows(model.spec, table, split.test),
        yTrue: encodeTarget(table, frame, split.test),
        yTrain: encodeTarget(table, frame, split.train),
        predict: (X, n) => predictLinear(model.artifacts, X, n, d),
        onProgress,
      });
    });
  },
  exportZip(
    datasetId: string,
    testRows: Int32Array,
    opts: Omit<ExportBundleOptions, 'exampleRows' | 'producerVersion' | 'parity' | 'recipe' | 'dataNote'>,
    source: ExportSource = {},
  ) {
    return guard(async () => {
      const table = await tableFor(datasetId);
      // With a recipe inside, model.onnx takes the raw rows the prepared ones came from.
      const lineage = source.lineage && lineageExport(opts.spec, source.lineage, await tableFor(source.lineage.datasetId));
      const exampleRows = lineage ? lineage.exampleRows(testRows.subarray(0, 200)) : pickExampleRows(opts.spec, table, testRows.subarray(0, 2));
      const rows = testRows.subarray(0, PARITY_MAX_ROWS);
      const bundle = { ...opts, exampleRows, producerVersion: LATHE_VERSION, ...(lineage ? { recipe: lineage.recipe } : {}), ...(source.note ? { dataNote: source.note } : {}) };
      return buildExportBundle(bundle, async (onnx) => {
        // Lathe's own answers, as evaluateModel makes them; a failure here is Lathe's, not the runtime's.
        await ensureBackend(chosen?.pref ?? 'auto');
        const expected = await predictLinear(opts.artifacts, transformRows(opts.spec, table, rows), rows.length, opts.spec.outputWidth);
        const feeds = lineage?.feeds(rows);
        return onnxParitySafe(async () => {
          const ort = await loadOnnxRuntime();
          return onnxParity({ ort, onnx, spec: opts.spec, target: pipelineTarget(opts.frame), table, rows, expected, ...(feeds ? { feeds } : {}) });
        });
      });
    });
  },
  /** Lathe's own predictions for table rows, with the raw values the exported graph takes (deploy parity). */
  predictRows(
    datasetId: string,
    rows: Int32Array,
    model: { artifacts: ModelArtifactsPlain; spec: PreprocessSpec },
    source: ExportSource = {},
  ) {
    return guard(async () => {
      await ensureBackend(chosen?.pref ?? 'auto');
      const table = await tableFor(datasetId);
      const X = transformRows(model.spec, table, rows);
      const output = await predictLinear(model.artifacts, X, rows.length, model.spec.outputWidth);
      // A model exported with its recipe takes the raw rows the prepared ones came from, as in exportZip.
      const lineage = source.lineage && lineageExport(model.spec, source.lineage, await tableFor(source.lineage.datasetId));
      return { inputs: lineage ? lineage.exampleRows(rows) : pickExampleRows(model.spec, table, rows), output };
    });
  },
};

export type TrainWorkerApi = typeof api;
Comlink.expose(api);
