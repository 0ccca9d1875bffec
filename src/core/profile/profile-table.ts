// Profiles a whole table: every column's statistics, then duplicates, missing patterns, correlations and alerts.

import { cellText, headRows, type ColumnType, type Table } from '../table/table.ts';
import { alertsFor, columnEvidence } from './alerts.ts';
import { EXACT_LIMIT, profileColumn } from './column-profile.ts';
import { correlations } from './correlations.ts';
import { findDuplicates } from './duplicates.ts';
import { missingPatterns } from './missing-patterns.ts';
import type { Correlations, Profile } from './types.ts';

/** Rows shown from each end of the table (ydata's samples.head / samples.tail). */
export const SAMPLE_ROWS = 10;

export interface ProfileOptions {
  /** Rows above which per-column statistics switch to sketches (default EXACT_LIMIT). */
  exactLimit?: number;
  /** Called as work proceeds: fraction done (0–1) and what is being done. */
  onProgress?: (fraction: number, label: string) => void;
}

export interface ParallelProfileOptions extends ProfileOptions {
  /**
   * Computes the correlations elsewhere (e.g. in a second worker, on the other core). It is started before
   * the column statistics so both run at once; when it fails, they are computed here instead.
   */
  correlate?: (table: Table) => Promise<Correlations>;
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
  const parts = profileParts(table, opts);
  return assemble(table, parts, correlations(table), opts);
}

/**
 * The same profile, with the correlations computed by opts.correlate while this thread does the rest.
 * Falls back to computing them here if opts.correlate rejects.
 */
export async function profileTableParallel(table: Table, opts: ParallelProfileOptions = {}): Promise<Profile> {
  const pending = opts.correlate?.(table);
  // Keep a rejection from being reported as unhandled while the column statistics run.
  pending?.catch(() => {});
  const parts = profileParts(table, opts);
  let correlation: Correlations;
  try {
    correlation = pending ? await pending : correlations(table);
  } catch {
    correlation = correlations(table);
  }
  return assemble(table, parts, correlation, opts);
}

interface Parts {
  columns: ReturnType<typeof profileColumn>[];
  duplicates: ReturnType<typeof findDuplicates>;
  patterns: ReturnType<typeof missingPatterns>;
  exactLimit: number;
}

function profileParts(table: Table, opts: ProfileOptions): Parts {
  const exactLimit = opts.exactLimit ?? EXACT_LIMIT;
  const report = opts.onProgress ?? (() => {});
  const total = table.columns.length;
  const columns = table.columns.map((column, i) => {
    report((COLUMNS_SHARE * i) / Math.max(1, total), `Profiling column ${i + 1} of ${total}: ${column.name}`);
    return profileColumn(column, { exactLimit });
  });
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

function assemble(table: Table, { columns, duplicates, patterns, exactLimit }: Parts, correlation: Correlations, opts: ProfileOptions): Profile {
  const report = opts.onProgress ?? (() => {});
  const total = table.columns.length;
  report(COLUMNS_SHARE + STEPS[0].share + STEPS[1].share + STEPS[2].share, STEPS[3].label);
  const evidence = table.columns.map((column, i) => columnEvidence(column, columns[i]));
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
