// HyperLogLog: estimates how many distinct values a stream holds in 2^p bytes, whatever its length.

/** Register index bits: 2^14 registers give a relative standard error of 1.04 / 128 ≈ 0.81%. */
export const HLL_PRECISION = 14;
/** Bits of the rank hash: register values run 0 … RANK_BITS + 1. */
const RANK_BITS = 32;

/**
 * Each value is hashed twice (independent seeds): the first hash's top p bits choose a register, and the
 * second hash's leading zeros + 1 is the rank whose maximum the register keeps. The 14 + 32 hash bits
 * saturate only far beyond the size of any column that fits in memory.
 * The estimate is Ertl's improved raw estimator ("New cardinality estimation algorithms for HyperLogLog
 * sketches", 2017), which needs neither bias tables nor a switch to linear counting for small counts.
 */
export class HyperLogLog {
  readonly registers: Uint8Array;

  constructor(readonly precision = HLL_PRECISION) {
    this.registers = new Uint8Array(1 << precision);
  }

  /** indexHash and rankHash: two independent 32-bit hashes of the value. */
  add(indexHash: number, rankHash: number): void {
    const i = indexHash >>> (32 - this.precision);
    const rank = Math.clz32(rankHash) + 1;
    if (rank > this.registers[i]) this.registers[i] = rank;
  }

  estimate(): number {
    const m = this.registers.length;
    const histogram = new Float64Array(RANK_BITS + 2);
    for (let i = 0; i < m; i++) histogram[this.registers[i]]++;
    let z = m * tau(1 - histogram[RANK_BITS + 1] / m);
    for (let k = RANK_BITS; k >= 1; k--) z = 0.5 * (z + histogram[k]);
    z += m * sigma(histogram[0] / m);
    return (m * m) / (2 * Math.LN2 * z);
  }

  /** Relative standard error of the estimate, 1.04 / √m. */
  static error(precision = HLL_PRECISION): number {
    return 1.04 / Math.sqrt(2 ** precision);
  }
}

/** σ(x) = x + Σ_{k≥1} x^(2^k) 2^(k−1), summed until it stops changing. */
function sigma(x: number): number {
  if (x === 1) return Infinity;
  let y = 1;
  let z = x;
  for (;;) {
    x *= x;
    const before = z;
    z += x * y;
    y += y;
    if (z === before) return z;
  }
}

/** τ(x) = (1 − x − Σ_{k≥1} (1 − x^(2^−k))² 2^−k) / 3, summed until it stops changing. */
function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  for (;;) {
    x = Math.sqrt(x);
    const before = z;
    y *= 0.5;
    z -= (1 - x) * (1 - x) * y;
    if (z === before) return z / 3;
  }
}
