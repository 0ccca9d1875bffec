// Drift between a reference table and a current one, per column and for the dataset, with Evidently's defaults.
//
// Definitions followed (Evidently's legacy stattests, SciPy doing the statistics); Lathe's differences marked ≠:
// - Each column is cleaned first: missing values and ±Infinity left out (Evidently's get_one_column_drift).
// - Kind (data_preprocessing._get_column_type): integer columns with ≤ 5 distinct reference values, booleans
//   and categories are categorical; other numbers numerical. ≠ Lathe's types stand in for pandas dtypes: an
//   integer column with missing values stays "integer" (pandas would read it as float, hence numerical).
//   ≠ Dates, free text and identifiers are reported as skipped (Evidently leaves dates out and needs a text
//   model for text; identifiers have no distribution).
// - Test (registry._get_default_stattest), on the cleaned reference size and the distinct values of both sides:
//   ≤ 1,000 reference values: numerical with > 5 values → "ks", else chi-square (> 2 values) or Z (≤ 2);
//   > 1,000: numerical with > 5 values → "wasserstein", else "jensenshannon".
// - ks: scipy.stats.ks_2samp two-sided, method='auto' (exact up to 10,000 values a side, else the asymptotic
//   Kolmogorov distribution of round(mn/(m+n))); drift when p ≤ 0.05 (Evidently uses ≤ here, < elsewhere).
// - chisquare: scipy.stats.chisquare(current counts, reference counts × n_cur/n_ref) over the union of
//   categories, k − 1 dof; a category only the current side has makes χ² infinite and p = 0. Drift p < 0.05.
// - z: two-proportion Z-test of "not the first category (sorted)"; p = 2(1 − Φ(|z|)); both sides a single
//   identical value → p = 1. Drift p < 0.05.
// - wasserstein: scipy.stats.wasserstein_distance ÷ max(np.std(reference), 0.001) (population std); drift
//   when ≥ 0.1.
// - jensenshannon: scipy.spatial.distance.jensenshannon (natural log, Evidently's base=None) of
//   get_binned_data(feel_zeroes=False): numeric columns with > 20 distinct reference values on
//   np.histogram_bin_edges(both sides, 'sturges'), else shares per value over the union. Drift when ≥ 0.1.
//   ≠ the square root is taken of max(0, ·), where rounding could hand SciPy a tiny negative (NaN).
// - psi (shown, never deciding): Σ (r − c) ln(r/c) on get_binned_data(feel_zeroes=True): empty bins get the
//   side's smallest share ÷ 10⁶ if that is ≤ 0.0001, else 0.0001.
// - Dataset drift (get_dataset_drift): drifted ÷ tested columns ≥ drift_share (0.5).
// - Schema: ≠ Evidently tests the columns it finds; here differing columns are an error unless the caller
//   asks for the common ones ("schema: 'common'"), because a verdict over a silently smaller set of columns
//   reads the same as one over all of them.
import { UserError } from '../errors/user-error.ts';
import type { Column, Table } from '../table/table.ts';
import { binnedShares } from './binning.ts';
import { categoryTable } from './category-table.ts';
import { chiSquareTest, CHI_SQUARE_THRESHOLD } from './chi-square.ts';
import { driftDistribution } from './distribution.ts';
import { jensenShannonTest, JENSEN_SHANNON_THRESHOLD } from './jensen-shannon.ts';
import { ksTest, KS_THRESHOLD } from './ks.ts';
import { psi } from './psi.ts';
import { pooledDistinctCount, sampleColumn, sampleSize } from './sample.ts';
import { compareSchemas, schemaError, schemasDiffer } from './schema.ts';
import { defaultTest, featureKind } from './select-test.ts';
import type { ColumnDrift, DriftOptions, DriftResult, DriftSample, DriftTestName, SkippedColumn, TestOutcome } from './types.ts';
import { wassersteinTest, WASSERSTEIN_THRESHOLD } from './wasserstein.ts';
import { zTest, Z_THRESHOLD } from './z-test.ts';

/** Evidently's drift_share. */
export const DRIFT_SHARE = 0.5;

export const DEFAULT_THRESHOLDS: Record<DriftTestName, number> = {
  ks: KS_THRESHOLD,
  chisquare: CHI_SQUARE_THRESHOLD,
  z: Z_THRESHOLD,
  wasserstein: WASSERSTEIN_THRESHOLD,
  jensenshannon: JENSEN_SHANNON_THRESHOLD,
};

export const TEST_LABELS: Record<DriftTestName, string> = {
  ks: 'Kolmogorov–Smirnov',
  chisquare: 'Chi-square',
  z: 'Z-test (proportions)',
  wasserstein: 'Wasserstein (normed)',
  jensenshannon: 'Jensen–Shannon distance',
};

/** The hint of a schema error; callers (CLI, cell) say how their user asks for the common columns. */
export const SCHEMA_HINT = 'Load datasets with the same columns, or compare only the columns both have.';

function runTest(test: DriftTestName, ref: DriftSample, cur: DriftSample, kind: ColumnDrift['kind'], threshold: number): TestOutcome {
  switch (test) {
    case 'ks':
    case 'wasserstein': {
      if (ref.kind !== 'numeric' || cur.kind !== 'numeric') throw new Error(`${test} needs numeric samples`);
      return test === 'ks' ? ksTest(ref.values, cur.values, threshold) : wassersteinTest(ref.values, cur.values, threshold);
    }
    case 'chisquare':
      return chiSquareTest(categoryTable(ref, cur), threshold);
    case 'z':
      return zTest(categoryTable(ref, cur), threshold);
    case 'jensenshannon':
      return jensenShannonTest(binnedShares(ref, cur, kind), threshold);
  }
}

function columnDrift(reference: Column, current: Column, thresholds: Record<DriftTestName, number>): ColumnDrift | SkippedColumn {
  const ref = sampleColumn(reference);
  const cur = sampleColumn(current);
  const kind = featureKind(reference, current, ref, cur);
  if (typeof kind === 'object') return { name: reference.name, reason: kind.skip };
  const refCount = sampleSize(ref);
  const curCount = sampleSize(cur);
  if (refCount === 0 || curCount === 0) {
    const side = refCount === 0 ? 'reference' : 'current';
    return { name: reference.name, reason: `no values in the ${side} data` };
  }
  const test = defaultTest(refCount, pooledDistinctCount(ref, cur), kind);
  const outcome = runTest(test, ref, cur, kind, thresholds[test]);
  return {
    name: reference.name,
    type: current.type,
    kind,
    ...outcome,
    psi: psi(binnedShares(ref, cur, kind)),
    reference: { count: refCount, missing: reference.kind === 'numeric' ? reference.values.length - refCount : reference.codes.length - refCount },
    current: { count: curCount, missing: current.kind === 'numeric' ? current.values.length - curCount : current.codes.length - curCount },
    distribution: driftDistribution(ref, cur, kind, current.type),
  };
}

/**
 * Tests every column both tables have and decides dataset drift. Throws a UserError when the columns differ
 * (unless options.schema is 'common'), when the drift share is not in (0, 1], or when no column can be tested.
 */
export function detectDrift(reference: Table, current: Table, options: DriftOptions = {}): DriftResult {
  const threshold = options.driftShare ?? DRIFT_SHARE;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new UserError(`The drift share must be above 0 and at most 1, not ${threshold}.`, 'Use for example 0.5: half the columns drifting means the dataset drifts.');
  }
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const schema = compareSchemas(reference, current);
  const skipped: SkippedColumn[] = [];
  if (schemasDiffer(schema)) {
    if ((options.schema ?? 'strict') === 'strict') throw schemaError(schema, SCHEMA_HINT);
    for (const name of schema.missing) skipped.push({ name, reason: 'only in the reference data' });
    for (const name of schema.extra) skipped.push({ name, reason: 'only in the current data' });
    for (const m of schema.mismatched) skipped.push({ name: m.name, reason: `${m.reference} in the reference but ${m.current} in the current data` });
  }
  const byName = new Map(current.columns.map((c) => [c.name, c]));
  const columns: ColumnDrift[] = [];
  for (const name of schema.common) {
    const ref = reference.columns.find((c) => c.name === name)!;
    const r = columnDrift(ref, byName.get(name)!, thresholds);
    if ('test' in r) columns.push(r);
    else skipped.push(r);
  }
  if (columns.length === 0) {
    const why = skipped.length ? ` ${skipped.map((s) => `"${s.name}": ${s.reason}`).join('; ')}.` : '';
    throw new UserError(`No column of these datasets can be tested for drift.${why}`, 'Drift compares numeric, boolean and categorical columns present in both datasets.');
  }
  const driftedCount = columns.filter((c) => c.drifted).length;
  const share = driftedCount / columns.length;
  return {
    datasetDrift: share >= threshold,
    share,
    threshold,
    driftedCount,
    columns,
    skipped,
    referenceRows: reference.rowCount,
    currentRows: current.rowCount,
  };
}

