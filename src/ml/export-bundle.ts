// Packs a trained model into a zip: TF.js files with the preprocessing recipe, and the whole pipeline as
// one ONNX graph with the files Triton, Seldon Core v2 and KServe need to serve it.

import { strToU8, zipSync } from 'fflate';
import type { FrameSummary } from '../core/frame/frame.ts';
import { featureNames, type PreprocessSpec } from '../core/prep/preprocess.ts';
import { artifactFiles, type ModelArtifactsPlain } from './artifacts.ts';
import { exportOnnx } from './onnx/export-onnx.ts';
import { servingName } from './manifests/serving-name.ts';
import { servingFiles } from './manifests/serving-files.ts';
import { servingReadme } from './manifests/serving-readme.ts';
import type { ExampleRow } from './manifests/oip-infer-request.ts';
import { modelCard, type ModelCardFacts } from './model-card.ts';
import type { ParityResult } from './onnx-parity.ts';

/** What the model card needs beyond what the bundle options already say. */
export type ModelCardInputs = Omit<ModelCardFacts, 'projectName' | 'frame' | 'spec' | 'latheVersion' | 'parity'>;

export interface ExportBundleOptions {
  artifacts: ModelArtifactsPlain;
  spec: PreprocessSpec;
  frame: FrameSummary;
  evaluation?: object;
  projectName: string;
  /** Rows for example-request.json (raw feature values, as exampleRows() picks them from held-out rows). */
  exampleRows: ExampleRow[];
  /** Lathe's version, written into model.onnx and the model card. */
  producerVersion: string;
  card: ModelCardInputs;
  /** The parity check's result, for the model card (see buildExportBundle to run it on the bundle's own graph). */
  parity?: ParityResult;
}

export interface ExportBundle {
  zip: Uint8Array;
  /** The paths in the zip, in the order written. */
  files: string[];
  parity?: ParityResult;
}

/**
 * The zip, with a parity check run on its own model.onnx before the model card is written, so the
 * card reports the very graph it ships with.
 */
export async function buildExportBundle(
  opts: ExportBundleOptions,
  checkParity?: (onnx: Uint8Array) => Promise<ParityResult>,
): Promise<ExportBundle> {
  const files = bundleFiles(opts);
  const parity = checkParity ? await checkParity(files['model.onnx']) : opts.parity;
  return finish(files, opts, parity);
}

export function buildExportZip(opts: ExportBundleOptions): Uint8Array {
  return finish(bundleFiles(opts), opts, opts.parity).zip;
}

function finish(files: Record<string, Uint8Array>, opts: ExportBundleOptions, parity: ParityResult | undefined): ExportBundle {
  const card = modelCard({
    ...opts.card,
    projectName: opts.projectName,
    frame: opts.frame,
    spec: opts.spec,
    latheVersion: opts.producerVersion,
    parity,
  });
  const all = { ...files, 'model-card.md': strToU8(card) };
  return { zip: zipSync(all), files: Object.keys(all), ...(parity ? { parity } : {}) };
}

function bundleFiles(opts: ExportBundleOptions): Record<string, Uint8Array> {
  const files = artifactFiles(opts.artifacts);
  const preprocessing = preprocessingDocument(opts);
  const name = servingName(opts.projectName);
  const { onnx, signature } = exportOnnx({
    artifacts: opts.artifacts,
    spec: opts.spec,
    frame: opts.frame,
    name,
    producerVersion: opts.producerVersion,
  });
  return {
    'tfjs/model.json': files['model.json'],
    'tfjs/weights.bin': files['weights.bin'],
    'preprocessing.json': strToU8(JSON.stringify(preprocessing, null, 2)),
    // At the top for anyone running it directly; the Triton repository below holds the same bytes.
    'model.onnx': onnx,
    ...servingFiles({ name, onnx, signature, exampleRows: opts.exampleRows }),
    'README.md': strToU8(readme(opts) + '\n' + servingReadme(name, signature)),
  };
}

function preprocessingDocument({ spec, frame, artifacts, evaluation }: ExportBundleOptions): object {
  return {
    ...spec,
    target: frame.target,
    task: frame.task,
    ...(frame.classes ? { classes: frame.classes } : {}),
    inputColumns: spec.features.map((f) => f.name),
    featureOrder: featureNames(spec),
    inputLayout:
      `One row of ${spec.outputWidth} float32 values, in featureOrder. Numeric column: ` +
      '(value - mean) / std, with missing or non-finite values replaced by impute first. One-hot column: ' +
      'one slot per category, 1 for the row\'s category, all 0 for an unseen one; a missing value counts as impute.',
    output:
      frame.task === 'classification'
        ? `Probabilities for the ${artifacts.meta.nClasses} classes, in the order of classes.`
        : `The predicted ${frame.target}, in its own units (no rescaling needed).`,
    ...(evaluation ? { evaluation } : {}),
  };
}

function readme({ projectName, frame, spec }: ExportBundleOptions): string {
  const task = frame.task === 'classification' ? `classifies **${frame.target}** (${frame.classes?.join(', ')})` : `predicts **${frame.target}**`;
  return `# ${projectName}: exported model

This model ${task} from ${spec.features.length} columns. It was trained in Lathe.

## Files

- \`model-card.md\`: what the model is for, its data, training, test metrics, limitations, and whether
  \`model.onnx\` gave the same answers as Lathe.
- \`tfjs/model.json\`, \`tfjs/weights.bin\`: a TensorFlow.js layers model.
- \`preprocessing.json\`: how to turn a row of raw values into the model's input (\`features\`, in order),
  and what the output means (\`classes\` for classification).

## Use it

\`\`\`js
import * as tf from '@tensorflow/tfjs';

const model = await tf.loadLayersModel('tfjs/model.json'); // in Node: tf.io.fileSystem or tfjs-node
const prep = await (await fetch('preprocessing.json')).json();

// row: { columnName: value, ... } with raw values as in the training data
function encode(row) {
  const x = [];
  for (const f of prep.features) {
    const v = row[f.name];
    if (f.kind === 'numeric') {
      const n = typeof v === 'number' && Number.isFinite(v) ? v : f.impute;
      x.push((n - f.mean) / f.std);
    } else {
      const label = v === null || v === undefined || v === '' ? f.impute : String(v);
      for (const c of f.categories) x.push(c === label ? 1 : 0);
    }
  }
  return x;
}

const out = model.predict(tf.tensor2d([encode(row)], [1, prep.outputWidth]));
const values = await out.data();
${
  frame.task === 'classification'
    ? "const best = values.indexOf(Math.max(...values));\nconsole.log(prep.classes[best], values[best]);"
    : 'console.log(values[0]);'
}
\`\`\`

Booleans are 0/1 and dates are milliseconds since 1970-01-01 UTC, as in the training data.
`;
}
