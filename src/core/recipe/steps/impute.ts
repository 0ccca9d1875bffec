// Impute missing values: the mean, median or most common value (fitted), a constant, or the previous value.

import { UserError } from '../../errors/user-error.ts';
import { parseIsoDate } from '../../parse/type-rules.ts';
import type { CodedColumn, Column, NumericColumn, Table } from '../../table/table.ts';
import { allIntegers, columnOf, emptyRecord, lookup, putColumn, requireColumnList } from '../columns.ts';
import { median, meanStd, numericMode, textMode } from '../stats.ts';
import type { ColumnInfo, ImputeStep } from '../types.ts';
import { fittedOf, type StepImpl } from './step-impl.ts';

const METHOD_WORDS: Record<ImputeStep['method'], string> = {
  mean: 'the mean',
  median: 'the median',
  mode: 'the most common value',
  constant: 'a constant',
  ffill: 'the previous value',
};

function checkColumn(column: ColumnInfo, step: ImputeStep): void {
  const numeric = column.type === 'integer' || column.type === 'float' || column.type === 'datetime';
  if ((step.method === 'mean' || step.method === 'median') && !numeric) {
    throw new UserError(
      `"${column.name}" is ${column.type === 'boolean' ? 'a boolean' : 'a text'} column: it has no ${step.method}.`,
      'Impute it with the most common value or a constant instead.',
    );
  }
  if (step.method === 'constant') constantFor(column, step.value);
  if (step.infinite && !(column.type === 'integer' || column.type === 'float')) {
    throw new UserError(`"${column.name}" is not a number column, so it has no infinite values to replace.`);
  }
}

/** The constant as stored in the column: a number (dates as ms, booleans 0/1) or a text. */
function constantFor(column: ColumnInfo, value: ImputeStep['value']): number | string {
  if (value === undefined || value === '') throw new UserError(`Give the value to put in the gaps of "${column.name}".`);
  switch (column.type) {
    case 'integer':
    case 'float': {
      const v = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
      if (!Number.isFinite(v)) throw new UserError(`"${String(value)}" is not a number, and "${column.name}" is a number column.`);
      return v;
    }
    case 'boolean': {
      if (value === true || value === 'true' || value === 1) return 1;
      if (value === false || value === 'false' || value === 0) return 0;
      throw new UserError(`"${column.name}" is a boolean column: fill it with true or false.`);
    }
    case 'datetime': {
      const v = typeof value === 'string' ? parseIsoDate(value.trim()) : null;
      if (v === null) throw new UserError(`"${String(value)}" is not a date; write it as 2020-01-31.`);
      return v;
    }
    default:
      return String(value);
  }
}

export const imputeStep: StepImpl<ImputeStep> = {
  schema(columns, step) {
    requireColumnList(columns, step.columns);
    const out = columns.slice();
    for (const name of step.columns) {
      const i = out.findIndex((c) => c.name === name);
      checkColumn(out[i], step);
      // A mean, median or constant with a fraction turns integers into floats (known only from the data).
      if (out[i].type === 'integer' && step.method !== 'mode' && step.method !== 'ffill') out[i] = { ...out[i], type: 'float' };
    }
    return out;
  },
  apply(table, step, mode) {
    const values = emptyRecord<number | string | null>();
    const notes: string[] = [];
    let out: Table = table;
    for (const name of step.columns) {
      const column = columnOf(out, name);
      checkColumn(column, step);
      const fill = mode === 'serve' ? (lookup(fittedOf(step.fitted, 'impute').values, name) ?? null) : fitValue(column, step);
      if (fill === null && step.method !== 'ffill') throw new Error(`The recipe was not fitted: no value to impute "${name}" with.`);
      values[name] = fill;
      if (!hasGaps(column, !!step.infinite)) notes.push(`"${name}" has no missing values to impute.`);
      // Serving fills a gap with nothing before it in the batch from the last training value; fitting leaves it.
      out = putColumn(out, fillColumn(column, step, fill, mode === 'serve' ? fill : null));
    }
    return { table: out, step: { ...step, fitted: { values } }, notes: notes.length ? notes : undefined };
  },
};

function isGap(v: number, infinite: boolean): boolean {
  return v !== v || (infinite && (v === Infinity || v === -Infinity));
}

function hasGaps(column: Column, infinite: boolean): boolean {
  if (column.kind === 'coded') return column.codes.some((c) => c < 0);
  return column.values.some((v) => isGap(v, infinite));
}

/** The value the step fills with, from the column itself; ffill records the last present value (for serving). */
function fitValue(column: Column, step: ImputeStep): number | string | null {
  if (step.method === 'constant') return constantFor(column, step.value);
  if (column.kind === 'coded') {
    if (step.method === 'ffill') {
      for (let i = column.codes.length - 1; i >= 0; i--) if (column.codes[i] >= 0) return column.dictionary[column.codes[i]];
      return null;
    }
    const mode = textMode(column.codes, column.dictionary);
    if (mode === null) throw noValues(column.name, step);
    return mode;
  }
  const values = column.values;
  if (step.method === 'ffill') {
    for (let i = values.length - 1; i >= 0; i--) if (!isGap(values[i], !!step.infinite)) return values[i];
    return null;
  }
  const v = step.method === 'mean' ? meanStd(values).mean : step.method === 'median' ? median(values) : numericMode(values);
  if (v !== v) throw noValues(column.name, step);
  return v;
}

function noValues(name: string, step: ImputeStep): UserError {
  return new UserError(
    `"${name}" has no values, so there is no ${METHOD_WORDS[step.method].replace(/^the /, '')} to fill its gaps with.`,
    'Fill it with a constant, or drop the column.',
  );
}

function fillColumn(column: Column, step: ImputeStep, fill: number | string | null, leading: number | string | null): Column {
  const infinite = !!step.infinite;
  if (column.kind === 'coded') return fillCoded(column, step.method === 'ffill', (step.method === 'ffill' ? leading : fill) as string | null);
  const src = column.values;
  const out = new Float64Array(src.length);
  if (step.method === 'ffill') {
    let last = leading === null ? NaN : (leading as number);
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      if (isGap(v, infinite)) out[i] = last;
      else out[i] = last = v;
    }
  } else {
    const f = fill as number;
    for (let i = 0; i < src.length; i++) out[i] = isGap(src[i], infinite) ? f : src[i];
  }
  const type: NumericColumn['type'] = column.type === 'integer' && !allIntegers(out) ? 'float' : column.type;
  return { kind: 'numeric', name: column.name, type, values: out };
}

function fillCoded(column: CodedColumn, ffill: boolean, fill: string | null): CodedColumn {
  let dictionary = column.dictionary;
  let fillCode = -1;
  if (fill !== null) {
    fillCode = dictionary.indexOf(fill);
    if (fillCode < 0) {
      dictionary = [...dictionary, fill];
      fillCode = dictionary.length - 1;
    }
  }
  const src = column.codes;
  const codes = new Int32Array(src.length);
  if (ffill) {
    let last = fillCode;
    for (let i = 0; i < src.length; i++) codes[i] = src[i] < 0 ? last : (last = src[i]);
  } else {
    for (let i = 0; i < src.length; i++) codes[i] = src[i] < 0 ? fillCode : src[i];
  }
  return { kind: 'coded', name: column.name, type: column.type, codes, dictionary };
}
