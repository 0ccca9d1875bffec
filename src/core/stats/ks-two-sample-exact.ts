// Exact two-sided p-values of the two-sample Kolmogorov–Smirnov statistic, as SciPy's ks_2samp computes them
// (Hodges 1958, lattice paths; the 1 − p recursion of Viehmann 2021 for unequal sizes).

/**
 * P(D ≥ h/n) for two samples of n each: 2·Σ (−1)^(k+1) C(2n, n−kh)/C(2n, n), in SciPy's nested
 * (Horner-like) form that avoids the alternating sum's cancellation.
 */
export function ksProbOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/**
 * The share of lattice paths from (0,0) to (m,n) that leave the band |x/m − y/n| < h/lcm(m,n), computed
 * column by column as 1 − (share inside), one sliding window of the column kept, as SciPy's
 * _compute_outer_prob_inside_method.
 */
export function ksOuterProbInside(m0: number, n0: number, g: number, h: number): number {
  const [m, n] = m0 < n0 ? [n0, m0] : [m0, n0];
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  for (let j = minj; j < Math.min(maxj, lenA); j++) A[j] = 0;
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) {
      const end = Math.min(maxj - minj + (lastlen - curlen), lenA);
      for (let j = maxj - minj; j < end; j++) A[j] = 1;
    }
  }
  return A[maxj - minj - 1];
}
