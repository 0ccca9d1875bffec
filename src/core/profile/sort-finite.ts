// Sorts the finite values of a column into a new array with a bucket sort, about three times faster than Float64Array.sort.

/** Buckets of at most this many values are finished by insertion sort, which beats another counting pass there. */
const INSERTION_MAX = 32;
/** Values per bucket aimed at, so that buckets sort while in cache. */
const TARGET_BUCKET = 8;
const MAX_BUCKET_BITS = 17;
/**
 * Values per bucket aimed at by the first pass over a whole column: few enough buckets that the scatter's
 * write positions stay in cache (a scatter into n/8 buckets misses on nearly every write), after which each
 * bucket is sorted as a range, in cache.
 */
const TOP_TARGET_BUCKET = 2048;
const TOP_MAX_BUCKET_BITS = 12;
/** Most sub-buckets a first-pass bucket is split into. */
const SUB_MAX = 8192;
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

function topBucketCount(n: number): number {
  return 1 << Math.min(TOP_MAX_BUCKET_BITS, Math.max(1, Math.ceil(Math.log2(n / TOP_TARGET_BUCKET))));
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

/** Finite values in ascending order, with the row each came from. */
export interface SortedRows {
  /** As sortFinite's result. */
  values: Float64Array;
  /** rows[k] is the index in the column of values[k] (ties in no particular order). */
  rows: Uint32Array;
}

/**
 * Room for sorting one column after another without fresh arrays for each (tens of megabytes of new
 * memory per column cost page faults and garbage collections): results sorted into it are views, valid
 * until the next sort into the same scratch.
 */
export class SortScratch {
  private values = new Float64Array(0);
  private rows = new Uint32Array(0);

  take(n: number): SortedRows {
    if (this.values.length < n) {
      this.values = new Float64Array(n);
      this.rows = new Uint32Array(n);
    }
    return { values: this.values.subarray(0, n), rows: this.rows.subarray(0, n) };
  }
}

/**
 * sortFinite that also says where each value came from, for ranks: the same bucket passes, moving the row
 * indices along with the values. With `scratch`, the result lives in it (see SortScratch).
 */
export function sortFiniteRows(values: Float64Array, finiteCount: number, min: number, max: number, scratch?: SortScratch): SortedRows {
  const room = scratch ? scratch.take(finiteCount) : { values: new Float64Array(finiteCount), rows: new Uint32Array(finiteCount) };
  const out = room.values;
  const rows = room.rows;
  const n = values.length;
  if (finiteCount === 0) return { values: out, rows };
  if (min === max) {
    out.fill(min === 0 ? 0 : min);
    let k = 0;
    for (let i = 0; i < n; i++) if (values[i] - values[i] === 0) rows[k++] = i;
    return { values: out, rows };
  }
  const buckets = topBucketCount(finiteCount);
  const split = linearSplit(min, max, buckets);
  let counts: Int32Array | null = null;
  if (split !== null) {
    const lo = split.min;
    const scale = split.scale;
    const top = buckets - 1;
    counts = new Int32Array(buckets + 1);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v - v !== 0) continue;
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
        const p = next[b < top ? b : top]++;
        out[p] = v === 0 ? 0 : v;
        rows[p] = i;
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
      if (v - v !== 0) continue;
      const p = next[bitBucket(view[2 * i], view[2 * i + 1], shift, mask)]++;
      out[p] = v === 0 ? 0 : v;
      rows[p] = i;
    }
  }
  finishTopBucketsRows(out, rows, counts);
  return { values: out, rows };
}

/**
 * Sorts each first-pass bucket (about TOP_TARGET_BUCKET values, in cache) by one more equal-width split
 * into about four values per sub-bucket, reusing the same working arrays for every bucket, then insertion;
 * a bucket or sub-bucket that does not split evenly goes to the general sortRangeRows.
 */
function finishTopBucketsRows(out: Float64Array, rows: Uint32Array, counts: Int32Array): void {
  let largest = 0;
  for (let b = 0; b < counts.length - 1; b++) largest = Math.max(largest, counts[b + 1] - counts[b]);
  const room = Math.max(largest, 1024);
  const scratch: SortedRows = { values: new Float64Array(room), rows: new Uint32Array(room) };
  const sv = scratch.values;
  const sr = scratch.rows;
  const cursors = new Int32Array(Math.min(SUB_MAX, room) + 1);
  const starts = new Int32Array(cursors.length);
  for (let b = 0; b < counts.length - 1; b++) {
    const start = counts[b];
    const end = counts[b + 1];
    const size = end - start;
    if (size <= INSERTION_MAX) {
      if (size > 1) insertionSortRows(out, rows, start, end);
      continue;
    }
    let min = out[start];
    let max = min;
    for (let i = start + 1; i < end; i++) {
      const v = out[i];
      if (v < min) min = v;
      else if (v > max) max = v;
    }
    if (min === max) continue;
    const k = Math.min(SUB_MAX, Math.max(2, size >> 1));
    const scale = k / (max - min);
    if (!(scale > 0 && scale < Infinity)) {
      sortRangeRows(out, rows, start, end, scratch);
      continue;
    }
    const top = k - 1;
    cursors.fill(0, 0, k + 1);
    for (let i = start; i < end; i++) {
      const x = ((out[i] - min) * scale) | 0;
      cursors[(x < top ? x : top) + 1]++;
    }
    let most = 0;
    for (let q = 1; q <= k; q++) if (cursors[q] > most) most = cursors[q];
    if (most > LOPSIDED * size) {
      sortRangeRows(out, rows, start, end, scratch);
      continue;
    }
    for (let q = 0; q < k; q++) cursors[q + 1] += cursors[q];
    starts.set(cursors.subarray(0, k + 1));
    for (let i = start; i < end; i++) {
      const v = out[i];
      const x = ((v - min) * scale) | 0;
      const p = cursors[x < top ? x : top]++;
      sv[p] = v;
      sr[p] = rows[i];
    }
    out.set(sv.subarray(0, size), start);
    rows.set(sr.subarray(0, size), start);
    for (let q = 0; q < k; q++) {
      const a = start + starts[q];
      const z = start + starts[q + 1];
      if (z - a <= 1) continue;
      if (z - a <= INSERTION_MAX) insertionSortRows(out, rows, a, z);
      else sortRangeRows(out, rows, a, z, { values: new Float64Array(z - a), rows: new Uint32Array(z - a) });
    }
  }
}

function finishBucketsRows(out: Float64Array, rows: Uint32Array, offset: number, counts: Int32Array): void {
  let scratch: SortedRows | null = null;
  for (let b = 0; b < counts.length - 1; b++) {
    const start = offset + counts[b];
    const end = offset + counts[b + 1];
    const size = end - start;
    if (size < 2) continue;
    if (size <= INSERTION_MAX) insertionSortRows(out, rows, start, end);
    else {
      if (scratch === null || scratch.values.length < size) {
        const room = Math.max(size, 1024);
        scratch = { values: new Float64Array(room), rows: new Uint32Array(room) };
      }
      sortRangeRows(out, rows, start, end, scratch);
    }
  }
}

function sortRangeRows(out: Float64Array, rows: Uint32Array, start: number, end: number, scratch: SortedRows): void {
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
  const sv = scratch.values;
  const sr = scratch.rows;
  for (let i = start; i < end; i++) {
    const v = out[i];
    let b: number;
    if (split !== null) b = linearBucket(v, split.min, split.scale, buckets);
    else {
      word[0] = v;
      b = bitBucket(wordBits[0], wordBits[1], (bits as { shift: number }).shift, (bits as { mask: number }).mask);
    }
    const p = next[b]++;
    sv[p] = v;
    sr[p] = rows[i];
  }
  out.set(sv.subarray(0, n), start);
  rows.set(sr.subarray(0, n), start);
  finishBucketsRows(out, rows, start, counts);
}

function insertionSortRows(a: Float64Array, rows: Uint32Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const v = a[i];
    const r = rows[i];
    let j = i - 1;
    while (j >= start && a[j] > v) {
      a[j + 1] = a[j];
      rows[j + 1] = rows[j];
      j--;
    }
    a[j + 1] = v;
    rows[j + 1] = r;
  }
}
