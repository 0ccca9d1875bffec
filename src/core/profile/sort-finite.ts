// Sorts the finite values of a column into a new array with a bucket sort, about three times faster than Float64Array.sort.

/** Buckets of at most this many values are finished by insertion sort, which beats another counting pass there. */
const INSERTION_MAX = 32;
/** Values per bucket aimed at, so that buckets sort while in cache. */
const TARGET_BUCKET = 8;
const MAX_BUCKET_BITS = 17;
/** A split that leaves more than this share of a range in one bucket is redone on the bits of the values instead. */
const LOPSIDED = 0.5;

/**
 * The finite values of `values` (NaN and ±Infinity left out, −0 written as 0), ascending.
 * `finiteCount`, `min` and `max` describe the finite values (the caller has them from its first pass).
 *
 * A counting pass and a scatter pass put each value in one of about n/8 buckets by where it falls between
 * min and max; each bucket is then sorted in place while it is hot in cache (insertion sort when small,
 * the same step again on its own min and max when large). Skewed data that piles into one bucket (say
 * log-normal, or a few huge outliers) is split instead by the bits of its values: doubles order like their
 * bits once negative numbers have every bit flipped and positive ones the sign bit, and bits just below the
 * highest one where min and max differ spread values across binades. Either way the result is exact.
 */
export function sortFinite(values: Float64Array, finiteCount: number, min: number, max: number): Float64Array {
  const out = new Float64Array(finiteCount);
  if (finiteCount === 0) return out;
  if (min === max) return out.fill(min === 0 ? 0 : min);
  const buckets = bucketCount(finiteCount);
  const n = values.length;
  const split = linearSplit(min, max, buckets);
  let counts: Int32Array | null = null;
  if (split !== null) {
    // Locals, not the split object's fields, in the hot loops.
    const lo = split.min;
    const scale = split.scale;
    const top = buckets - 1;
    counts = new Int32Array(buckets + 1);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v - v !== 0) continue; // NaN or ±Infinity: v - v is 0 exactly for finite v
      // Truncation is floor here (the product is ≥ 0) and keeps the index a small integer for fast element access.
      const b = ((v - lo) * scale) | 0;
      counts[(b < top ? b : top) + 1]++;
    }
    if (maxOf(counts) > LOPSIDED * finiteCount) counts = null;
    else {
      for (let b = 0; b < buckets; b++) counts[b + 1] += counts[b];
      const next = counts.slice(0, buckets);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v - v !== 0) continue;
        const b = ((v - lo) * scale) | 0;
        out[next[b < top ? b : top]++] = v === 0 ? 0 : v;
      }
    }
  }
  if (counts === null) {
    const { shift, mask } = bitSplit(min, max, buckets);
    const view = new Uint32Array(values.buffer, values.byteOffset, n * 2);
    counts = new Int32Array(mask + 2);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v - v === 0) counts[bitBucket(view[2 * i], view[2 * i + 1], shift, mask) + 1]++;
    }
    for (let b = 0; b <= mask; b++) counts[b + 1] += counts[b];
    const next = counts.slice(0, mask + 1);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v - v === 0) out[next[bitBucket(view[2 * i], view[2 * i + 1], shift, mask)]++] = v === 0 ? 0 : v;
    }
  }
  finishBuckets(out, 0, counts);
  return out;
}

/** Sorts each bucket out[offset + counts[b], offset + counts[b + 1]). */
function finishBuckets(out: Float64Array, offset: number, counts: Int32Array): void {
  let scratch: Float64Array | null = null;
  for (let b = 0; b < counts.length - 1; b++) {
    const start = offset + counts[b];
    const end = offset + counts[b + 1];
    const size = end - start;
    if (size < 2) continue;
    if (size <= INSERTION_MAX) insertionSort(out, start, end);
    else {
      if (scratch === null || scratch.length < size) scratch = new Float64Array(Math.max(size, 1024));
      sortRange(out, start, end, scratch);
    }
  }
}

/** Sorts out[start, end) in place, with scratch as room for the scatter. */
function sortRange(out: Float64Array, start: number, end: number, scratch: Float64Array): void {
  const n = end - start;
  let min = out[start];
  let max = min;
  for (let i = start + 1; i < end; i++) {
    const v = out[i];
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  if (min === max) return;
  const buckets = bucketCount(n);
  let counts = new Int32Array(buckets + 1);
  let split = linearSplit(min, max, buckets);
  if (split !== null) {
    for (let i = start; i < end; i++) counts[linearBucket(out[i], split.min, split.scale, buckets) + 1]++;
    if (maxOf(counts) > LOPSIDED * n) split = null;
  }
  const bits = split === null ? bitSplit(min, max, buckets) : null;
  const word = new Float64Array(1);
  const wordBits = new Uint32Array(word.buffer);
  if (bits !== null) {
    counts = new Int32Array(bits.mask + 2);
    for (let i = start; i < end; i++) {
      word[0] = out[i];
      counts[bitBucket(wordBits[0], wordBits[1], bits.shift, bits.mask) + 1]++;
    }
  }
  const last = counts.length - 1;
  for (let b = 0; b < last; b++) counts[b + 1] += counts[b];
  const next = counts.slice(0, last);
  if (split !== null) {
    for (let i = start; i < end; i++) {
      const v = out[i];
      scratch[next[linearBucket(v, split.min, split.scale, buckets)]++] = v;
    }
  } else if (bits !== null) {
    for (let i = start; i < end; i++) {
      const v = out[i];
      word[0] = v;
      scratch[next[bitBucket(wordBits[0], wordBits[1], bits.shift, bits.mask)]++] = v;
    }
  }
  out.set(scratch.subarray(0, n), start);
  finishBuckets(out, start, counts);
}

/** Sorts a[start, end) in place; fastest for the short runs left by the bucket pass and by KLL. */
export function insertionSort(a: Float64Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= start && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

function bucketCount(n: number): number {
  return 1 << Math.min(MAX_BUCKET_BITS, Math.max(1, Math.ceil(Math.log2(n / TARGET_BUCKET))));
}

function maxOf(counts: Int32Array): number {
  let m = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > m) m = counts[i];
  return m;
}

/** Bucket by position between min and max; null when the span overflows (min and max near ±1.8e308). */
function linearSplit(min: number, max: number, buckets: number): { min: number; scale: number } | null {
  const scale = buckets / (max - min);
  return Number.isFinite(scale) && scale > 0 ? { min, scale } : null;
}

/** Non-decreasing in v (each step rounds monotonically), so buckets keep the order. */
function linearBucket(v: number, min: number, scale: number, buckets: number): number {
  const b = ((v - min) * scale) | 0;
  return b < buckets ? b : buckets - 1;
}

/**
 * Which bits of the order key to bucket on for values in [min, max]: `mask + 1` buckets from the bits
 * starting at `shift`, just below the highest bit where the keys of min and max differ (all keys between
 * share the bits above it).
 */
function bitSplit(min: number, max: number, buckets: number): { shift: number; mask: number } {
  const a = orderKey(min);
  const b = orderKey(max);
  const diffHi = (a[1] ^ b[1]) >>> 0;
  const top = diffHi !== 0 ? 63 - Math.clz32(diffHi) : 31 - Math.clz32((a[0] ^ b[0]) >>> 0);
  const bits = Math.min(Math.log2(buckets), top + 1);
  return { shift: top + 1 - bits, mask: (1 << bits) - 1 };
}

/** The order key's [lo, hi] words. */
function orderKey(v: number): [number, number] {
  const word = new Float64Array([v === 0 ? 0 : v]);
  const bits = new Uint32Array(word.buffer);
  return bits[1] & 0x80000000 ? [~bits[0] >>> 0, ~bits[1] >>> 0] : [bits[0], (bits[1] | 0x80000000) >>> 0];
}

/** Bits [shift, shift + log2(mask + 1)) of the order key of the double whose words are lo, hi. */
function bitBucket(lo: number, hi: number, shift: number, mask: number): number {
  if (hi & 0x80000000) {
    // −0 takes the key of +0, as it is written out as 0.
    if (lo !== 0 || hi !== 0x80000000) {
      hi = ~hi;
      lo = ~lo;
    }
  } else hi |= 0x80000000;
  if (shift >= 32) return (hi >>> (shift - 32)) & mask;
  if (shift === 0) return lo & mask;
  return ((lo >>> shift) | (hi << (32 - shift))) & mask;
}
