// Evidently's default choices: how a column is treated (numerical or categorical) and which test it gets.
import type { Column, ColumnType } from '../table/table.ts';
import { distinctCount } from './sample.ts';
import type { DriftSample, DriftTestName, FeatureKind } from './types.ts';

/** Evidently's NUMBER_UNIQUE_AS_CATEGORICAL: integer columns with at most this many values are categorical. */
export const INTEGER_CATEGORICAL_MAX = 5;
/** Up to this many reference rows the tests with p-values are used; above, distances. */
export const SMALL_REFERENCE_ROWS = 1000;
/** A numerical column with at most this many distinct values (both sides) is tested as categories. */
export const FEW_VALUES = 5;

/**
 * Evidently's _get_column_type without a column mapping, on Lathe's types. The current side's type decides
 * (as Evidently's column_dtype does when both are compatible); integer columns are categorical when the
 * reference (or, if it has none, the current side) holds at most 5 distinct values; booleans and categories
 * are categorical; floats numerical. Returns the reason instead when the column is not tested: dates (which
 * Evidently's data drift leaves out), and free text or identifiers on both sides (every value distinct, no
 * distribution to compare; Evidently would need a text model).
 */
export function featureKind(reference: Column, current: Column, refSample: DriftSample, curSample: DriftSample): FeatureKind | { skip: string } {
  const type = current.type;
  if (type === 'datetime') return { skip: 'dates are not compared (as in Evidently’s data drift)' };
  if (type === 'integer') {
    const distinct = distinctCount(refSample) || distinctCount(curSample);
    return distinct <= INTEGER_CATEGORICAL_MAX ? 'categorical' : 'numeric';
  }
  if (type === 'float') return 'numeric';
  if (type === 'boolean' || type === 'categorical') return 'categorical';
  const textual = (t: ColumnType) => t === 'text' || t === 'identifier';
  if (textual(reference.type) && textual(type)) {
    return { skip: type === 'identifier' ? 'an identifier: every value distinct, no distribution to compare' : 'free text: not compared as categories' };
  }
  return 'categorical';
}

/**
 * Evidently's _get_default_stattest. With at most 1,000 reference values: KS for numerical columns, chi-square
 * for categories, the Z-test when there are only two values; a numerical column with at most 5 distinct
 * values is tested as categories. Above 1,000: the normed Wasserstein distance for numerical columns with
 * more than 5 values, the Jensen–Shannon distance for everything else. Counts are of tested values
 * (missing left out); distinct values are counted over both sides together.
 */
export function defaultTest(referenceCount: number, pooledDistinct: number, kind: FeatureKind): DriftTestName {
  if (referenceCount <= SMALL_REFERENCE_ROWS) {
    if (kind === 'numeric' && pooledDistinct > FEW_VALUES) return 'ks';
    return pooledDistinct > 2 ? 'chisquare' : 'z';
  }
  return kind === 'numeric' && pooledDistinct > FEW_VALUES ? 'wasserstein' : 'jensenshannon';
}
