// Picks raw feature values from table rows as the exported graph takes them, for example requests.

import type { PreprocessSpec } from '../../core/prep/preprocess.ts';
import { getColumn, type Table } from '../../core/table/table.ts';
import type { ExampleRow } from './oip-infer-request.ts';

/**
 * One ExampleRow per table row. A missing or non-finite number becomes the feature's impute value,
 * which the graph would substitute anyway (JSON cannot carry NaN); a missing category becomes ''.
 */
export function exampleRows(spec: PreprocessSpec, table: Table, rows: ArrayLike<number>): ExampleRow[] {
  const out: ExampleRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const row: ExampleRow = {};
    for (const f of spec.features) {
      const column = getColumn(table, f.name);
      if (!column) throw new Error(`The table has no column "${f.name}"`);
      if (f.kind === 'numeric' && column.kind === 'numeric') {
        const v = column.values[r];
        row[f.name] = Number.isFinite(v) ? v : f.impute;
      } else if (f.kind === 'onehot' && column.kind === 'coded') {
        const code = column.codes[r];
        row[f.name] = code >= 0 ? column.dictionary[code] : '';
      } else {
        throw new Error(`Column "${f.name}" does not hold the kind of values the model was trained on`);
      }
    }
    out.push(row);
  }
  return out;
}
