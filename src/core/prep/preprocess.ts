// The preprocessing recipe: fitted on training rows only, stored as plain JSON, applied to any rows of any table.

import { UserError } from '../errors/user-error.ts';
import { getColumn, type CodedColumn, type Table } from '../table/table.ts';

export interface NumericFeatureSpec {
  name: string;
  kind: 'numeric';
  /** Replaces missing and non-finite values (the training mean). */
  impute: number;
  mean: number;
  /** Population standard deviation on training rows; 1 when it is 0, so constants map to 0. */
  std: number;
}

export interface OneHotFeatureSpec {
  name: string;
  kind: 'onehot';
  /** One output per category, most frequent in training first; unseen categories give all zeros. */
  categories: string[];
  /** The training mode, used for missing values ('' when training had none). */
  impute: string;
}

export type FeatureSpec = NumericFeatureSpec | OneHotFeatureSpec;

export interface PreprocessSpec {
  version: 1;
  features: FeatureSpec[];
  outputWidth: number;
}

/** More categories than this add width faster than they add signal to a linear model. */
export const MAX_CATEGORIES = 50;

export function fitPreprocessing(table: Table, features: string[], rows: Int32Array): PreprocessSpec {
  const specs = features.map((name) => {
    const column = getColumn(table, name);
    if (!column) throw new UserError(`There is no column named "${name}" to use as a feature`);
    return column.kind === 'numeric' ? fitNumeric(column.name, column.values, rows) : fitOneHot(column, rows);
  });
  return { version: 1, features: specs, outputWidth: specs.reduce((w, s) => w + specWidth(s), 0) };
}

/** Row-major n × outputWidth matrix; always finite. */
export function transformRows(spec: PreprocessSpec, table: Table, rows: Int32Array): Float32Array {
  const width = spec.outputWidth;
  const out = new Float32Array(rows.length * width);
  let offset = 0;
  for (const feature of spec.features) {
    const column = getColumn(table, feature.name);
    if (!column) throw new UserError(`The data has no column "${feature.name}", which the model needs`);
    if (feature.kind === 'numeric') {
      if (column.kind !== 'numeric') {
        throw new UserError(`Column "${feature.name}" holds text here, but the model was trained on numbers`);
      }
      const fill = (feature.impute - feature.mean) / feature.std;
      for (let i = 0; i < rows.length; i++) {
        const v = column.values[rows[i]];
        out[i * width + offset] = Number.isFinite(v) ? (v - feature.mean) / feature.std : fill;
      }
    } else {
      if (column.kind !== 'coded') {
        throw new UserError(`Column "${feature.name}" holds numbers here, but the model was trained on categories`);
      }
      const slot = categorySlots(feature, column);
      const missingSlot = feature.categories.indexOf(feature.impute);
      for (let i = 0; i < rows.length; i++) {
        const code = column.codes[rows[i]];
        const s = code < 0 ? missingSlot : slot[code];
        if (s >= 0) out[i * width + offset + s] = 1;
      }
    }
    offset += specWidth(feature);
  }
  return out;
}

/** Output column names, in output order ("colour=red" for one-hot slots). */
export function featureNames(spec: PreprocessSpec): string[] {
  return spec.features.flatMap((f) => (f.kind === 'numeric' ? [f.name] : f.categories.map((c) => `${f.name}=${c}`)));
}

function specWidth(spec: FeatureSpec): number {
  return spec.kind === 'numeric' ? 1 : spec.categories.length;
}

function fitNumeric(name: string, values: Float64Array, rows: Int32Array): NumericFeatureSpec {
  let n = 0;
  let sum = 0;
  for (const r of rows) {
    const v = values[r];
    if (Number.isFinite(v)) {
      n++;
      sum += v;
    }
  }
  if (n === 0) return { name, kind: 'numeric', impute: 0, mean: 0, std: 1 };
  const mean = sum / n;
  let ss = 0;
  for (const r of rows) {
    const v = values[r];
    if (Number.isFinite(v)) ss += (v - mean) ** 2;
  }
  const std = Math.sqrt(ss / n);
  return { name, kind: 'numeric', impute: mean, mean, std: std > 0 && Number.isFinite(std) ? std : 1 };
}

function fitOneHot(column: CodedColumn, rows: Int32Array): OneHotFeatureSpec {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const code = column.codes[r];
    if (code < 0) continue;
    const label = column.dictionary[code];
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  // Frequency first, then code-point order, so the recipe is the same whatever the dictionary order.
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const categories = ranked.slice(0, MAX_CATEGORIES).map(([label]) => label);
  return { name: column.name, kind: 'onehot', categories, impute: categories[0] ?? '' };
}

function categorySlots(feature: OneHotFeatureSpec, column: CodedColumn): Int32Array {
  const index = new Map<string, number>();
  feature.categories.forEach((c, i) => index.set(c, i));
  return Int32Array.from(column.dictionary, (label) => index.get(label) ?? -1);
}
