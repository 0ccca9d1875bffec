// An open-addressing hash table from doubles to counts, in typed arrays, for counting values of big columns.

import { hashFloat } from './float-hash.ts';

const MIN_CAPACITY = 1024;

/**
 * Counts per value, keyed by the value's hash under `seed` (callers hash once and reuse it). Linear probing,
 * at most half full; a slot with count 0 is empty, so stored counts are at least 1. Values are finite,
 * with −0 given as 0.
 */
export class CountTable {
  keys: Float64Array;
  counts: Int32Array;
  size = 0;
  private mask: number;

  constructor(
    readonly seed: number,
    capacity = MIN_CAPACITY,
  ) {
    const slots = Math.max(MIN_CAPACITY, 2 ** Math.ceil(Math.log2(capacity * 2)));
    this.keys = new Float64Array(slots);
    this.counts = new Int32Array(slots);
    this.mask = slots - 1;
  }

  /** Adds `by` occurrences of v (hash h); true when v was not in the table. */
  add(v: number, h: number, by = 1): boolean {
    const { keys, counts, mask } = this;
    let i = h & mask;
    while (counts[i] !== 0) {
      if (keys[i] === v) {
        counts[i] += by;
        return false;
      }
      i = (i + 1) & mask;
    }
    keys[i] = v;
    counts[i] = by;
    if (++this.size * 2 > counts.length) this.resize(counts.length * 2);
    return true;
  }

  /** Adds one to v's count when v is in the table; false when it is not. */
  bump(v: number, h: number): boolean {
    const { keys, counts, mask } = this;
    let i = h & mask;
    while (counts[i] !== 0) {
      if (keys[i] === v) {
        counts[i]++;
        return true;
      }
      i = (i + 1) & mask;
    }
    return false;
  }

  /** v's count (0 when absent). */
  count(v: number, h: number): number {
    const { keys, counts, mask } = this;
    let i = h & mask;
    while (counts[i] !== 0) {
      if (keys[i] === v) return counts[i];
      i = (i + 1) & mask;
    }
    return 0;
  }

  /** Keeps only the entries for which keep(value, count) holds, with the count it returns (≥ 1). */
  filter(keep: (value: number, count: number) => number): void {
    const { keys, counts } = this;
    const survivors: number[] = [];
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] === 0) continue;
      const c = keep(keys[i], counts[i]);
      if (c > 0) survivors.push(keys[i], c);
    }
    this.counts.fill(0);
    this.size = 0;
    for (let j = 0; j < survivors.length; j += 2) this.add(survivors[j], hashFloat(survivors[j], this.seed), survivors[j + 1]);
  }

  /** The stored values and their counts, in slot order. */
  entries(): { values: Float64Array; counts: Int32Array } {
    const values = new Float64Array(this.size);
    const counts = new Int32Array(this.size);
    let j = 0;
    for (let i = 0; i < this.counts.length; i++) {
      if (this.counts[i] === 0) continue;
      values[j] = this.keys[i];
      counts[j++] = this.counts[i];
    }
    return { values, counts };
  }

  private resize(slots: number): void {
    const { keys, counts } = this;
    this.keys = new Float64Array(slots);
    this.counts = new Int32Array(slots);
    this.mask = slots - 1;
    this.size = 0;
    for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) this.add(keys[i], hashFloat(keys[i], this.seed), counts[i]);
  }
}
