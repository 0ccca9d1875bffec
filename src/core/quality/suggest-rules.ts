// Proposes a starting suite from a profile: rules the data passes today, each with the reason it was chosen,
// for the user to accept or edit (Great Expectations' profiler does the same from observed statistics).

import { cellText, getColumn, type Table } from '../table/table.ts';
import type { ColumnProfile, Profile } from '../profile/types.ts';
import type { Rule } from './types.ts';

export interface SuggestedRule {
  rule: Rule;
  /** Why: the observation it rests on, e.g. "3.2% missing now". */
  reason: string;
}

/** Categorical columns with at most this many distinct values get an in_set rule. */
export const MAX_SET_SIZE = 20;
/** The row-count rule allows this share either side of today's count. */
export const ROW_COUNT_SLACK = 0.1;
/** unique is proposed for all-distinct integer and text columns with at least this many values. */
export const MIN_UNIQUE_VALUES = 10;

/** Only the per-column statistics and the row count are read: a full Profile, or just its columns, will do. */
export type ColumnsProfile = Pick<Profile, 'rows' | 'columns'>;

export function suggestRules(profile: ColumnsProfile, table?: Table): SuggestedRule[] {
  const out: SuggestedRule[] = [];
  if (profile.rows > 0) {
    const min = Math.floor(profile.rows * (1 - ROW_COUNT_SLACK));
    const max = Math.ceil(profile.rows * (1 + ROW_COUNT_SLACK));
    out.push({
      rule: { type: 'row_count_between', min, max },
      reason: `${count(profile.rows)} rows now; ±${ROW_COUNT_SLACK * 100}% leaves room for new data.`,
    });
  }
  for (const c of profile.columns) out.push(...forColumn(c, table));
  return out;
}

function forColumn(c: ColumnProfile, table: Table | undefined): SuggestedRule[] {
  const out: SuggestedRule[] = [{ rule: { type: 'column_exists', column: c.name }, reason: `${/^[aeiou]/.test(c.type) ? 'An' : 'A'} ${c.type} column now.` }];
  if (c.count === 0) return out;
  const column = c.name;
  if (c.missing === 0) {
    out.push({ rule: { type: 'not_null', column }, reason: 'No missing values now.' });
  } else {
    // Rounded down to whole percents, so the data as it is passes.
    const mostly = Math.floor((1 - c.missingShare) * 100) / 100;
    if (mostly > 0) {
      out.push({
        rule: { type: 'not_null', column, mostly },
        reason: `${percent(c.missingShare)} missing now (${count(c.missing)} of ${count(c.count + c.missing)}).`,
      });
    }
  }
  if ((c.type === 'integer' || c.type === 'float') && c.numeric && Number.isFinite(c.numeric.min) && Number.isFinite(c.numeric.max)) {
    out.push({
      rule: { type: 'between', column, min: c.numeric.min, max: c.numeric.max },
      reason: `Values now run from ${c.numeric.min} to ${c.numeric.max}.`,
    });
  }
  if (c.type === 'datetime' && c.datetime) {
    const min = isoDate(c.datetime.min);
    const max = isoDate(c.datetime.max);
    out.push({ rule: { type: 'between', column, min, max }, reason: `Dates now run from ${min} to ${max}.` });
  }
  if (c.type === 'categorical' && c.distinct <= MAX_SET_SIZE) {
    const values = categories(c, table);
    if (values) out.push({ rule: { type: 'in_set', column, values }, reason: `${c.distinct} distinct values now.` });
  }
  const allDistinct = c.distinct === c.count && c.count >= MIN_UNIQUE_VALUES && !c.approximations?.some((a) => a.applies.includes('distinct'));
  if (c.type === 'identifier' || (allDistinct && (c.type === 'integer' || c.type === 'categorical' || c.type === 'text'))) {
    if (c.distinct === c.count) out.push({ rule: { type: 'unique', column }, reason: `Every one of the ${count(c.count)} values is different now.` });
  }
  if (c.type === 'identifier' && c.text) {
    const { min, max } = c.text.length;
    out.push({
      rule: { type: 'length_between', column, min, max },
      reason: min === max ? `Every value is ${min} characters long now.` : `Values are ${min} to ${max} characters long now.`,
    });
  }
  return out;
}

/** All present categories, most frequent first: from the profile when its top list holds them all, else the table. */
function categories(c: ColumnProfile, table: Table | undefined): string[] | undefined {
  if (c.top && (c.otherCount ?? 0) === 0) return c.top.map((t) => t.value);
  const column = table ? getColumn(table, c.name) : undefined;
  if (!column || column.kind !== 'coded') return undefined;
  const counts = new Map<string, number>();
  for (let r = 0; r < column.codes.length; r++) {
    const text = cellText(column, r);
    if (text !== null) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
}

/** A date as written in a rule: the day alone at midnight UTC, else the full ISO time. */
function isoDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

const count = (n: number): string => n.toLocaleString('en-US');
const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
