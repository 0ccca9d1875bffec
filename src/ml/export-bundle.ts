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

export interface ExportBundleOptions {
  artifacts: ModelArtifactsPlain;
  spec: PreprocessSpec;
  frame: FrameSummary;
  evaluation?: object;
  projectName: string;
  /** Rows for example-request.json (raw feature values, as exampleRows() picks them from held-out rows). */
  exampleRows: ExampleRow[];
  /** Lathe's version, written into model.onnx. */
  producerVersion: string;
}

export function buildExportZip(opts: ExportBundleOptions): Uint8Array {
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
  return zipSync({
    'tfjs/model.json': files['model.json'],
    'tfjs/weights.bin': files['weights.bin'],
    'preprocessing.json': strToU8(JSON.stringify(preprocessing, null, 2)),
    // At the top for anyone running it directly; the Triton repository below holds the same bytes.
    'model.onnx': onnx,
    ...servingFiles({ name, onnx, signature, exampleRows: opts.exampleRows }),
    'README.md': strToU8(readme(opts) + '\n' + servingReadme(name, signature)),
  });
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
