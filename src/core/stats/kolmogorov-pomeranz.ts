// P(Dₙ ≤ x) for the two-sided one-sample Kolmogorov statistic by Pomeranz's recursion (1974), as SciPy's
// _kolmogn_Pomeranz: each row a convolution of the previous one with (almost) Poisson probabilities.
import { ldexp, SCALE_DOWN, SCALE_EXPONENT, SCALE_UP } from './scaled-power.ts';

/** The interval of row i that can be non-zero, as SciPy's _pomeranz_compute_j1j2. */
function rowInterval(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

export function kolmogorovCdfPomeranz(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  // (g/n)^m/m!, (2g/n)^m/m!, ((1−2g)/n)^m/m!: Poisson probabilities but for their normalising factor.
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = twogpower[0] = onem2gpower[0] = 1;
  const gn = g / n;
  const twogn = (2 * g) / n;
  const onem2gn = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1] * gn) / m;
    twogpower[m] = (twogpower[m - 1] * twogn) / m;
    onem2gpower[m] = (onem2gpower[m - 1] * onem2gn) / m;
  }

  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  let exponent = 0;
  let [j1, j2] = rowInterval(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = rowInterval(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      // Full convolution of V0[k1 − V0s, +ln2) with pwrs[0, ln2), of which entries [j1 − k1, +conv_len) are kept.
      const aStart = k1 - V0s;
      const aLen = Math.max(0, Math.min(ln2, npwrs - aStart));
      const bLen = Math.min(ln2, npwrs);
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      let max = 0;
      for (let c = 0; c < convLen; c++) {
        const idx = convStart + c;
        let s = 0;
        const lo = Math.max(0, idx - (bLen - 1));
        const hi = Math.min(aLen - 1, idx);
        for (let a = lo; a <= hi; a++) s += V0[aStart + a] * pwrs[idx - a];
        V1[c] = s;
        if (s > max) max = s;
      }
      if (max > 0 && max < SCALE_DOWN) {
        for (let c = 0; c < V1.length; c++) V1[c] *= SCALE_UP;
        exponent -= SCALE_EXPONENT;
      }
      V1s = V0s + j1 - k1;
    }
  }

  let ans = V1[n - V1s];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > SCALE_UP) {
      ans *= SCALE_DOWN;
      exponent += SCALE_EXPONENT;
    }
    ans *= m;
  }
  if (exponent !== 0) ans = ldexp(ans, exponent);
  return Math.min(1, Math.max(0, ans));
}
