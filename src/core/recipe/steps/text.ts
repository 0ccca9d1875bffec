// Tidy text columns: trim the ends, collapse inner whitespace, change case, strip accents; each distinct text once.

import { UserError } from '../../errors/user-error.ts';
import type { CodedColumn } from '../../table/table.ts';
import { putColumn, requireColumnList, requireType, TEXT_TYPES } from '../columns.ts';
import { mapDictionary } from '../expression/vectors.ts';
import type { TextStep } from '../types.ts';
import type { StepImpl } from './step-impl.ts';

const WHITESPACE_RUN = /\s+/gu;
const MARKS = /\p{M}/gu;

/** The text as the step leaves it; an empty result is missing (as an empty cell is when loading). */
export function tidyText(text: string, step: Pick<TextStep, 'trim' | 'collapse' | 'case' | 'accents'>): string | null {
  let t = text;
  if (step.collapse) t = t.replace(WHITESPACE_RUN, ' ');
  if (step.trim) t = t.trim();
  if (step.accents) t = t.normalize('NFD').replace(MARKS, '').normalize('NFC');
  if (step.case === 'lower') t = t.toLowerCase();
  else if (step.case === 'upper') t = t.toUpperCase();
  else if (step.case === 'title') t = t.toLowerCase().replace(/(^|[\s\-'(/])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
  return t === '' ? null : t;
}

export const textStep: StepImpl<TextStep> = {
  schema(columns, step) {
    requireColumnList(columns, step.columns);
    for (const name of step.columns) requireType(columns, name, TEXT_TYPES, 'a text column');
    if (!step.trim && !step.collapse && !step.accents && step.case === 'keep') throw new UserError('Choose at least one change to make to the text.');
    return columns.slice();
  },
  apply(table, step) {
    let out = table;
    for (const name of step.columns) {
      const column = requireType(out.columns, name, TEXT_TYPES, 'a text column') as CodedColumn;
      const vec = mapDictionary(column, (s) => tidyText(s, step)) as { codes: Int32Array; dictionary: string[] };
      out = putColumn(out, { ...column, codes: vec.codes, dictionary: vec.dictionary });
    }
    return { table: out, step };
  },
};
