// The shape of a dataset profile (ydata-profiling's contents): per-column statistics, dataset-level
// duplicates, missing-value patterns, correlations and data-quality alerts.

import type { ColumnType } from '../table/table.ts';

export interface HistogramBin {
  /** Lower edge (inclusive). */
  x0: number;
  /** Upper edge (exclusive, except for the last bin). */
  x1: number;
  count: number;
}

export interface TopValue {
  value: string;
  count: number;
}

export interface Quantiles {
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

/** How a statistic was estimated when the column is above the exact-statistics size limit. */
export interface Approximation {
  /** 'kll' for quantiles (and statistics read from them: median, IQR, MAD), 'hll' for distinct counts. */
  method: 'kll' | 'hll';
  /** The statistic(s) it applies to, e.g. ['quantiles', 'mad'] or ['distinct', 'unique']. */
  applies: string[];
  /** Error bound as a share: rank error for KLL (≈ 99% confidence), relative standard error for HLL. */
  error: number;
}

/** Values that did not read as the column's type when loading; they are missing in the table. */
export interface InvalidValues {
  count: number;
  /** The first few, with their 0-based data-row index and the text as written. */
  examples: { row: number; text: string }[];
}

/** Direction of a numeric column in row order (ydata's monotonicity). */
export type Monotonicity =
  | 'strictly increasing'
  | 'increasing'
  | 'strictly decreasing'
  | 'decreasing'
  | 'none';

/** Statistics of integer and float columns. Over finite values only, except min/max which include ±Infinity. */
export interface NumericStats {
  mean: number;
  /** Sample standard deviation (n − 1), as pandas. */
  std: number;
  variance: number;
  min: number;
  max: number;
  range: number;
  sum: number;
  /** Sample skewness, adjusted Fisher–Pearson (pandas .skew()). */
  skewness: number;
  /** Sample excess kurtosis, unbiased (pandas .kurt()). */
  kurtosis: number;
  /** Median absolute deviation from the median (unscaled, as ydata-profiling). */
  mad: number;
  /** Coefficient of variation: std / mean. */
  cv: number;
  /** Linear interpolation between closest ranks (pandas/NumPy default). */
  quantiles: Quantiles;
  iqr: number;
  zeros: number;
  negatives: number;
  infinite: number;
  monotonicity: Monotonicity;
  /** Most common values with counts, most frequent first (ties: smaller value first). */
  common: { value: number; count: number }[];
  /** The smallest and largest distinct values with their counts. */
  extremes: { lowest: { value: number; count: number }[]; highest: { value: number; count: number }[] };
}

/** Statistics of text lengths and characters for categorical, text and identifier columns. */
export interface TextStats {
  /** Length in characters (UTF-16 code units) of each present value. */
  length: { min: number; mean: number; median: number; max: number; histogram: HistogramBin[] };
  /** Characters over all present values, by class. */
  characters: {
    total: number;
    letters: number;
    uppercase: number;
    lowercase: number;
    digits: number;
    spaces: number;
    punctuation: number;
    other: number;
    /** Characters outside ASCII (accents, other scripts, emoji). */
    nonAscii: number;
  };
  /** Categories that differ only in case, surrounding/inner whitespace or accents, grouped. */
  dirty: { normalized: string; values: string[] }[];
}

export interface ColumnProfile {
  name: string;
  type: ColumnType;
  /** Non-missing values. */
  count: number;
  missing: number;
  missingShare: number;
  /** Distinct non-missing values. */
  distinct: number;
  distinctShare: number;
  /** Values that occur exactly once. */
  unique: number;
  /** Bytes the column takes in memory (typed array, plus dictionary strings at 2 bytes a character). */
  memoryBytes: number;
  /** Values that failed the column's type when loading (also counted in missing). */
  invalid?: InvalidValues;
  /** Present when some statistics are estimated (above the exact-statistics limit). */
  approximations?: Approximation[];
  /** Integer and float columns. */
  numeric?: NumericStats;
  /** Integer, float and datetime columns; for datetime the edges are ms since the epoch. */
  histogram?: HistogramBin[];
  /** Coded and boolean columns: the most common values (top 10) and the count of all others. */
  top?: TopValue[];
  otherCount?: number;
  /** Coded and boolean columns: 1 − entropy / log(number of categories), ydata's imbalance (0 balanced, 1 one class). */
  imbalance?: number;
  /** Categorical, text and identifier columns. */
  text?: TextStats;
  /** Datetime columns: ms since the epoch. */
  datetime?: { min: number; max: number; rangeMs: number };
  /** Kept for the foundation's views: the mean/std/min/max of numeric columns (mean is the true share for booleans). */
  mean?: number;
  std?: number;
  min?: number;
  max?: number;
}

/** ydata-profiling's alert types. */
export type AlertType =
  | 'CONSTANT'
  | 'ZEROS'
  | 'HIGH_CORRELATION'
  | 'HIGH_CARDINALITY'
  | 'DUPLICATES'
  | 'SKEWED'
  | 'IMBALANCE'
  | 'MISSING'
  | 'INFINITE'
  | 'UNIQUE'
  | 'UNIFORM'
  | 'EMPTY'
  | 'TYPE_DATE'
  | 'DIRTY_CATEGORY'
  | 'CONSTANT_LENGTH';

export interface Alert {
  type: AlertType;
  /** The column it is about (absent for dataset-wide alerts such as DUPLICATES). */
  column?: string;
  /** HIGH_CORRELATION: the other column. */
  other?: string;
  /** The figure that raised it (share, count, skewness, correlation…). */
  value?: number;
  /** One sentence naming the column and saying what was found and why it matters. */
  message: string;
}

/** Correlation matrices over the columns listed, symmetric, null where undefined (constant column, no overlap). */
export interface Correlations {
  columns: string[];
  /** ydata's "auto": Spearman for numeric pairs, Cramér's V when a categorical or boolean is involved. */
  auto: (number | null)[][];
  /** Numeric columns only. */
  pearson: { columns: string[]; matrix: (number | null)[][] };
  spearman: { columns: string[]; matrix: (number | null)[][] };
}

export interface MissingPatterns {
  /** Sampled rows (0-based indices, evenly spaced) for the nullity matrix. */
  sampleRows: number[];
  /** Per column (same order as Profile.columns): for each sampled row, 1 when missing. */
  matrix: number[][];
  /** The most frequent combinations of missing columns (column indices), most frequent first. */
  combinations: { columns: number[]; count: number }[];
}

export interface Profile {
  /** Format version of this object (2 = the full profile). */
  version: 2;
  rows: number;
  columns: ColumnProfile[];
  /** Missing cells over all columns. */
  missingCells: number;
  missingCellsShare: number;
  memoryBytes: number;
  typeCounts: Partial<Record<ColumnType, number>>;
  /** Rows identical to an earlier row (pandas duplicated().sum()). */
  duplicates: number;
  duplicateShare: number;
  /** The most frequent duplicated rows (display texts, null = missing) with how often each occurs. */
  duplicateRows: { values: (string | null)[]; count: number }[];
  head: (string | null)[][];
  tail: (string | null)[][];
  missingPatterns: MissingPatterns;
  correlations: Correlations;
  alerts: Alert[];
  /** Row count above which per-column statistics switch to sketches (see Approximation). */
  exactLimit: number;
}
