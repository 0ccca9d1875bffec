// The shape of a dataset profile: per-column counts, statistics, histogram and most common values.

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

/**
 * Statistics of one column. Numeric statistics (mean, std) are over finite values only: ±Infinity count
 * towards count, min and max but would make the mean meaningless. std is the sample standard deviation
 * (n − 1 denominator, as pandas). Datetime columns have min/max (ms since the epoch) and a histogram but
 * no mean/std; boolean columns have mean (share of true) and top (true/false counts) but no histogram;
 * coded columns (categorical, text, identifier) have top.
 */
export interface ColumnProfile {
  name: string;
  type: ColumnType;
  /** Non-missing values. */
  count: number;
  missing: number;
  /** Distinct non-missing values. */
  distinct: number;
  mean?: number;
  std?: number;
  min?: number;
  max?: number;
  histogram?: HistogramBin[];
  top?: TopValue[];
}

export interface Profile {
  rows: number;
  columns: ColumnProfile[];
  /** Missing cells over all columns. */
  missingCells: number;
}
