// Encodes the target for training: a class index in the frame's class order, or the raw value for regression.

import { classIndexByRow, type FrameSummary } from '../frame/frame.ts';
import { getColumn, type Table } from '../table/table.ts';
import { UserError } from '../errors/user-error.ts';

export function encodeTarget(table: Table, frame: FrameSummary, rows: Int32Array): Float32Array {
  const column = getColumn(table, frame.target);
  if (!column) throw new UserError(`The data has no target column "${frame.target}"`);
  const out = new Float32Array(rows.length);
  if (frame.task === 'classification') {
    const classOf = classIndexByRow(table, frame);
    for (let i = 0; i < rows.length; i++) {
      const c = classOf[rows[i]];
      // Rows come from a split that already dropped missing targets; anything else is a caller bug.
      if (c < 0) throw new Error(`Row ${rows[i]} has no known class for "${frame.target}"`);
      out[i] = c;
    }
    return out;
  }
  if (column.kind !== 'numeric') throw new UserError(`Target "${frame.target}" holds text, so it can't be a regression target`);
  for (let i = 0; i < rows.length; i++) {
    const v = column.values[rows[i]];
    if (!Number.isFinite(v)) throw new Error(`Row ${rows[i]} has no value for "${frame.target}"`);
    out[i] = v;
  }
  return out;
}
