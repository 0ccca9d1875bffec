// Multiplying by 2^e without overflowing Math.pow: the ldexp that the Kolmogorov recursions need.

/** x · 2^e, in steps small enough that 2^step stays a finite double. */
export function ldexp(x: number, e: number): number {
  let out = x;
  let rest = e;
  while (rest > 512) {
    out *= 2 ** 512;
    rest -= 512;
  }
  while (rest < -512) {
    out *= 2 ** -512;
    rest += 512;
  }
  return out * 2 ** rest;
}

/** 2^128 and 2^−128: the scale SciPy's Kolmogorov code rescales intermediate values by. */
export const SCALE_UP = 2 ** 128;
export const SCALE_DOWN = 2 ** -128;
export const SCALE_EXPONENT = 128;
