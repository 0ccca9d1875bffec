// The shapes drift detection works with and returns: samples, test outcomes, per-column and dataset results.
import type { ColumnType } from '../table/table.ts';

/** Evidently's default tests, by the names Evidently registers them under. */
export type DriftTestName = 'ks' | 'chisquare' | 'z' | 'wasserstein' | 'jensenshannon';

/** How Evidently treats a column: numerical or categorical (its ColumnType). */
export type FeatureKind = 'numeric' | 'categorical';

/** A category's value: a dictionary string, or a number for numeric columns tested as categories. */
export type CategoryKey = string | number;

/** One side's values of a column with missing values (and, for numbers, ±Infinity) left out, as Evidently does. */
export type DriftSample =
  | { kind: 'numeric'; /** finite values, ascending */ values: Float64Array }
  | { kind: 'categorical'; counts: Map<CategoryKey, number>; total: number };

/** Counts of each category on both sides, over the union of the categories either side has. */
export interface CategoryTable {
  keys: CategoryKey[];
  reference: Float64Array;
  current: Float64Array;
  referenceTotal: number;
  currentTotal: number;
}

/** Shares of each side's values per bin (numeric) or per category, on the same bins for both sides. */
export interface BinnedShares {
  reference: Float64Array;
  current: Float64Array;
}

export interface TestOutcome {
  test: DriftTestName;
  /** D for KS, χ² for chi-square, z for the Z-test, the distance for Wasserstein and Jensen–Shannon. */
  statistic: number;
  /** Only for tests with a p-value (KS, chi-square, Z). */
  pValue?: number;
  threshold: number;
  drifted: boolean;
}

/** Overlaid distributions for the chart: shares of each side's present values. */
export type DriftDistribution =
  | { kind: 'histogram'; /** ascending bin edges, one more than the bins */ edges: number[]; reference: number[]; current: number[] }
  | { kind: 'categories'; labels: string[]; reference: number[]; current: number[]; /** categories folded into the last label */ otherCount: number };

export interface SideSummary {
  /** Values tested (present and, for numbers, finite). */
  count: number;
  /** Rows left out: missing (or ±Infinity). */
  missing: number;
}

export interface ColumnDrift extends TestOutcome {
  name: string;
  /** Lathe's type of the column in the current data. */
  type: ColumnType;
  kind: FeatureKind;
  /** Population stability index on Evidently's binning: shown beside the test, never deciding. */
  psi: number;
  reference: SideSummary;
  current: SideSummary;
  distribution: DriftDistribution;
}

export interface SkippedColumn {
  name: string;
  reason: string;
}

export interface DriftResult {
  /** True when the share of drifted columns reaches the threshold (Evidently's drift_share, 0.5). */
  datasetDrift: boolean;
  /** Drifted columns ÷ compared columns. */
  share: number;
  threshold: number;
  driftedCount: number;
  columns: ColumnDrift[];
  /** Columns not compared, with why (text and identifier columns, dates, columns only one side has…). */
  skipped: SkippedColumn[];
  referenceRows: number;
  currentRows: number;
}

/** Options of detectDrift; every threshold defaults to Evidently's. */
export interface DriftOptions {
  /** Share of drifted columns at or above which the dataset drifts. Default 0.5. */
  driftShare?: number;
  /** Per-test thresholds (p-value for ks/chisquare/z, distance for wasserstein/jensenshannon). */
  thresholds?: Partial<Record<DriftTestName, number>>;
  /**
   * 'strict' (default): datasets whose columns differ in names or kinds are an error naming the differences.
   * 'common': compare the columns both have with compatible types and list the others as skipped.
   */
  schema?: 'strict' | 'common';
}
