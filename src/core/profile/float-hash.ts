// 32-bit hashes of doubles (MurmurHash3 over the two words of the value), for count tables and HyperLogLog.

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);

/** Seeds giving independent hashes: the distinct-value table and sample, HyperLogLog's register index, its rank. */
export const SEED_TABLE = 0x2545f491;
export const SEED_INDEX = 0x9e3779b9;
export const SEED_RANK = 0x7f4a7c15;

/** MurmurHash3 (x86, 32-bit) of the 8 bytes lo, hi. −0 must be passed as 0 so it hashes like 0. */
export function hashWords(lo: number, hi: number, seed: number): number {
  let h = seed;
  let k = Math.imul(lo, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  k = Math.imul(hi, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  h ^= 8;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** hashWords of a double; −0 hashes as 0, since the two are one value. */
export function hashFloat(v: number, seed: number): number {
  scratch[0] = v === 0 ? 0 : v;
  return hashWords(words[0], words[1], seed);
}
