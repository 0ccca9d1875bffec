// Reads plain decimal numbers straight from bytes, exactly as Number() would, without making a string.

/** Exact powers of ten: every one up to 1e22 is representable as a double. */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
/** Significant digits up to which the mantissa stays an exact integer (10^15 < 2^53). */
const MAX_DIGITS = 15;

/**
 * `read` handles the common shape — optional sign, digits, optional point and fraction — with at most 15
 * significant digits. The digits form an integer mantissa m < 2^53 and the result is m / 10^f with f ≤ 22:
 * both operands are exact doubles and IEEE division rounds correctly, so the result is the double nearest to
 * the decimal, the same one Number() returns. Anything else (exponents, longer mantissas, inf, words) gives
 * NaN, which tells the caller to take the slow path through a string; no plain decimal reads as NaN.
 */
export class DecimalReader {
  /** Whether the last number read was written without a point. */
  integer = false;

  /** The number spelled by bytes [start, end), which must be trimmed and non-empty, or NaN (see above). */
  read(buf: Uint8Array, start: number, end: number): number {
    let i = start;
    let c = buf[i];
    let negative = false;
    if (c === 45) {
      negative = true;
      i++;
    } else if (c === 43) {
      i++;
    }
    let mantissa = 0;
    let significant = 0;
    let digits = 0;
    for (; i < end; i++) {
      const d = buf[i] - 48;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      if (mantissa !== 0) significant++;
      digits++;
    }
    let fraction = 0;
    if (i < end && buf[i] === 46) {
      for (i++; i < end; i++) {
        const d = buf[i] - 48;
        if (d < 0 || d > 9) break;
        mantissa = mantissa * 10 + d;
        if (mantissa !== 0) significant++;
        fraction++;
      }
      digits += fraction;
      this.integer = false;
    } else {
      this.integer = true;
    }
    if (i !== end || digits === 0 || significant > MAX_DIGITS || fraction > 22) return NaN;
    const v = fraction === 0 ? mantissa : mantissa / POW10[fraction];
    return negative ? -v : v;
  }
}
