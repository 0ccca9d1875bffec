// Profiles one column, ydata-profiling's per-variable statistics: counts, distinct values, and the statistics of its type.

import type { CodedColumn, Column, NumericColumn } from '../table/table.ts';
import { imbalance } from './imbalance.ts';
import { profileNumericRanked } from './numeric-profile.ts';
import { columnEvidence, type ColumnEvidence } from './alerts.ts';
import type { Ranked } from './ranks.ts';
import type { SortScratch } from './sort-finite.ts';
import { textStats } from './text-stats.ts';
import { codeCounts, sortTop, topFromCounts } from './top-values.ts';
import type { ColumnProfile } from './types.ts';

/**
 * Present values above which numeric statistics may be estimated: a column of up to two million values is
 * sorted (16 MB of doubles, tens of milliseconds); above that its distinct values are counted in a hash table
 * holding at most this many entries, exact while they fit, and otherwise quantiles come from a KLL sketch and
 * distinct counts from HyperLogLog (see ColumnProfile.approximations). Coded and boolean columns are always exact.
 */
export const EXACT_LIMIT = 2_000_000;

/** Most common values listed for coded and boolean columns. */
export const TOP_VALUES = 10;

export interface ProfileColumnOptions {
  /** Overrides EXACT_LIMIT (tests use small limits to exercise the sketches). */
  exactLimit?: number;
  /** Room for the sort, reused from one column to the next (see SortScratch). */
  scratch?: SortScratch;
  /** Also give the ranked rows' bins for Cramér's V (Ranked.bins). */
  bins?: boolean;
}

/**
 * Every field of ColumnProfile that applies to the column's type:
 * - all: count, missing, missingShare (of rows), distinct, distinctShare (of present values, ydata's
 *   p_distinct), unique (values occurring once), memoryBytes, invalid (from the column), approximations;
 * - integer, float: numeric, histogram, and the older mean/std/min/max;
 * - boolean: top (true/false), otherCount, imbalance, mean (share true);
 * - datetime: datetime, histogram (calendar edges), min/max;
 * - categorical, text, identifier: top, otherCount, imbalance, text.
 *
 * Statistics that do not exist for the data are NaN, as in pandas: std and variance with fewer than 2
 * finite values, skewness with fewer than 3, kurtosis with fewer than 4, cv for a zero mean, everything
 * numeric for a column of only ±Infinity. An all-missing column has only the counts (no numeric, text or
 * histogram). The older mean/std fields are left out rather than NaN.
 */
export function profileColumn(column: Column, opts: ProfileColumnOptions = {}): ColumnProfile {
  return profileColumnRanked(column, opts).profile;
}

/**
 * profileColumn, with the average ranks of an integer or float column's finite values from the sort its
 * exact statistics make (see profileNumericRanked), for Spearman (null for other columns, constant ones,
 * and ones profiled from sketches), and the column's evidence for alerts.
 */
export function profileColumnRanked(column: Column, opts: ProfileColumnOptions = {}): RankedProfile {
  const exactLimit = Math.max(1, Math.floor(opts.exactLimit ?? EXACT_LIMIT));
  let profile: ColumnProfile;
  if (column.kind === 'coded') profile = profileCoded(column);
  else if (column.type === 'boolean') profile = profileBoolean(column);
  else {
    const numeric = profileNumericRanked(column, exactLimit, true, opts.scratch, opts.bins);
    return { profile: numeric.profile, ranked: numeric.ranked, evidence: columnEvidence(column, numeric.profile, numeric.sorted ?? undefined) };
  }
  return { profile, ranked: null, evidence: columnEvidence(column, profile) };
}

export interface RankedProfile {
  profile: ColumnProfile;
  ranked: Ranked | null;
  /** What the alerts need beyond the profile (columnEvidence), taken while the sorted values are at hand. */
  evidence: ColumnEvidence;
}

function profileBoolean(column: NumericColumn): ColumnProfile {
  const { values } = column;
  let trues = 0;
  let falses = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    if (v === 0) falses++;
    else trues++;
  }
  const count = trues + falses;
  const counts = [trues, falses];
  const profile: ColumnProfile = {
    name: column.name,
    type: column.type,
    ...counted(values.length, count, counts),
    memoryBytes: values.byteLength,
    top: sortTop([
      { value: 'true', count: trues },
      { value: 'false', count: falses },
    ]).filter((t) => t.count > 0),
    otherCount: 0,
    imbalance: imbalance(counts),
  };
  if (column.invalid) profile.invalid = column.invalid;
  if (count > 0) profile.mean = trues / count;
  return profile;
}

function profileCoded(column: CodedColumn): ColumnProfile {
  const { codes, dictionary } = column;
  const counts = codeCounts(codes, dictionary.length);
  let count = 0;
  for (let c = 0; c < counts.length; c++) count += counts[c];
  const top = topFromCounts(dictionary, counts, TOP_VALUES);
  let listed = 0;
  for (const t of top) listed += t.count;
  let characters = 0;
  for (const text of dictionary) characters += text.length;
  const profile: ColumnProfile = {
    name: column.name,
    type: column.type,
    ...counted(codes.length, count, counts),
    memoryBytes: codes.byteLength + 2 * characters,
    top,
    otherCount: count - listed,
    imbalance: imbalance(counts),
  };
  if (column.invalid) profile.invalid = column.invalid;
  if (count > 0) profile.text = textStats(dictionary, counts);
  return profile;
}

/** The count fields from rows, present values and the count of each distinct value. */
function counted(
  rows: number,
  count: number,
  counts: ArrayLike<number>,
): Pick<ColumnProfile, 'count' | 'missing' | 'missingShare' | 'distinct' | 'distinctShare' | 'unique'> {
  let distinct = 0;
  let unique = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] > 0) distinct++;
    if (counts[i] === 1) unique++;
  }
  return {
    count,
    missing: rows - count,
    missingShare: rows > 0 ? (rows - count) / rows : 0,
    distinct,
    distinctShare: count > 0 ? distinct / count : 0,
    unique,
  };
}
