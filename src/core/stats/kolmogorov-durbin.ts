// P(Dₙ ≤ d) for the two-sided one-sample Kolmogorov statistic by Durbin's matrix method, as SciPy's
// _kolmogn_DMTW (Marsaglia, Tsang & Wang 2003): the k-th diagonal entry of (n!/nⁿ)·Hⁿ.
import { ldexp, SCALE_DOWN, SCALE_EXPONENT, SCALE_UP } from './scaled-power.ts';

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k];
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] += aik * b[k * m + j];
    }
  }
  return out;
}

/** The CDF, clipped to [0, 1]. Memory O(m²) and time O(m³ log n) with m = 2⌈nd⌉ − 1: for small nd. */
export function kolmogorovCdfDurbin(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  // v: first column and (reversed) last row of H; w[j] = 1/j!.
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;

  let H = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)];
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];

  let power = new Float64Array(m * m);
  for (let i = 0; i < m; i++) power[i * m + i] = 1;
  let nn = n;
  let exponent = 0;
  let hExponent = 0;
  const kk = (k - 1) * m + (k - 1);
  while (nn > 0) {
    if (nn % 2) {
      power = multiply(power, H, m);
      exponent += hExponent;
    }
    H = multiply(H, H, m);
    hExponent *= 2;
    if (Math.abs(H[kk]) > SCALE_UP) {
      for (let i = 0; i < H.length; i++) H[i] /= SCALE_UP;
      hExponent += SCALE_EXPONENT;
    }
    nn = Math.floor(nn / 2);
  }

  let p = power[kk];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < SCALE_DOWN) {
      p *= SCALE_UP;
      exponent -= SCALE_EXPONENT;
    }
  }
  if (exponent !== 0) p = ldexp(p, exponent);
  return Math.min(1, Math.max(0, p));
}
