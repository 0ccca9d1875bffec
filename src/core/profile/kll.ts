// KLL quantile sketch (Karnin, Lang & Liberty 2016) as Apache DataSketches lays it out: a few hundred retained values answer any quantile of a stream.
import { insertionSort } from './sort-finite.ts';

/** k = 200: about 1.3% rank error at 99% confidence, a few KB, as DataSketches' default. */
export const KLL_K = 200;
/** Smallest capacity of a level (DataSketches' m). */
const MIN_WIDTH = 8;

/**
 * Values sit in levels; an item at level h stands for 2^h values of the stream. New values go to level 0.
 * When the sketch holds as many items as its levels' capacities add up to, the lowest level at or over its
 * capacity is compacted: sorted, and every other item (starting at a random one of the first two) moves up
 * a level while the rest are dropped, which halves it while keeping ranks unbiased. Capacities shrink by
 * 2/3 per level below the top (never under 8), so the sketch keeps about 3k items in all.
 *
 * No npm package is installed for this, and the algorithm is short, so it is written here. The rank error
 * at 99% confidence follows DataSketches' empirical fit for the same scheme (see rankError).
 * The random choices come from a seeded generator, so the same column always gives the same profile.
 */
export class KllSketch {
  /** Number of values seen. */
  n = 0;
  /** Level h holds levels[h][0 … sizes[h]); level 0 in arrival order, the others sorted. */
  private levels: Float64Array[] = [];
  private sizes = new Int32Array(64);
  private capacities: number[] = [];
  private totalCapacity = 0;
  private retained = 0;
  private level0: Float64Array;
  private size0 = 0;
  private state: number;

  constructor(
    readonly k = KLL_K,
    seed = 0x5eed,
  ) {
    this.state = seed | 1;
    this.addLevel();
    this.level0 = this.levels[0];
  }

  update(v: number): void {
    if (this.retained >= this.totalCapacity) this.compress();
    this.level0[this.size0++] = v;
    this.retained++;
    this.n++;
  }

  /**
   * For each q in [0, 1]: the smallest retained value whose estimated share of values ≤ it reaches q
   * (DataSketches' inclusive rule); NaN when the sketch is empty.
   */
  quantiles(qs: number[]): number[] {
    return weightedQuantiles(this.items(), qs);
  }

  /** The retained items with their weights (2^level): together they stand for the whole stream. */
  items(): { v: number; w: number }[] {
    this.sizes[0] = this.size0;
    const items: { v: number; w: number }[] = [];
    for (let h = 0; h < this.levels.length; h++) {
      const w = 2 ** h;
      for (let i = 0; i < this.sizes[h]; i++) items.push({ v: this.levels[h][i], w });
    }
    return items;
  }


  /**
   * Normalised rank error of a quantile at 99% confidence for this k: DataSketches' fit 2.296 / k^0.9723
   * to the 99th percentile of the measured maximum error ("single-sided", for quantile and rank queries;
   * k = 200 gives 1.33%).
   */
  static rankError(k = KLL_K): number {
    return 2.296 / Math.pow(k, 0.9723);
  }

  private compress(): void {
    const sizes = this.sizes;
    sizes[0] = this.size0;
    let h = 0;
    while (sizes[h] < this.capacities[h]) h++;
    if (h === this.levels.length - 1) this.addLevel();
    const items = this.levels[h];
    const size = sizes[h];
    // An odd item stays where it is; the rest are halved.
    const start = size & 1;
    if (h === 0) sortSmall(items, start, size);
    const promoted = (size - start) >> 1;
    const above = this.levels[h + 1];
    const aboveSize = sizes[h + 1];
    // Merge the kept half (items start + offset, + 2, …) into the sorted level above, from the top down so it can be done in place.
    let b = start + this.randomBit() + 2 * (promoted - 1);
    let a = aboveSize - 1;
    for (let o = aboveSize + promoted - 1; b >= start; o--) {
      if (a >= 0 && above[a] > items[b]) above[o] = above[a--];
      else {
        above[o] = items[b];
        b -= 2;
      }
    }
    sizes[h + 1] = aboveSize + promoted;
    sizes[h] = start;
    if (h === 0) this.size0 = start;
    this.retained -= size - start - promoted;
  }

  private addLevel(): void {
    const count = this.levels.length + 1;
    this.capacities = [];
    this.totalCapacity = 0;
    for (let h = 0; h < count; h++) {
      const c = Math.max(MIN_WIDTH, Math.round(this.k * (2 / 3) ** (count - 1 - h)));
      this.capacities.push(c);
      this.totalCapacity += c;
    }
    // A level never holds more than the whole sketch (plus the item being added), so buffers of that size never overflow.
    const room = this.totalCapacity + 1;
    for (let h = 0; h < count; h++) {
      const old = this.levels[h];
      if (old === undefined || old.length < room) {
        const buffer = new Float64Array(room * 2);
        if (old !== undefined) buffer.set(old);
        this.levels[h] = buffer;
      }
    }
    this.level0 = this.levels[0];
  }

  /** xorshift32. */
  private randomBit(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x;
    return (x >>> 16) & 1;
  }
}

/**
 * For each q in [0, 1]: the smallest value whose share of the total weight at or below it reaches q
 * (DataSketches' inclusive rule); NaN when there are no items.
 */
export function weightedQuantiles(items: { v: number; w: number }[], qs: number[]): number[] {
  if (items.length === 0) return qs.map(() => NaN);
  const sorted = [...items].sort((a, b) => a.v - b.v);
  const cumulative = new Float64Array(sorted.length);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) cumulative[i] = total += sorted[i].w;
  return qs.map((q) => {
    const target = q * total;
    // First position whose cumulative weight reaches the target.
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] >= target) hi = mid;
      else lo = mid + 1;
    }
    return sorted[lo].v;
  });
}

/** Sorts a[start, end): insertion sort for the usual handful of items, the built-in sort otherwise. */
function sortSmall(a: Float64Array, start: number, end: number): void {
  if (end - start > 48) a.subarray(start, end).sort();
  else insertionSort(a, start, end);
}
