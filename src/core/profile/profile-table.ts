// Profiles a whole table: every column's statistics, then duplicates, missing patterns, correlations and alerts.

import { cellText, headRows, type Column, type ColumnType, type NumericColumn, type Table } from '../table/table.ts';
import { alertsFor, type ColumnEvidence } from './alerts.ts';
import { EXACT_LIMIT, profileColumnRanked } from './column-profile.ts';
import { correlations, finishCorrelations, startCorrelations } from './correlations.ts';
import { findDuplicates } from './duplicates.ts';
import { missingPatterns } from './missing-patterns.ts';
import type { Ranked } from './ranks.ts';
import { SortScratch } from './sort-finite.ts';
import type { ColumnProfile, Correlations, Profile } from './types.ts';

/** Rows shown from each end of the table (ydata's samples.head / samples.tail). */
export const SAMPLE_ROWS = 10;

export interface ProfileOptions {
  /** Rows above which per-column statistics switch to sketches (default EXACT_LIMIT). */
  exactLimit?: number;
  /** Called as work proceeds: fraction done (0–1) and what is being done. */
  onProgress?: (fraction: number, label: string) => void;
}

export interface ParallelProfileOptions extends ProfileOptions {
  /** Another worker that takes a share of the work; without it (or when it fails) all is done here. */
  helper?: ProfileHelper;
}

/**
 * A helper (e.g. a second worker, on the other core) that profiles some numeric columns and computes the
 * correlations (see profileShare), while this thread profiles the other columns and finds duplicates and
 * missing patterns.
 */
export interface ProfileHelper {
  /** Starts the helper on the columns correlations read (correlationColumns); its share says what else it does. */
  run(input: Table, share: HelperShare): Promise<HelperResult>;
  /** Hands over the ranks of the numeric columns profiled here, once their sorts are done; they are not used here again. */
  ranks(ranks: Map<string, Ranked>): void;
}

export interface HelperShare {
  /** Numeric columns (by name) whose statistics the helper computes, ranking them from the same sort. */
  profile: string[];
  exactLimit: number;
}

export interface HelperResult {
  /** The profiles of share.profile's columns, in that order. */
  columns: ColumnProfile[];
  /** Their evidence for alerts (columnEvidence), in the same order. */
  evidence: ColumnEvidence[];
  correlations: Correlations;
}

// Shares of the progress bar: the column statistics take most of the time.
const COLUMNS_SHARE = 0.7;
const STEPS: { share: number; label: string }[] = [
  { share: 0.06, label: 'Finding duplicate rows' },
  { share: 0.03, label: 'Mapping missing values' },
  { share: 0.18, label: 'Computing correlations' },
  { share: 0.03, label: 'Checking for alerts' },
];

export function profileTable(table: Table, opts: ProfileOptions = {}): Profile {
  const exactLimit = opts.exactLimit ?? EXACT_LIMIT;
  const ranks = new Map<string, Ranked>();
  const columns = profileColumns(table, table.columns, exactLimit, opts.onProgress, uniqueNames(table) ? ranks : null);
  const parts = otherParts(table, columns, exactLimit, opts.onProgress);
  return assemble(table, parts, correlations(table, { ranks }), opts);
}

/**
 * The same profile, with the work shared with opts.helper: it gets the numeric columns at the end of the
 * table (as many as balance the estimated work, see helperShare) and the correlations; the ranks of the
 * numeric columns profiled here go to it as soon as their sorts are done, so Spearman needs no sort of its
 * own. Should the helper fail, what it was to do is done here.
 */
export async function profileTableParallel(table: Table, opts: ParallelProfileOptions = {}): Promise<Profile> {
  const helper = opts.helper;
  if (!helper) return profileTable(table, opts);
  const exactLimit = opts.exactLimit ?? EXACT_LIMIT;
  const shareable = uniqueNames(table);
  const share: HelperShare = { profile: shareable ? helperShare(table, exactLimit) : [], exactLimit };
  const theirs = new Set(share.profile);
  let pending: Promise<HelperResult> | null = null;
  try {
    pending = helper.run(correlationColumns(table), share);
  } catch {
    pending = null;
  }
  // Keep a rejection from being reported as unhandled while this thread works.
  pending?.catch(() => {});
  const report = opts.onProgress;
  // Numeric columns first, so their ranks reach the helper early.
  const mine = table.columns.filter((c) => !theirs.has(c.name));
  const numbers = mine.filter(isNumber);
  const others = mine.filter((c) => !isNumber(c));
  const ranks = new Map<string, Ranked>();
  const profiled = new Map<Column, Profiled>();
  profileColumns(table, numbers, exactLimit, report, shareable ? ranks : null).forEach((p, i) => profiled.set(numbers[i], p));
  if (pending) helper.ranks(ranks);
  profileColumns(table, others, exactLimit, report, null, numbers.length).forEach((p, i) => profiled.set(others[i], p));
  const partial = otherParts(table, [], exactLimit, report);

  let result: HelperResult | null = null;
  try {
    result = pending ? await pending : null;
  } catch {
    result = null;
  }
  let correlation: Correlations;
  const byName = (name: string): Column => table.columns.find((c) => c.name === name) as Column;
  if (result) {
    const { columns, evidence } = result;
    share.profile.forEach((name, i) => profiled.set(byName(name), { profile: columns[i], evidence: evidence[i] }));
    correlation = result.correlations;
  } else {
    // The helper failed: its columns and the correlations are done here (the ranks handed over are gone).
    for (const name of share.profile) profiled.set(byName(name), profileColumnRanked(byName(name), { exactLimit }));
    correlation = correlations(table);
  }
  const columns = table.columns.map((c) => profiled.get(c) as Profiled);
  return assemble(table, { ...partial, columns }, correlation, opts);
}

/**
 * The helper's side of profileTableParallel: profiles the share's columns (ranking them from the same
 * sort), computes what of the correlations needs no ranks, then waits for the other ranks and finishes.
 */
export async function profileShare(input: Table, share: HelperShare, ranks: Promise<ReadonlyMap<string, Ranked>>): Promise<HelperResult> {
  const own = new Map<string, Ranked>();
  const columns: ColumnProfile[] = [];
  const evidence: ColumnEvidence[] = [];
  const scratch = new SortScratch();
  const bins = hasCategories(input);
  for (const name of share.profile) {
    const column = input.columns.find((c) => c.name === name);
    if (!column) throw new Error(`profileShare: no column ${name}`);
    const done = profileColumnRanked(column, { exactLimit: share.exactLimit, scratch, bins });
    if (done.ranked) own.set(name, done.ranked);
    columns.push(done.profile);
    evidence.push(done.evidence);
  }
  const started = startCorrelations(input);
  for (const [name, r] of await ranks) own.set(name, r);
  return { columns, evidence, correlations: finishCorrelations(started, own) };
}

/** The columns correlations read (numbers, booleans, categories), in table order. */
export function correlationColumns(table: Table): Table {
  return {
    rowCount: table.rowCount,
    columns: table.columns.filter((c) => c.type === 'integer' || c.type === 'float' || c.type === 'boolean' || c.type === 'categorical'),
  };
}

// Rough costs per row, in nanoseconds, measured in Chromium on the benchmark's table: they only need to
// be right relative to each other, to split the work evenly.
const COST_SORT = 110;
const COST_NARROW_INTEGER = 30;
const COST_PAIR = 3;
const COST_CELL_OTHER = 25;

/**
 * The numeric columns the helper profiles: from the end of the table, until its estimated work (those
 * sorts plus the correlations) reaches half of the whole (those plus this thread's sorts, duplicates,
 * missing patterns and other columns).
 */
export function helperShare(table: Table, exactLimit: number): string[] {
  const numeric = table.columns.filter(isNumber);
  const sortCost = numeric.map((c) => (c.values.length > exactLimit ? 2 * COST_SORT : c.type === 'integer' && narrow(c.values) ? COST_NARROW_INTEGER : COST_SORT));
  const correlated = correlationColumns(table).columns.length;
  const helperFixed = COST_PAIR * correlated * correlated;
  const ownFixed = COST_CELL_OTHER * table.columns.length;
  const total = helperFixed + ownFixed + sortCost.reduce((a, b) => a + b, 0);
  const share: string[] = [];
  let load = helperFixed;
  for (let k = numeric.length - 1; k >= 0 && load + sortCost[k] / 2 <= total / 2; k--) {
    share.unshift(numeric[k].name);
    load += sortCost[k];
  }
  return share;
}

/** Whether an integer column's range is small enough to count rather than sort (a sample of rows decides). */
function narrow(values: Float64Array): boolean {
  let min = Infinity;
  let max = -Infinity;
  const step = Math.max(1, Math.floor(values.length / 1024));
  for (let i = 0; i < values.length; i += step) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max - min <= 4 * values.length;
}

function isNumber(c: Column): c is NumericColumn {
  return c.kind === 'numeric' && (c.type === 'integer' || c.type === 'float');
}

/** Whether Cramér's V will need numeric columns' bins: some column is categorical or boolean. */
function hasCategories(table: Table): boolean {
  return table.columns.some((c) => c.type === 'categorical' || c.type === 'boolean');
}

function uniqueNames(table: Table): boolean {
  return new Set(table.columns.map((c) => c.name)).size === table.columns.length;
}

/** A column's profile and what its alerts need beyond it. */
interface Profiled {
  profile: ColumnProfile;
  evidence: ColumnEvidence;
}

interface Parts {
  columns: Profiled[];
  duplicates: ReturnType<typeof findDuplicates>;
  patterns: ReturnType<typeof missingPatterns>;
  exactLimit: number;
}

/** Profiles `columns` (of `table`), keeping ranks in `ranks` when given; progress counts from `done` columns. */
function profileColumns(
  table: Table,
  columns: Column[],
  exactLimit: number,
  onProgress: ProfileOptions['onProgress'],
  ranks: Map<string, Ranked> | null,
  done = 0,
): Profiled[] {
  const total = table.columns.length;
  const scratch = new SortScratch();
  const bins = ranks !== null && hasCategories(table);
  return columns.map((column, i) => {
    onProgress?.((COLUMNS_SHARE * (done + i)) / Math.max(1, total), `Profiling column ${done + i + 1} of ${total}: ${column.name}`);
    const { profile, ranked, evidence } = profileColumnRanked(column, { exactLimit, scratch, bins });
    if (ranked && ranks) ranks.set(column.name, ranked);
    return { profile, evidence };
  });
}

function otherParts(table: Table, columns: Profiled[], exactLimit: number, onProgress: ProfileOptions['onProgress']): Parts {
  const report = onProgress ?? (() => {});
  let done = COLUMNS_SHARE;
  const step = (k: number): void => {
    report(done, STEPS[k].label);
    done += STEPS[k].share;
  };
  step(0);
  const duplicates = findDuplicates(table);
  step(1);
  const patterns = missingPatterns(table);
  step(2);
  return { columns, duplicates, patterns, exactLimit };
}

function assemble(table: Table, parts: Parts, correlation: Correlations, opts: ProfileOptions): Profile {
  const { duplicates, patterns, exactLimit } = parts;
  const columns = parts.columns.map((c) => c.profile);
  const report = opts.onProgress ?? (() => {});
  const total = table.columns.length;
  report(COLUMNS_SHARE + STEPS[0].share + STEPS[1].share + STEPS[2].share, STEPS[3].label);
  const evidence = parts.columns.map((c) => c.evidence);
  const alerts = alertsFor(columns, correlation, duplicates.duplicates, table.rowCount, evidence);
  report(1, 'Profile ready');

  const rows = table.rowCount;
  let missingCells = 0;
  let memoryBytes = 0;
  const typeCounts: Partial<Record<ColumnType, number>> = {};
  for (const c of columns) {
    missingCells += c.missing;
    memoryBytes += c.memoryBytes;
    typeCounts[c.type] = (typeCounts[c.type] ?? 0) + 1;
  }
  const cells = rows * total;
  return {
    version: 2,
    rows,
    columns,
    missingCells,
    missingCellsShare: cells ? missingCells / cells : 0,
    memoryBytes,
    typeCounts,
    duplicates: duplicates.duplicates,
    duplicateShare: rows ? duplicates.duplicates / rows : 0,
    duplicateRows: duplicates.groups.map((g) => ({ values: table.columns.map((c) => cellText(c, g.row)), count: g.count })),
    head: headRows(table, SAMPLE_ROWS),
    tail: tailRows(table, SAMPLE_ROWS),
    missingPatterns: patterns,
    correlations: correlation,
    alerts,
    exactLimit,
  };
}

/** The last n rows as display strings (null = missing), in table order. */
function tailRows(table: Table, n: number): (string | null)[][] {
  const out: (string | null)[][] = [];
  for (let r = Math.max(0, table.rowCount - n); r < table.rowCount; r++) out.push(table.columns.map((c) => cellText(c, r)));
  return out;
}
