// Parse dates: a text column read as datetime (ISO 8601, or day/month/year in the detected or chosen order).

import { UserError } from '../../errors/user-error.ts';
import type { CodedColumn } from '../../table/table.ts';
import { putColumn, putInfo, requireType, TEXT_TYPES } from '../columns.ts';
import type { DateOrder, ParseDatesStep } from '../types.ts';
import { FailureLog } from './cast.ts';
import { detectDateOrder, parseDateText } from './date-text.ts';
import type { StepImpl } from './step-impl.ts';

const ORDERS = ['auto', 'ymd', 'dmy', 'mdy'];

export const parseDatesStep: StepImpl<ParseDatesStep> = {
  schema(columns, step) {
    if (!ORDERS.includes(step.order)) throw new UserError(`"${step.order}" is not a date order.`, 'Choose auto, ymd, dmy or mdy.');
    requireType(columns, step.column, TEXT_TYPES, 'a text column');
    return putInfo(columns, { name: step.column, type: 'datetime' });
  },
  apply(table, step, mode) {
    const column = requireType(table.columns, step.column, TEXT_TYPES, 'a text column') as CodedColumn;
    const order: DateOrder =
      mode === 'serve' ? (step.fitted?.order ?? (step.order === 'auto' ? 'mdy' : step.order)) : step.order === 'auto' ? detectDateOrder(column.dictionary) : step.order;
    const read = column.dictionary.map((s) => (s.trim() === '' ? NaN : (parseDateText(s, order) ?? NaN)));
    const failures = new FailureLog();
    const values = new Float64Array(column.codes.length);
    for (let i = 0; i < values.length; i++) {
      const c = column.codes[i];
      if (c < 0) {
        values[i] = NaN;
        continue;
      }
      values[i] = read[c];
      if (read[c] !== read[c]) failures.add(i, column.dictionary[c]);
    }
    const invalid = failures.result();
    const notes = invalid && invalid.count === column.codes.filter((c) => c >= 0).length ? [`No value of "${step.column}" reads as a date.`] : undefined;
    return {
      table: putColumn(table, { kind: 'numeric', name: step.column, type: 'datetime', values, ...(invalid ? { invalid } : {}) }),
      step: { ...step, fitted: { order } },
      failures: invalid,
      notes,
    };
  },
};
