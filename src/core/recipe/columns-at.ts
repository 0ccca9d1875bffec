// Columns of new rows as a fitted recipe leaves them at given points: before any step, or just after one.

import { UserError } from '../errors/user-error.ts';
import type { Column, Table } from '../table/table.ts';
import { applyFittedValues } from './apply.ts';
import { describeStep } from './describe.ts';
import type { FittedRecipe } from './types.ts';

/** A column at a point of the recipe: `after` is a step's index in fitted.steps, or -1 for the rows as given. */
export interface ColumnAt {
  column: string;
  after: number;
}

/**
 * One column per point, in the order asked. The value steps run once, up to the last point asked for,
 * with exactly the fitted numbers; steps on columns the rows lack are left out (as a request lacks the
 * target). A column that is absent at its point is a UserError naming it.
 */
export function columnsAt(fitted: FittedRecipe, table: Table, points: readonly ColumnAt[]): Column[] {
  const out: (Column | undefined)[] = new Array(points.length);
  const take = (t: Table, at: number) => {
    points.forEach((p, k) => {
      if (p.after === at) out[k] = t.columns.find((c) => c.name === p.column);
    });
  };
  take(table, -1);
  const through = Math.max(-1, ...points.map((p) => p.after));
  if (through >= 0) applyFittedValues(fitted, table, { missingColumns: 'skip', through, onStep: (i, t) => take(t, i) });
  return out.map((c, k) => {
    if (c) return c;
    const p = points[k];
    if (p.after < 0) throw new UserError(`The rows have no column "${p.column}".`, 'Send every column the model lists as an input.');
    const step = fitted.steps[p.after];
    throw new UserError(
      `"${p.column}" could not be computed: step ${p.after + 1} (${step ? describeStep(step) : 'unknown'}) needs columns the rows lack.`,
      `Send the raw columns the recipe reads (recipe.json lists them).`,
    );
  });
}
