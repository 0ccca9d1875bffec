// Derive a column from an expression (arithmetic, text, date parts, log…): added at the end, or in place of one of that name.

import { UserError } from '../../errors/user-error.ts';
import { putColumn, putInfo } from '../columns.ts';
import { checkExpression } from '../expression/check.ts';
import { evaluateNode } from '../expression/evaluate.ts';
import { vecToColumn, type ExprType } from '../expression/vectors.ts';
import type { ColumnInfo, DeriveStep } from '../types.ts';
import type { StepImpl } from './step-impl.ts';

const COLUMN_TYPE: Record<ExprType, ColumnInfo['type']> = {
  number: 'float',
  date: 'datetime',
  bool: 'boolean',
  string: 'categorical',
  null: 'float',
};

function checkName(step: DeriveStep): void {
  if (step.name.trim() === '') throw new UserError('The new column needs a name.');
}

export const deriveStep: StepImpl<DeriveStep> = {
  schema(columns, step) {
    checkName(step);
    const checked = checkExpression(step.expression, columns);
    return putInfo(columns, { name: step.name, type: COLUMN_TYPE[checked.type] });
  },
  apply(table, step) {
    checkName(step);
    const checked = checkExpression(step.expression, table.columns);
    let column = vecToColumn(evaluateNode(checked.node, table), step.name, table.rowCount);
    // An expression that is just a column hands back that column's array: copy it, so no two columns share a buffer.
    if (column.kind === 'numeric' && table.columns.some((c) => c.kind === 'numeric' && c.values === (column as { values: Float64Array }).values)) {
      column = { ...column, values: column.values.slice() };
    }
    const notes: string[] = [];
    if (checked.type === 'null') notes.push(`"${step.name}" is missing in every row: the expression is null.`);
    return { table: putColumn(table, column), step, notes: notes.length ? notes : undefined };
  },
};
