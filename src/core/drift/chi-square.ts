// Evidently's "chisquare" test: observed current counts against reference proportions; drift when p < threshold.
import { chiSquareSurvival } from '../stats/chi-square.ts';
import type { CategoryTable, TestOutcome } from './types.ts';

export const CHI_SQUARE_THRESHOLD = 0.05;

/**
 * Pearson's χ² over the union of categories with expected counts = reference counts × (n_current ÷
 * n_reference), k − 1 degrees of freedom (SciPy's chisquare(f_obs, f_exp)). A category the reference lacks
 * has an expected count of 0, so χ² is infinite and p is 0, as in SciPy.
 */
export function chiSquareTest(table: CategoryTable, threshold = CHI_SQUARE_THRESHOLD): TestOutcome {
  const scale = table.currentTotal / table.referenceTotal;
  let statistic = 0;
  for (let i = 0; i < table.keys.length; i++) {
    const expected = table.reference[i] * scale;
    statistic += (table.current[i] - expected) ** 2 / expected;
  }
  const pValue = chiSquareSurvival(statistic, table.keys.length - 1);
  return { test: 'chisquare', statistic, pValue, threshold, drifted: pValue < threshold };
}
