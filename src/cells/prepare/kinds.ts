// How the Prepare cell names each step kind in its menus, and the new step each form starts from.
import type { ColumnInfo, Step, StepKind } from '../../core/recipe/types';

export const KIND_LABEL: Record<StepKind, string> = {
  impute: 'Fill missing values',
  filter: 'Filter rows',
  derive: 'Derive a column',
  drop: 'Drop columns',
  select: 'Keep only some columns',
  rename: 'Rename columns',
  cast: 'Change a column type',
  outliers: 'Clip or drop outliers',
  dedupe: 'Remove duplicate rows',
  text: 'Tidy text',
  merge: 'Merge categories',
  bin: 'Bin a number column',
  'parse-dates': 'Parse dates',
};

export const isNumber = (c: ColumnInfo) => c.type === 'integer' || c.type === 'float';
export const isText = (c: ColumnInfo) => c.type === 'categorical' || c.type === 'text' || c.type === 'identifier';

/** A fresh step of the kind, aimed at the first column it can take. */
export function newStep(kind: StepKind, id: string, columns: ColumnInfo[]): Step {
  const first = columns[0]?.name ?? '';
  const firstNumber = columns.find(isNumber)?.name ?? first;
  const firstText = columns.find(isText)?.name ?? first;
  switch (kind) {
    case 'impute':
      return { id, kind, columns: [], method: 'median' };
    case 'filter':
      return { id, kind, expression: '' };
    case 'derive':
      return { id, kind, name: '', expression: '' };
    case 'drop':
    case 'select':
      return { id, kind, columns: [] };
    case 'rename':
      return { id, kind, names: {} };
    case 'cast':
      return { id, kind, column: first, to: 'float' };
    case 'outliers':
      return { id, kind, columns: [], method: 'iqr', factor: 1.5, action: 'clip' };
    case 'dedupe':
      return { id, kind, columns: [], keep: 'first' };
    case 'text':
      return { id, kind, columns: [], trim: true, collapse: true, case: 'keep', accents: false };
    case 'merge':
      return { id, kind, column: firstText, auto: true, mapping: {} };
    case 'bin':
      return { id, kind, column: firstNumber, name: firstNumber ? `${firstNumber} band` : '', method: 'quantile', bins: 4 };
    case 'parse-dates':
      return { id, kind, column: firstText, order: 'auto' };
  }
}
