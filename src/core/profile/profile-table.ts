// Profiles every column of a table: counts, distinct values, statistics, histogram and top values.

import type { CodedColumn, Column, NumericColumn, Table } from '../table/table.ts';
import { histogram } from './histogram.ts';
import { numericStats } from './numeric-stats.ts';
import { sortTop, topValues } from './top-values.ts';
import type { ColumnProfile, Profile } from './types.ts';

/** Most common values listed per coded column. */
export const TOP_VALUES = 10;

export function profileTable(table: Table): Profile {
  const columns = table.columns.map(profileColumn);
  let missingCells = 0;
  for (const c of columns) missingCells += c.missing;
  return { rows: table.rowCount, columns, missingCells };
}

export function profileColumn(column: Column): ColumnProfile {
  return column.kind === 'numeric' ? profileNumeric(column) : profileCoded(column);
}

function profileNumeric(column: NumericColumn): ColumnProfile {
  const { values, type } = column;
  const stats = numericStats(values);
  const profile: ColumnProfile = {
    name: column.name,
    type,
    count: stats.count,
    missing: stats.missing,
    distinct: countDistinct(values),
  };
  if (type === 'boolean') {
    // Booleans are stored 0/1, so the mean is the share of true.
    if (stats.mean !== undefined) profile.mean = stats.mean;
    const trues = Math.round((stats.mean ?? 0) * stats.count);
    profile.top = sortTop([
      { value: 'true', count: trues },
      { value: 'false', count: stats.count - trues },
    ]).filter((t) => t.count > 0);
    return profile;
  }
  if (type !== 'datetime') {
    // A mean date is rarely what anyone asks about, and a spread in milliseconds reads badly.
    if (stats.mean !== undefined) profile.mean = stats.mean;
    if (stats.std !== undefined) profile.std = stats.std;
  }
  if (stats.min !== undefined) profile.min = stats.min;
  if (stats.max !== undefined) profile.max = stats.max;
  profile.histogram = histogram(values, { integer: type === 'integer' });
  return profile;
}

function profileCoded(column: CodedColumn): ColumnProfile {
  const { codes, dictionary } = column;
  let missing = 0;
  const used = new Uint8Array(dictionary.length);
  let distinct = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0) missing++;
    else if (used[c] === 0) {
      used[c] = 1;
      distinct++;
    }
  }
  return {
    name: column.name,
    type: column.type,
    count: codes.length - missing,
    missing,
    distinct,
    top: topValues(codes, dictionary, TOP_VALUES),
  };
}

function countDistinct(values: Float64Array): number {
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) seen.add(v);
  }
  return seen.size;
}
