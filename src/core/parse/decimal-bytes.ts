// Reads plain decimal numbers straight from bytes, exactly as Number() would, without making a string.

/** Exact powers of ten: every one up to 1e22 is representable as a double. */
const POW10 = new Float64Array(23).map((_, i) => Number(`1e${i}`));
/** Significant digits up to which the mantissa stays an exact integer (10^15 < 2^53). */
const MAX_DIGITS = 15;

/** readDecimal's results. */
export const NOT_PLAIN = 0;
export const INTEGER = 1;
export const DECIMAL = 2;

/**
 * Reads bytes [start, end), which must be trimmed and non-empty, and when they are a plain decimal —
 * optional sign, digits, optional point and fraction, at most 15 significant digits — writes the number to
 * out[at] and returns INTEGER (written without a point) or DECIMAL. Otherwise (exponents, longer mantissas,
 * inf, words) returns NOT_PLAIN and the caller takes the slow path through a string and Number().
 *
 * The digits form an integer mantissa m < 2^53 and the number is m / 10^f with f ≤ 22: both operands are
 * exact doubles and IEEE division rounds correctly, so the result is the double nearest to the decimal, the
 * same one Number() returns. The value goes into an array rather than being returned so that it is never
 * boxed as a heap number on its way out.
 */
export function readDecimal(buf: Uint8Array, start: number, end: number, out: Float64Array, at: number): number {
  let i = start;
  const sign = buf[i];
  if (sign === 45 || sign === 43) i++;
  const first = i;
  let mantissa = 0;
  for (; i < end; i++) {
    const d = buf[i] - 48;
    if (d >>> 0 > 9) break;
    mantissa = mantissa * 10 + d;
  }
  let digits = i - first;
  let result = INTEGER;
  let fraction = 0;
  if (i < end && buf[i] === 46) {
    result = DECIMAL;
    const fractionStart = ++i;
    for (; i < end; i++) {
      const d = buf[i] - 48;
      if (d >>> 0 > 9) break;
      mantissa = mantissa * 10 + d;
    }
    fraction = i - fractionStart;
    digits += fraction;
  }
  if (i !== end || digits === 0 || fraction > 22) return NOT_PLAIN;
  // Leading zeros do not count towards the 15 significant digits (0.000123 has 3); only long texts need the count.
  if (digits > MAX_DIGITS && significantDigits(buf, first, end) > MAX_DIGITS) return NOT_PLAIN;
  const v = fraction === 0 ? mantissa : mantissa / POW10[fraction];
  out[at] = sign === 45 ? -v : v;
  return result;
}

/** Digits in [start, end) after the leading zeros (and the point, if any). */
function significantDigits(buf: Uint8Array, start: number, end: number): number {
  let n = 0;
  let leading = true;
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c === 46) continue;
    if (leading && c === 48) continue;
    leading = false;
    n++;
  }
  return n;
}
