// Merge dirty categories: values differing only in case, spaces or accents become their most common spelling, plus listed pairs.

import { UserError } from '../../errors/user-error.ts';
import type { CodedColumn } from '../../table/table.ts';
import { dirtyCategories, normalizeCategory } from '../../profile/dirty-categories.ts';
import { emptyRecord, lookup, putColumn, requireType, TEXT_TYPES } from '../columns.ts';
import { mapDictionary } from '../expression/vectors.ts';
import type { MergeStep } from '../types.ts';
import { fittedOf, type StepImpl } from './step-impl.ts';

/** Above this many distinct values only the groups are kept for serving, not every spelling seen. */
const SERVING_FORMS_LIMIT = 10_000;

export const mergeStep: StepImpl<MergeStep> = {
  schema(columns, step) {
    requireType(columns, step.column, TEXT_TYPES, 'a text column');
    if (!step.auto && Object.keys(step.mapping).length === 0) throw new UserError('Choose values to merge, or merge look-alike values automatically.');
    return columns.slice();
  },
  apply(table, step, mode) {
    const column = requireType(table.columns, step.column, TEXT_TYPES, 'a text column') as CodedColumn;
    const groups = mode === 'serve' ? fittedOf(step.fitted, 'merge').groups : step.auto ? fitGroups(column) : emptyRecord<string>();
    const merged = (text: string): string => {
      const auto = step.auto ? (lookup(groups, normalizeCategory(text)) ?? text) : text;
      return lookup(step.mapping, auto) ?? auto;
    };
    const map = emptyRecord<string>();
    for (const text of presentValues(column)) {
      const to = merged(text);
      if (to !== text) map[text] = to;
    }
    const vec = mapDictionary(column, merged) as { codes: Int32Array; dictionary: string[] };
    const notes = Object.keys(map).length === 0 ? [`Nothing to merge in "${step.column}".`] : undefined;
    return {
      table: putColumn(table, { ...column, codes: vec.codes, dictionary: vec.dictionary }),
      step: { ...step, fitted: { map, groups } },
      notes,
    };
  },
};

function presentValues(column: CodedColumn): string[] {
  const seen = new Uint8Array(column.dictionary.length);
  for (let i = 0; i < column.codes.length; i++) if (column.codes[i] >= 0) seen[column.codes[i]] = 1;
  return column.dictionary.filter((_, c) => seen[c]);
}

/**
 * Normal form → spelling to use: for each group of look-alike values, its most common spelling (ties: code-unit
 * order, as the profile's DIRTY_CATEGORY alert lists them). Every other spelling seen maps to itself, so that a
 * new variant of it met at serving is merged too.
 */
function fitGroups(column: CodedColumn): Record<string, string> {
  const counts = new Float64Array(column.dictionary.length);
  for (let i = 0; i < column.codes.length; i++) if (column.codes[i] >= 0) counts[column.codes[i]]++;
  const groups = emptyRecord<string>();
  if (column.dictionary.length <= SERVING_FORMS_LIMIT) {
    for (let c = 0; c < counts.length; c++) if (counts[c] > 0) groups[normalizeCategory(column.dictionary[c])] = column.dictionary[c];
  }
  for (const g of dirtyCategories(column.dictionary, counts)) groups[g.normalized] = g.values[0];
  return groups;
}
