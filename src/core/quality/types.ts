// The shapes of data-quality rules (Great Expectations' expectations, renamed) and of their results.

/** A value of an in_set / not_in_set list: compared with a cell's number, or with its text. */
export type SetValue = string | number | boolean;

/** A bound of between: a number, or (for datetime columns) a date or date-time string. */
export type Bound = number | string;

/**
 * Fields shared by rules that judge each value (GE's column map expectations): `mostly` (0–1) is the share
 * of the values considered that must pass; without it, all must.
 */
interface MapRule {
  mostly?: number;
}

/** Fields of rules that compare one figure with a range; bounds are inclusive unless strict_*. */
interface RangeFields<B = number> {
  min?: B | null;
  max?: B | null;
  strict_min?: boolean;
  strict_max?: boolean;
}

export interface ColumnExistsRule {
  type: 'column_exists';
  column: string;
}
export interface NotNullRule extends MapRule {
  type: 'not_null';
  column: string;
}
export interface UniqueRule extends MapRule {
  type: 'unique';
  column: string;
}
export interface InSetRule extends MapRule {
  type: 'in_set';
  column: string;
  values: SetValue[];
}
export interface NotInSetRule extends MapRule {
  type: 'not_in_set';
  column: string;
  values: SetValue[];
}
export interface BetweenRule extends MapRule, RangeFields<Bound> {
  type: 'between';
  column: string;
}
export interface RegexRule extends MapRule {
  type: 'regex';
  column: string;
  pattern: string;
}
export interface LengthBetweenRule extends MapRule {
  type: 'length_between';
  column: string;
  min?: number | null;
  max?: number | null;
}
export interface RowCountBetweenRule extends RangeFields {
  type: 'row_count_between';
}
export interface MeanBetweenRule extends RangeFields {
  type: 'mean_between';
  column: string;
}
export interface MedianBetweenRule extends RangeFields {
  type: 'median_between';
  column: string;
}
export interface StdBetweenRule extends RangeFields {
  type: 'std_between';
  column: string;
}
export interface DistinctCountBetweenRule extends RangeFields {
  type: 'distinct_count_between';
  column: string;
}

/** GE's ignore_row_if for compound columns; the default is all_values_are_missing. */
export type CompoundIgnore = 'all_values_are_missing' | 'any_value_is_missing' | 'never';
/** GE's ignore_row_if for column pairs; the default is both_values_are_missing. */
export type PairIgnore = 'both_values_are_missing' | 'either_value_is_missing' | 'neither';

export interface CompoundUniqueRule extends MapRule {
  type: 'compound_unique';
  columns: string[];
  ignore_row_if?: CompoundIgnore;
}
export interface ColumnPairGreaterRule extends MapRule {
  type: 'column_pair_greater';
  /** Values here must be greater than those of `other` on the same row. */
  column: string;
  other: string;
  /** Equal values pass too. */
  or_equal?: boolean;
  ignore_row_if?: PairIgnore;
}

export type Rule =
  | ColumnExistsRule
  | NotNullRule
  | UniqueRule
  | InSetRule
  | NotInSetRule
  | BetweenRule
  | RegexRule
  | LengthBetweenRule
  | RowCountBetweenRule
  | MeanBetweenRule
  | MedianBetweenRule
  | StdBetweenRule
  | DistinctCountBetweenRule
  | CompoundUniqueRule
  | ColumnPairGreaterRule;

export type RuleType = Rule['type'];

/** A suite as exported and imported: `{"rules": [...]}`. */
export interface Suite {
  rules: Rule[];
}

/** A value that failed a rule: its 0-based data row and the value as the user reads it (null = missing). */
export interface FailingExample {
  row: number;
  value: string | null;
}

export interface RuleResult {
  rule: Rule;
  success: boolean;
  /**
   * What was measured. Rules on each value: the share of the values considered that pass (0–1; null when
   * none were considered). Rules on one figure: that figure (null when it cannot be computed, e.g. the mean
   * of an empty column). column_exists: 1 when the column is there, 0 when not.
   */
  observed: number | null;
  /** Rules on each value: how many values were considered (GE's nonnull_count / filtered row count). */
  considered: number | null;
  /** Rules on each value: how many of them failed; null for rules on one figure. */
  unexpectedCount: number | null;
  /** unexpectedCount as a percentage (0–100) of the values considered, as GE's unexpected_percent. */
  unexpectedPercent: number | null;
  /** The first failing values (at most MAX_EXAMPLES), in row order. */
  examples: FailingExample[];
  /** Why the rule could not be checked (a missing column, a wrong column type, a time limit); it then fails. */
  error?: string;
}

export interface SuiteResult {
  success: boolean;
  /** Rows in the table checked. */
  rows: number;
  passed: number;
  failed: number;
  results: RuleResult[];
}

/** Failing values kept per rule. */
export const MAX_EXAMPLES = 20;
