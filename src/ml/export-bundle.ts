// Packs a trained model into a zip: TF.js files with the preprocessing recipe, and the whole pipeline as
// one ONNX graph with the files Triton, Seldon Core v2 and KServe need to serve it. With a cleaning recipe
// (a Prepare cell above), recipe.json carries it and model.onnx applies its value steps to raw columns.

import { strToU8, zipSync } from 'fflate';
import type { FrameSummary } from '../core/frame/frame.ts';
import { featureNames, type PreprocessSpec } from '../core/prep/preprocess.ts';
import { artifactFiles, type ModelArtifactsPlain } from './artifacts.ts';
import { exportOnnx } from './onnx/export-onnx.ts';
import { servingName } from './manifests/serving-name.ts';
import { servingFiles } from './manifests/serving-files.ts';
import { servingReadme } from './manifests/serving-readme.ts';
import type { ExampleRow } from './manifests/oip-infer-request.ts';
import { escapeMarkdown, modelCard, type ModelCardFacts } from './model-card.ts';
import type { ParityResult } from './onnx-parity.ts';
import type { RecipeGraph } from './onnx/recipe-graph.ts';
import type { FittedRecipe } from '../core/recipe/types.ts';
import type { DatasetLineage } from '../core/recipe/lineage.ts';

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
  /** The cleaning recipe the training table came out of (a Prepare cell's lineage). */
  recipe?: RecipeExport;
  /** Where the training columns came from when no recipe reaches back to the raw data (e.g. a Code cell). */
  dataNote?: string;
}

/** Where the training table came from, as the Export cell passes it to the worker. */
export interface ExportSource {
  /** A Prepare cell's lineage: the raw dataset and the recipe from it. */
  lineage?: DatasetLineage;
  /** Said in the README and card when no recipe reaches back to the raw data (a Code cell in between). */
  note?: string;
}

export interface RecipeExport {
  /** Every step from the raw dataset to the training table, with its fitted numbers. */
  fitted: FittedRecipe;
  /** The raw dataset's name. */
  source: string;
}

/** Where each recipe step happens when the model serves: what the Export cell tells the user. */
export interface ServingSummary {
  /** The columns model.onnx takes: raw ones (after −1), or as step `after` (0-based) leaves them. */
  inputs: { name: string; column: string; after: number }[];
  /** The steps model.onnx applies, as sentences. */
  inGraph: string[];
  /** The steps a client applies before calling model.onnx (`lathe serve` applies them itself). */
  client: { step: number; text: string; reason: string }[];
  /** The steps that shaped the training rows only. */
  trainingOnly: string[];
  /** Where the inputs come from when no recipe reaches back to the raw data. */
  note?: string;
}

export interface ExportBundle {
  zip: Uint8Array;
  /** The paths in the zip, in the order written. */
  files: string[];
  parity?: ParityResult;
  /** With a recipe (or a note on the data's origin): where each step happens when serving. */
  serving?: ServingSummary;
}

/**
 * The zip, with a parity check run on its own model.onnx before the model card is written, so the
 * card reports the very graph it ships with.
 */
export async function buildExportBundle(
  opts: ExportBundleOptions,
  checkParity?: (onnx: Uint8Array) => Promise<ParityResult>,
): Promise<ExportBundle> {
  const built = bundleFiles(opts);
  const parity = checkParity ? await checkParity(built.files['model.onnx']) : opts.parity;
  return finish(built, opts, parity);
}

export function buildExportZip(opts: ExportBundleOptions): Uint8Array {
  return finish(bundleFiles(opts), opts, opts.parity).zip;
}

interface BuiltFiles {
  files: Record<string, Uint8Array>;
  recipe?: RecipeGraph;
}

function finish({ files, recipe }: BuiltFiles, opts: ExportBundleOptions, parity: ParityResult | undefined): ExportBundle {
  const card = modelCard({
    ...opts.card,
    projectName: opts.projectName,
    frame: opts.frame,
    spec: opts.spec,
    latheVersion: opts.producerVersion,
    parity,
  });
  const all = { ...files, 'model-card.md': strToU8(withRecipe(card, opts, recipe)) };
  const serving = servingSummary(recipe, opts.dataNote);
  return { zip: zipSync(all), files: Object.keys(all), ...(parity ? { parity } : {}), ...(serving ? { serving } : {}) };
}

function bundleFiles(opts: ExportBundleOptions): BuiltFiles {
  const files = artifactFiles(opts.artifacts);
  const name = servingName(opts.projectName);
  const { onnx, signature, recipe } = exportOnnx({
    artifacts: opts.artifacts,
    spec: opts.spec,
    frame: opts.frame,
    name,
    producerVersion: opts.producerVersion,
    ...(opts.recipe ? { recipe: opts.recipe.fitted } : {}),
  });
  const preprocessing = preprocessingDocument(opts, signature.inputs.map((i) => i.name));
  return {
    files: {
      'tfjs/model.json': files['model.json'],
      'tfjs/weights.bin': files['weights.bin'],
      'preprocessing.json': strToU8(JSON.stringify(preprocessing, null, 2)),
      ...(opts.recipe && recipe ? { 'recipe.json': strToU8(JSON.stringify(recipeDocument(opts.recipe, recipe), null, 2) + '\n') } : {}),
      // At the top for anyone running it directly; the Triton repository below holds the same bytes.
      'model.onnx': onnx,
      ...servingFiles({ name, onnx, signature, exampleRows: opts.exampleRows }),
      'README.md': strToU8(readme(opts, recipe) + '\n' + servingReadme(name, signature, recipe ? servingSteps(recipe) : undefined)),
    },
    ...(recipe ? { recipe } : {}),
  };
}

/** Format of recipe.json; bumped when its fields change meaning. */
export const RECIPE_FILE_VERSION = 1;

/**
 * recipe.json: the steps as sentences with where each happens when serving, the columns model.onnx takes,
 * and the fitted recipe itself (what applyFittedValues and `lathe serve` read).
 */
export function recipeDocument(recipe: RecipeExport, graph: RecipeGraph): object {
  return {
    format: 'lathe-recipe',
    version: RECIPE_FILE_VERSION,
    about:
      'The cleaning recipe the training table came out of, with every fitted number. place "graph": model.onnx applies the step ' +
      'itself; "client": model.onnx cannot, so apply steps 1 to the last such step (their value steps, in order, with the fitted ' +
      'numbers below) to each raw row and send the columns "inputs" lists; "training": the step only chose training rows; ' +
      '"unused": its result does not reach the model.',
    source: recipe.source,
    steps: graph.steps.map((s) => ({ step: s.index + 1, id: s.id, kind: s.kind, text: s.text, place: s.place, ...(s.reason ? { reason: s.reason } : {}) })),
    inputs: graph.inputs.map((i) => ({ name: i.name, column: i.column, afterStep: i.after < 0 ? null : i.after + 1, type: i.type, columnType: i.columnType })),
    rawColumns: graph.rawColumns,
    recipe: recipe.fitted,
  };
}

/** The steps by where they happen, for the README's and the Export cell's account. */
function servingSteps(graph: RecipeGraph) {
  const at = (place: string) => graph.steps.filter((s) => s.place === place);
  return {
    inGraph: at('graph').map((s) => `${s.index + 1}. ${s.text}`),
    client: at('client').map((s) => ({ step: s.index + 1, text: s.text, reason: s.reason ?? '' })),
    trainingOnly: at('training').map((s) => `${s.index + 1}. ${s.text}`),
    unused: at('unused').map((s) => `${s.index + 1}. ${s.text}`),
    clientThrough: graph.clientThrough + 1,
    inputs: graph.inputs,
    rawColumns: graph.rawColumns.map((c) => c.name),
  };
}

function servingSummary(graph: RecipeGraph | undefined, note: string | undefined): ServingSummary | undefined {
  if (!graph) return note ? { inputs: [], inGraph: [], client: [], trainingOnly: [], note } : undefined;
  const steps = servingSteps(graph);
  return {
    inputs: graph.inputs.map((i) => ({ name: i.name, column: i.column, after: i.after })),
    inGraph: steps.inGraph,
    client: steps.client,
    trainingOnly: steps.trainingOnly,
    ...(note ? { note } : {}),
  };
}

/** The model card with the recipe's steps listed under Data (and the data's origin when no recipe reaches it). */
function withRecipe(card: string, opts: ExportBundleOptions, graph: RecipeGraph | undefined): string {
  const md = escapeMarkdown;
  const lines: string[] = [];
  if (opts.recipe && graph) {
    const where = { graph: 'in model.onnx', client: '**applied by the caller before model.onnx**', training: 'training rows only', unused: 'not used by the model' };
    lines.push(`- Prepared from ${md(opts.recipe.source)} by a recipe of ${graph.steps.length} ${graph.steps.length === 1 ? 'step' : 'steps'} (recipe.json):`);
    for (const s of graph.steps) lines.push(`  ${s.index + 1}. ${md(s.text)} (${where[s.place]})`);
  }
  if (opts.dataNote) lines.push(`- ${md(opts.dataNote)}`);
  if (!lines.length) return card;
  const at = card.indexOf('\n\n## Training');
  return at < 0 ? card + '\n' + lines.join('\n') + '\n' : card.slice(0, at) + '\n' + lines.join('\n') + card.slice(at);
}

function preprocessingDocument({ spec, frame, artifacts, evaluation, recipe }: ExportBundleOptions, inputColumns: string[]): object {
  return {
    ...spec,
    target: frame.target,
    task: frame.task,
    ...(frame.classes ? { classes: frame.classes } : {}),
    // What model.onnx takes: the raw columns when a recipe is inside it (features below are the prepared ones).
    inputColumns,
    ...(recipe ? { recipe: 'recipe.json' } : {}),
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

function readme({ projectName, frame, spec, recipe, dataNote }: ExportBundleOptions, graph: RecipeGraph | undefined): string {
  const task = frame.task === 'classification' ? `classifies **${frame.target}** (${frame.classes?.join(', ')})` : `predicts **${frame.target}**`;
  return `# ${projectName}: exported model

This model ${task} from ${spec.features.length} columns. It was trained in Lathe.

## Files

- \`model-card.md\`: what the model is for, its data, training, test metrics, limitations, and whether
  \`model.onnx\` gave the same answers as Lathe.
- \`tfjs/model.json\`, \`tfjs/weights.bin\`: a TensorFlow.js layers model.
- \`preprocessing.json\`: how to turn a row of raw values into the model's input (\`features\`, in order),
  and what the output means (\`classes\` for classification).
${recipe ? "- `recipe.json`: the cleaning recipe the training table came out of, each step with its fitted numbers and\n  where it happens when the model serves.\n" : ''}${recipeSection(recipe, graph, dataNote)}
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

Booleans are 0/1 and dates are milliseconds since 1970-01-01 UTC, as in the training data.${
  recipe ? '\n\nThe TF.js model reads the prepared columns (`features`): apply the value steps of `recipe.json` to a raw row first.' : ''
}
`;
}

/** The README's account of the recipe: which steps model.onnx applies, which the caller must, which shaped training rows. */
function recipeSection(recipe: RecipeExport | undefined, graph: RecipeGraph | undefined, note: string | undefined): string {
  if (!recipe || !graph) return note ? `\n## Where the columns come from\n\n${note}\n` : '';
  const s = servingSteps(graph);
  // "Step 3. …" rather than "3. …": a number at the start of a list item would start a numbered list.
  const list = (items: string[]) => items.map((t) => `  - Step ${t}`).join('\n');
  const parts = [
    `\n## The cleaning recipe\n\nThe training table was prepared from ${recipe.source} by ${graph.steps.length} ${graph.steps.length === 1 ? 'step' : 'steps'} (\`recipe.json\`).`,
  ];
  if (s.inGraph.length) parts.push(`- \`model.onnx\` applies these itself, so it takes raw columns:\n${list(s.inGraph)}`);
  if (s.trainingOnly.length) parts.push(`- These only chose the training rows; serving leaves them out:\n${list(s.trainingOnly)}`);
  if (s.unused.length) parts.push(`- The model does not read what these make (the target, or columns left out):\n${list(s.unused)}`);
  if (s.client.length) {
    parts.push(
      `- **\`model.onnx\` cannot apply these: apply them before calling it** (\`lathe serve\` does it for you):\n` +
        list(s.client.map((c) => `${c.step}. ${c.text}: ${c.reason}.`)) +
        `\n\n  Apply the value steps 1–${s.clientThrough} of \`recipe.json\` to each raw row, in order and with their fitted numbers ` +
        `(Lathe's \`applyFittedValues\` does exactly that), and send each column \`inputs\` lists there as it is after its ` +
        `\`afterStep\` (the raw value where that is null). The raw columns this needs: ${s.rawColumns.map((c) => `\`${c}\``).join(', ')}.`,
    );
  }
  if (note) parts.push(note);
  return parts.join('\n\n') + '\n';
}
