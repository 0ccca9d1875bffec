// Emits Lathe's preprocessing recipe (PreprocessSpec v1) as ONNX nodes that read raw feature columns.
//
// Input layout — one graph input per feature column, in spec.features order, named as the column:
//   numeric column      FLOAT  [N, 1]  the raw value (booleans 0/1, datetimes in ms since 1970 UTC);
//                                      NaN or ±Infinity means missing.
//   categorical column  STRING [N, 1]  the text as written in the data; '' or a missing token
//                                      (NA, N/A, null, NaN, None in any letter case) means missing.
// This is the sklearn-onnx convention, and maps to Open Inference Protocol FP32 and BYTES tensors.
//
// Inside, exactly as transformRows does: a missing or non-finite number becomes the feature's
// impute value, then (value − mean) / std, computed in double precision and rounded to float once,
// as transformRows does in JavaScript; a category becomes its one-hot slot among the top levels, a
// missing one counts as the impute level, and any other text (unseen, or outside the top 50) gives
// all zeros. The slots are concatenated in featureNames(spec) order into FLOAT [N, outputWidth].
//
// One difference is left to the caller: Lathe's parser also reads a missing token with spaces around
// it (" NA ") as missing, but ONNX has no portable way to trim text, so send '' for a missing category.

import type { OneHotFeatureSpec, PreprocessSpec } from '../../core/prep/preprocess.ts';
import { attr, ML_DOMAIN, type ElemType, type GraphBuilder } from './graph.ts';
import type { TensorSignature } from './signature.ts';

/** The symbolic size of the first dimension of every input and output: the number of rows. */
export const BATCH_DIM = 'N';

/** Lathe's parser reads these texts (trimmed, lower-cased) as missing: see core/parse/type-rules.ts. */
const MISSING_TOKENS = ['', 'na', 'n/a', 'null', 'nan', 'none'];

/**
 * Every letter-case spelling of the missing tokens (49 texts). Listing them keeps the graph free of
 * StringNormalizer, whose lower-casing needs an en_US locale that many serving images lack.
 */
export const MISSING_CATEGORY_TEXTS: readonly string[] = MISSING_TOKENS.flatMap(caseVariants);

export function inputsFor(spec: PreprocessSpec): TensorSignature[] {
  return spec.features.map((f) =>
    f.kind === 'numeric'
      ? {
          name: f.name,
          type: 'FLOAT',
          shape: [-1, 1],
          description: `number; NaN or ±Infinity when missing (then ${f.impute})`,
        }
      : {
          name: f.name,
          type: 'STRING',
          shape: [-1, 1],
          description:
            f.categories.length === 0
              ? 'text; not used by this model (no category was seen in training)'
              : `text, one of ${f.categories.length} known categories; '' or NA when missing (then "${f.impute}"); other texts match none`,
        },
  );
}

/** Where a feature's value is in the graph: a graph input of its name, or a value a recipe computed. */
export type FeatureSources = ReadonlyMap<string, { name: string; type: ElemType }>;

/**
 * Adds the nodes that turn the features' values into the model's input matrix; returns its name, FLOAT
 * [N, spec.outputWidth]. Without `sources` the values are the graph inputs declared with inputsFor's names
 * and types; with them (a recipe's output), numbers may be DOUBLE, and are then scaled without a trip
 * through float32.
 */
export function emitPreprocessing(g: GraphBuilder, spec: PreprocessSpec, sources?: FeatureSources): string {
  const valueOf = (name: string) => sources?.get(name) ?? { name, type: 'FLOAT' as ElemType };
  const doubles = spec.features.some((f) => f.kind === 'numeric' && valueOf(f.name).type === 'DOUBLE');
  const parts: string[] = [];
  const impute: number[] = [];
  const mean: number[] = [];
  const std: number[] = [];
  let numeric = 0;
  for (const f of spec.features) {
    if (f.kind === 'numeric') {
      const v = valueOf(f.name);
      parts.push(doubles && v.type !== 'DOUBLE' ? g.op('Cast', [v.name], { to: attr.int(11) /* DOUBLE */ }) : v.name);
      impute.push(f.impute);
      mean.push(f.mean);
      std.push(f.std);
      numeric++;
    } else if (f.categories.length > 0) {
      const hot = emitOneHot(g, f, valueOf(f.name).name);
      parts.push(doubles ? g.op('Cast', [hot], { to: attr.int(11) /* DOUBLE */ }) : hot);
      // One-hot slots pass the standardising step unchanged: never missing, (x − 0) / 1.
      for (let i = 0; i < f.categories.length; i++) {
        impute.push(0);
        mean.push(0);
        std.push(1);
      }
    }
  }
  const width = mean.length;
  if (width !== spec.outputWidth) throw new Error(`The recipe says ${spec.outputWidth} outputs but its features give ${width}`);
  if (width === 0) throw new Error('The recipe has no features to export');
  const x = parts.length === 1 ? parts[0] : g.op('Concat', parts, { axis: attr.int(1) });
  if (numeric === 0) return x;

  const xd = doubles ? x : g.op('Cast', [x], { to: attr.int(11) /* DOUBLE */ });
  const missing = g.op('Or', [g.op('IsNaN', [xd]), g.op('IsInf', [xd])]);
  const filled = g.op('Where', [missing, g.doubleTensor('impute', [width], impute), xd]);
  const centred = g.op('Sub', [filled, g.doubleTensor('mean', [width], mean)]);
  const scaled = g.op('Div', [centred, g.doubleTensor('std', [width], std)]);
  return g.op('Cast', [scaled], { to: attr.int(1) /* FLOAT */ });
}

/**
 * Text → slot index (LabelEncoder: the top levels, plus every missing spelling mapped to the impute
 * level's slot, anything else −1) → one-hot over the slots (OneHotEncoder with zeros = 1, so −1 gives
 * all zeros) → [N, k].
 */
function emitOneHot(g: GraphBuilder, f: OneHotFeatureSpec, input: string): string {
  const k = f.categories.length;
  const keys = [...f.categories];
  const slots = keys.map((_, i) => i);
  const missingSlot = f.categories.indexOf(f.impute);
  if (missingSlot >= 0) {
    // A level spelled like a missing token (possible in tables not read from text) stays that level.
    const known = new Set(f.categories);
    for (const text of MISSING_CATEGORY_TEXTS) {
      if (known.has(text)) continue;
      keys.push(text);
      slots.push(missingSlot);
    }
  }
  const slot = g.op(
    'LabelEncoder',
    [input],
    { keys_strings: attr.strings(keys), values_int64s: attr.ints(slots), default_int64: attr.int(-1) },
    ML_DOMAIN,
  );
  const hot = g.op(
    'OneHotEncoder',
    [slot],
    { cats_int64s: attr.ints(Array.from({ length: k }, (_, i) => i)), zeros: attr.int(1) },
    ML_DOMAIN,
  );
  g.annotate(hot, 'FLOAT', [BATCH_DIM, 1, k]);
  return g.op('Flatten', [hot], { axis: attr.int(1) });
}

function caseVariants(token: string): string[] {
  let out = [''];
  for (const ch of token) {
    const forms = ch.toLowerCase() === ch.toUpperCase() ? [ch] : [ch.toLowerCase(), ch.toUpperCase()];
    out = out.flatMap((prefix) => forms.map((c) => prefix + c));
  }
  return out;
}
