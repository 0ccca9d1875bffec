// Which cells a value step changed: counted column by column on the typed arrays, with the first few as examples.

import { cellText, type Column } from '../table/table.ts';
import type { ChangedValue } from './types.ts';

/**
 * Counts the rows where `after` differs from `before` (same row count) as the user would read them, and
 * appends up to `limit` examples. Missing equals missing; texts compare by value across dictionaries.
 */
export function diffColumn(before: Column, after: Column, limit: number, examples: ChangedValue[]): number {
  const n = before.kind === 'numeric' ? before.values.length : before.codes.length;
  const changedAt = rowChanged(before, after);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!changedAt(i)) continue;
    count++;
    if (examples.length < limit) examples.push({ row: i, column: after.name, before: cellText(before, i), after: cellText(after, i) });
  }
  return count;
}

function rowChanged(before: Column, after: Column): (i: number) => boolean {
  if (before.kind === 'coded' && after.kind === 'coded') {
    // Before's codes translated into after's dictionary (-2: a text after does not have).
    const index = new Map(after.dictionary.map((s, c) => [s, c]));
    const translate = Int32Array.from(before.dictionary, (s) => index.get(s) ?? -2);
    const a = before.codes;
    const b = after.codes;
    return (i) => (a[i] < 0 ? b[i] >= 0 : translate[a[i]] !== b[i]);
  }
  if (before.kind === 'numeric' && after.kind === 'numeric' && sameReading(before.type, after.type)) {
    const a = before.values;
    const b = after.values;
    return (i) => a[i] !== b[i] && (a[i] === a[i] || b[i] === b[i]);
  }
  return (i) => cellText(before, i) !== cellText(after, i);
}

/** Numbers of these two types read the same way (dates and booleans show differently from plain numbers). */
function sameReading(a: Column['type'], b: Column['type']): boolean {
  return (a === 'datetime') === (b === 'datetime') && (a === 'boolean') === (b === 'boolean');
}
