// Maps byte strings to dictionary codes with an open-addressing hash table, decoding each value once.

/** Turns a value's bytes into its text (see ValueDecoder). */
export interface ValueDecoding {
  decode(buf: Uint8Array, start: number, end: number): string;
}

/** A dictionary's entries as plain arrays, to send to another worker (see ByteDictionary.entries). */
export interface DictionaryEntries {
  bytes: Uint8Array;
  offsets: Int32Array;
  lengths: Int32Array;
  values: string[];
}

const INITIAL_SLOTS = 64;
const INITIAL_ARENA = 1024;

/**
 * Codes are handed out in order of first appearance. Lookups hash and compare the raw bytes, so a value
 * seen before costs no string at all; the decoder runs only for a value's first occurrence, or later for
 * entries added with `decodeLater` (plain ASCII numbers while a column's type is open, which mostly never
 * need their text). The bytes of every entry are kept in one arena (needed to compare), at most the size
 * of the distinct values.
 */
export class ByteDictionary {
  /** The decoded values, indexed by code; null for those not decoded yet. */
  private readonly texts: (string | null)[] = [];
  private undecoded = 0;
  private slots = new Int32Array(INITIAL_SLOTS).fill(-1);
  private mask = INITIAL_SLOTS - 1;
  private hashes: Int32Array = new Int32Array(16);
  private offsets: Int32Array = new Int32Array(16);
  private lengths: Int32Array = new Int32Array(16);
  private arena = new Uint8Array(INITIAL_ARENA);
  private arenaUsed = 0;
  private readonly decoder: ValueDecoding;

  constructor(decoder: ValueDecoding) {
    this.decoder = decoder;
  }

  get size(): number {
    return this.texts.length;
  }

  /** The decoded values, indexed by code (decoding any left for later). */
  get values(): string[] {
    if (this.undecoded > 0) {
      for (let code = 0; code < this.texts.length; code++) if (this.texts[code] === null) this.text(code);
    }
    return this.texts as string[];
  }

  /** One entry's text (decoding it if it was left for later). */
  text(code: number): string {
    const known = this.texts[code];
    if (known !== null) return known;
    const offset = this.offsets[code];
    const text = this.decoder.decode(this.arena, offset, offset + this.lengths[code]);
    this.texts[code] = text;
    this.undecoded--;
    return text;
  }

  /**
   * The code of bytes [start, end), adding them when new, with `text` as their text or else decoded; with
   * `decodeLater`, a new entry is decoded only when its text is asked for. Only ASCII bytes may be left for
   * later: decoding them has no side effects (a UTF-8/Latin-1 decision), so when they are decoded does not matter.
   */
  code(buf: Uint8Array, start: number, end: number, text: string | null = null, decodeLater = false): number {
    const h = hashBytes(buf, start, end);
    const slot = this.slotOf(h, buf, start, end);
    let code = this.slots[slot];
    if (code >= 0) return code;
    code = this.texts.length;
    if (text === null && decodeLater) {
      this.texts.push(null);
      this.undecoded++;
    } else this.texts.push(text ?? this.decoder.decode(buf, start, end));
    this.store(code, h, buf, start, end);
    this.slots[slot] = code;
    // Kept at most half full, so probes stay short.
    if (2 * (code + 1) > this.slots.length) this.rehash();
    return code;
  }

  /** Every entry's bytes (entry i is bytes[offsets[i], offsets[i] + lengths[i])) and text, in code order: copies, free to transfer. */
  entries(): DictionaryEntries {
    const size = this.texts.length;
    return {
      bytes: this.arena.slice(0, this.arenaUsed),
      offsets: this.offsets.slice(0, size),
      lengths: this.lengths.slice(0, size),
      values: this.values.slice(),
    };
  }

  /** The code of bytes [start, end), or -1 when they are not in the dictionary. */
  find(buf: Uint8Array, start: number, end: number): number {
    return this.slots[this.slotOf(hashBytes(buf, start, end), buf, start, end)];
  }

  /** The slot holding these bytes, or the empty slot where they would go. */
  private slotOf(h: number, buf: Uint8Array, start: number, end: number): number {
    const len = end - start;
    const slots = this.slots;
    const hashes = this.hashes;
    const lengths = this.lengths;
    const mask = this.mask;
    let slot = h & mask;
    let code = slots[slot];
    while (code >= 0) {
      if (hashes[code] === h && lengths[code] === len && this.sameBytes(code, buf, start, end)) return slot;
      slot = (slot + 1) & mask;
      code = slots[slot];
    }
    return slot;
  }

  private sameBytes(code: number, buf: Uint8Array, start: number, end: number): boolean {
    const arena = this.arena;
    const shift = this.offsets[code] - start;
    for (let i = start; i < end; i++) if (arena[shift + i] !== buf[i]) return false;
    return true;
  }

  private store(code: number, h: number, buf: Uint8Array, start: number, end: number): void {
    const len = end - start;
    if (code === this.hashes.length) {
      const grown = Math.ceil(code * 1.5);
      this.hashes = growInt32(this.hashes, grown);
      this.offsets = growInt32(this.offsets, grown);
      this.lengths = growInt32(this.lengths, grown);
    }
    if (this.arenaUsed + len > this.arena.length) {
      const arena = new Uint8Array(Math.max(Math.ceil(this.arena.length * 1.5), this.arenaUsed + len));
      arena.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = arena;
    }
    this.arena.set(buf.subarray(start, end), this.arenaUsed);
    this.hashes[code] = h;
    this.offsets[code] = this.arenaUsed;
    this.lengths[code] = len;
    this.arenaUsed += len;
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    const slots = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (let code = 0; code < this.texts.length; code++) {
      let slot = this.hashes[code] & mask;
      while (slots[slot] >= 0) slot = (slot + 1) & mask;
      slots[slot] = code;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** FNV-1a over the bytes. */
function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h;
}

function growInt32(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}
