// The two-sided one-sample Kolmogorov distribution P(Dₙ ≥ x): SciPy's stats.kstwo.sf(x, n), choosing among
// exact and approximate methods by Simard & L'Ecuyer (2011) exactly as SciPy's _kolmogn does.
import { kolmogorovCdfDurbin } from './kolmogorov-durbin.ts';
import { kolmogorovCdfPelzGood } from './kolmogorov-pelz-good.ts';
import { kolmogorovCdfPomeranz } from './kolmogorov-pomeranz.ts';
import { smirnovSurvival } from './smirnov.ts';

const LOG_2PI = Math.log(2 * Math.PI);
// B_{2j}/(2j)/(2j−1) for j = 8…1: Stirling's series, highest power first.
const STIRLING = [
  -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
  -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
];

/** ln(n!/nⁿ) by Stirling's series with n·ln n taken out first (no cancellation). */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  const x = rn / n;
  let poly = 0;
  for (const c of STIRLING) poly = poly * x + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

const clip = (p: number): number => Math.min(1, Math.max(0, p));

/** P(Dₙ ≥ x) for a sample of n (a positive integer). */
export function kolmogorovSurvival(n: number, x: number): number {
  if (!(n > 0) || !Number.isInteger(n) || Number.isNaN(x)) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    // Ruben–Gambino: 1/2n ≤ x ≤ 1/n has a closed form.
    if (t <= 0.5) return 1;
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      for (let i = 1; i <= n; i++) cdf *= i * (1 / n) * (2 * t - 1);
    } else {
      cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip(1 - cdf);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  // Above 1/2 the two one-sided tails cannot both be crossed: exactly twice the Smirnov tail.
  if (x >= 0.5) return clip(2 * smirnovSurvival(n, x));

  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clip(1 - kolmogorovCdfDurbin(n, x));
    if (nxSquared <= 4) return clip(1 - kolmogorovCdfPomeranz(n, x));
    return clip(2 * smirnovSurvival(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip(2 * smirnovSurvival(n, x));
  const cdf = n <= 100000 && n * x ** 1.5 <= 1.4 ? kolmogorovCdfDurbin(n, x) : kolmogorovCdfPelzGood(n, x);
  return clip(1 - cdf);
}
