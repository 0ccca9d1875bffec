// Seeded pseudo-random numbers, so splits, shuffles and initialisations repeat exactly for a seed.

/** A mulberry32 generator: fast, 32-bit state, good enough for shuffling and sampling (not for cryptography). */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle driven by the given generator. */
export function shuffleInPlace(arr: Int32Array, rng: () => number): Int32Array {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = arr[i];
    arr[i] = arr[j];
    arr[j] = tmp;
  }
  return arr;
}
