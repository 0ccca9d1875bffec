// Cast a column to another type: values that do not read as it become missing, counted with examples.

import { UserError } from '../../errors/user-error.ts';
import { booleanWord, presentText, readNumberText, WORD_FALSE, WORD_NO, WORD_TRUE, WORD_YES } from '../../parse/type-rules.ts';
import { cellText, type Column, type ColumnType, type InvalidCells } from '../../table/table.ts';
import { columnOf, putColumn, putInfo, requireColumn } from '../columns.ts';
import { DictionaryBuilder } from '../expression/vectors.ts';
import type { CastStep, DateOrder } from '../types.ts';
import { detectDateOrder, parseDateText } from './date-text.ts';
import type { StepImpl } from './step-impl.ts';

/** Failure examples kept per cast (as the loader keeps for invalid cells). */
export const FAILURE_EXAMPLES = 20;

const CAST_TYPES: readonly ColumnType[] = ['integer', 'float', 'boolean', 'categorical', 'text', 'datetime', 'identifier'];

/** Collects failed values: a count and the first few with their row. */
export class FailureLog {
  count = 0;
  readonly examples: { row: number; text: string }[] = [];
  add(row: number, text: string): void {
    this.count++;
    if (this.examples.length < FAILURE_EXAMPLES) this.examples.push({ row, text });
  }
  result(): InvalidCells | undefined {
    return this.count ? { count: this.count, examples: this.examples } : undefined;
  }
}

function checkCast(from: ColumnType, to: ColumnType, name: string): void {
  if (!CAST_TYPES.includes(to)) throw new UserError(`"${to}" is not a column type.`, `Choose one of ${CAST_TYPES.join(', ')}.`);
  const numeric = from === 'integer' || from === 'float' || from === 'boolean';
  if (to === 'datetime' && numeric) {
    throw new UserError(`"${name}" holds numbers, which do not say which date they mean.`, 'Cast text columns to datetime, or derive a date from the numbers.');
  }
  if (to === 'boolean' && from === 'datetime') throw new UserError(`A date column ("${name}") cannot be cast to boolean.`);
}

export const castStep: StepImpl<CastStep> = {
  schema(columns, step) {
    const column = requireColumn(columns, step.column);
    checkCast(column.type, step.to, step.column);
    return putInfo(columns, { name: step.column, type: step.to });
  },
  apply(table, step, mode) {
    const column = columnOf(table, step.column);
    checkCast(column.type, step.to, step.column);
    if (column.type === step.to) return { table, step, notes: [`"${step.column}" is already ${step.to}.`] };
    let applied = step;
    let order: DateOrder = 'mdy';
    if (step.to === 'datetime' && column.kind === 'coded') {
      order = mode === 'serve' ? (step.fitted?.order ?? 'mdy') : detectDateOrder(column.dictionary);
      applied = { ...step, fitted: { order } };
    }
    const failures = new FailureLog();
    const cast = castColumn(column, step.to, failures, order);
    const invalid = failures.result();
    if (invalid) cast.invalid = invalid;
    return { table: putColumn(table, cast), step: applied, failures: invalid };
  },
};

/** The column converted to `to`; failures are logged and left missing. */
export function castColumn(column: Column, to: ColumnType, failures: FailureLog, order: DateOrder = 'mdy'): Column {
  const n = column.kind === 'numeric' ? column.values.length : column.codes.length;
  const name = column.name;
  if (to === 'categorical' || to === 'text' || to === 'identifier') {
    if (column.kind === 'coded') return { kind: 'coded', name, type: to, codes: column.codes, dictionary: column.dictionary };
    const builder = new DictionaryBuilder();
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const t = cellText(column, i);
      codes[i] = t === null ? -1 : builder.code(t);
    }
    return { kind: 'coded', name, type: to, codes, dictionary: builder.dictionary };
  }
  if (column.kind === 'coded') {
    // Each distinct text is read once; failures are then logged per row, in row order.
    const read = column.dictionary.map((s) => readAs(s, to, order));
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = column.codes[i];
      if (c < 0) {
        values[i] = NaN;
        continue;
      }
      const v = read[c];
      if (v === undefined) values[i] = NaN;
      else if (v !== v) {
        values[i] = NaN;
        failures.add(i, column.dictionary[c]);
      } else values[i] = v;
    }
    return { kind: 'numeric', name, type: to as 'integer' | 'float' | 'boolean' | 'datetime', values };
  }
  const values = new Float64Array(n);
  const src = column.values;
  for (let i = 0; i < n; i++) {
    const v = src[i];
    if (v !== v) {
      values[i] = NaN;
      continue;
    }
    const ok = to === 'integer' ? Number.isInteger(v) : to === 'boolean' ? v === 0 || v === 1 : true;
    if (ok) values[i] = v;
    else {
      values[i] = NaN;
      failures.add(i, cellText(column, i) ?? '');
    }
  }
  return { kind: 'numeric', name, type: to as 'integer' | 'float' | 'boolean', values };
}

/** A text read as a number of the type: undefined when it is a missing marker, NaN when it fails. */
function readAs(raw: string, to: ColumnType, order: DateOrder): number | undefined {
  const t = presentText(raw);
  if (t === null) return undefined;
  if (to === 'datetime') return parseDateText(t, order) ?? NaN;
  if (to === 'boolean') {
    const w = booleanWord(t);
    if (w === WORD_TRUE || w === WORD_YES || t === '1') return 1;
    if (w === WORD_FALSE || w === WORD_NO || t === '0') return 0;
    return NaN;
  }
  const v = readNumberText(t);
  if (to === 'integer' && !Number.isInteger(v)) return NaN;
  return v;
}
