// Positions ordered by value, through the profile's bucket sort: far faster than sorting indices with a comparator.

import { sortFiniteRows } from '../profile/sort-finite.ts';

/**
 * Positions of `values` in ascending order of value (−Infinity first, +Infinity last); equal values in no
 * particular order. NaN is not allowed: callers drop missing values first.
 */
export function ascendingOrder(values: ArrayLike<number>): Int32Array {
  const n = values.length;
  const v = values instanceof Float64Array ? values : Float64Array.from(values);
  let min = Infinity;
  let max = -Infinity;
  let finite = 0;
  let negInf = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x - x === 0) {
      finite++;
      if (x < min) min = x;
      if (x > max) max = x;
    } else if (x !== x) throw new Error(`ascendingOrder: position ${i} is NaN`);
    else if (x < 0) negInf++;
  }
  const sorted = sortFiniteRows(v, finite, min, max).rows;
  if (finite === n) return new Int32Array(sorted.buffer, sorted.byteOffset, sorted.length);
  const out = new Int32Array(n);
  let a = 0;
  let b = negInf + finite;
  for (let i = 0; i < n; i++) {
    if (v[i] === -Infinity) out[a++] = i;
    else if (v[i] === Infinity) out[b++] = i;
  }
  out.set(sorted, negInf);
  return out;
}
