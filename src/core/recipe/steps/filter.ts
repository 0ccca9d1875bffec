// Filter rows: keep those where a condition in the expression language is true (missing counts as not true).

import { UserError } from '../../errors/user-error.ts';
import { takeRows } from '../../table/take-rows.ts';
import { checkExpression } from '../expression/check.ts';
import { evaluateNode } from '../expression/evaluate.ts';
import { typeName } from '../expression/functions.ts';
import type { FilterStep } from '../types.ts';
import type { StepImpl } from './step-impl.ts';

function checkCondition(columns: Parameters<typeof checkExpression>[1], step: FilterStep) {
  const checked = checkExpression(step.expression, columns);
  if (checked.type !== 'bool') {
    throw new UserError(
      `A filter needs a condition that is true or false, but this expression gives ${typeName(checked.type)}.`,
      'Compare it with something, like `Body Mass (g)` > 4000 or Island == \'Dream\'.',
    );
  }
  return checked;
}

export const filterStep: StepImpl<FilterStep> = {
  schema(columns, step) {
    checkCondition(columns, step);
    return columns.slice();
  },
  apply(table, step) {
    const checked = checkCondition(table.columns, step);
    const vec = evaluateNode(checked.node, table);
    const values = (vec as { values: Uint8Array }).values;
    const kept = new Int32Array(table.rowCount);
    let n = 0;
    for (let i = 0; i < table.rowCount; i++) if (values[i] === 1) kept[n++] = i;
    if (n === 0 && table.rowCount > 0) {
      throw new UserError(
        `This filter removes every row (${table.rowCount.toLocaleString('en-US')} → 0): no row meets the condition.`,
        'Loosen the condition, or check the values it compares with (texts must match exactly, case included). The rest of the recipe is unchanged.',
      );
    }
    const rows = kept.slice(0, n);
    return { table: n === table.rowCount ? table : takeRows(table, rows), step, kept: rows };
  },
};
