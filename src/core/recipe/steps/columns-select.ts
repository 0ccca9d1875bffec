// Select, drop and rename columns: schema edits that leave every value as it is.

import { UserError } from '../../errors/user-error.ts';
import { lookup, requireColumn, requireColumnList } from '../columns.ts';
import type { DropStep, RenameStep, SelectStep } from '../types.ts';
import type { StepImpl } from './step-impl.ts';

export const selectStep: StepImpl<SelectStep> = {
  schema(columns, step) {
    requireColumnList(columns, step.columns);
    return step.columns.map((n) => requireColumn(columns, n));
  },
  apply(table, step) {
    return { table: { rowCount: table.rowCount, columns: step.columns.map((n) => requireColumn(table.columns, n)) }, step };
  },
};

export const dropStep: StepImpl<DropStep> = {
  schema(columns, step) {
    requireColumnList(columns, step.columns);
    return columns.filter((c) => !step.columns.includes(c.name));
  },
  apply(table, step) {
    const notes = table.columns.length === step.columns.length ? ['No columns are left.'] : undefined;
    return { table: { rowCount: table.rowCount, columns: table.columns.filter((c) => !step.columns.includes(c.name)) }, step, notes };
  },
};

function checkRenames(names: readonly string[], step: RenameStep): void {
  const pairs = Object.entries(step.names);
  if (pairs.length === 0) throw new UserError('Choose a column to rename.');
  for (const [from, to] of pairs) {
    if (!names.includes(from)) requireColumn(names.map((name) => ({ name, type: 'text' as const })), from);
    if (to.trim() === '') throw new UserError(`The new name for "${from}" is empty.`);
  }
  const after = names.map((n) => lookup(step.names, n) ?? n);
  const seen = new Set<string>();
  for (const n of after) {
    if (seen.has(n)) throw new UserError(`Renaming would give two columns the name "${n}".`, 'Choose a name no other column has.');
    seen.add(n);
  }
}

export const renameStep: StepImpl<RenameStep> = {
  schema(columns, step) {
    checkRenames(
      columns.map((c) => c.name),
      step,
    );
    return columns.map((c) => ({ ...c, name: lookup(step.names, c.name) ?? c.name }));
  },
  apply(table, step) {
    checkRenames(
      table.columns.map((c) => c.name),
      step,
    );
    return {
      table: { rowCount: table.rowCount, columns: table.columns.map((c) => {
          const to = lookup(step.names, c.name);
          return to !== undefined ? { ...c, name: to } : c;
        }) },
      step,
    };
  },
};
