// The χ² distribution's survival function, as SciPy's chi2.sf (Cephes chdtrc = igamc(k/2, x/2)).
import { upperGammaRegularized } from '../profile/alerts.ts';

/** P(X ≥ statistic) for X ~ χ²(dof). An infinite statistic (an expected count of 0) gives 0, as in SciPy. */
export function chiSquareSurvival(statistic: number, dof: number): number {
  if (Number.isNaN(statistic) || !(dof > 0)) return NaN;
  if (statistic === Infinity) return 0;
  if (statistic <= 0) return 1;
  return upperGammaRegularized(dof / 2, statistic / 2);
}
