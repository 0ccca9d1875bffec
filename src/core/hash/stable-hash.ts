// Content hashes for cache keys: a stable JSON encoding (sorted keys) hashed with 64-bit FNV-1a.

/** JSON with object keys sorted, so equal values always encode the same way. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return JSON.stringify(String(value));
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  if (Array.isArray(value)) return '[' + value.map(stableStringify).join(',') + ']';
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + stableStringify(obj[k])).join(',') + '}';
}

/** 64-bit FNV-1a over UTF-16 code units, as 16 hex digits. Not cryptographic: a cache key. */
export function hashString(text: string): string {
  // Two 32-bit halves because JS bitwise ops are 32-bit; the multiply by the FNV prime is split
  // into its low and high parts (prime = 2^40 + 2^8 + 0xb3).
  let h0 = 0x2325,
    h1 = 0x8422,
    h2 = 0x9ce4,
    h3 = 0xcbf2; // offset basis 0xcbf29ce484222325 in 16-bit limbs, low first
  for (let i = 0; i < text.length; i++) {
    h0 ^= text.charCodeAt(i);
    // multiply (h3,h2,h1,h0) by 0x100000001b3 modulo 2^64 using 16-bit limbs
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3;
    const t2 = h2 * 0x1b3;
    const t3 = h3 * 0x1b3;
    let c1 = t1 + (t0 >>> 16);
    let c2 = t2 + (c1 >>> 16);
    // the 2^40 term: shift h by 40 bits = limb 2 receives h0 << 8, limb 3 receives h1 << 8 | carry
    c2 += h0 << 8;
    let c3 = t3 + (c2 >>> 16) + (h1 << 8);
    h0 = t0 & 0xffff;
    h1 = c1 & 0xffff;
    h2 = c2 & 0xffff;
    h3 = c3 & 0xffff;
    c1 = c3 = 0;
  }
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

export function hashValue(value: unknown): string {
  return hashString(stableStringify(value));
}
