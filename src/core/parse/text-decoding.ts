// Decides a file's text encoding (UTF-8, else Latin-1) and turns byte ranges into strings only when asked.

import type { TextEncoding } from './load-types.ts';

/** Bytes looked at for NUL characters: binary formats (zip, xlsx, parquet, UTF-16) have them early. */
const NUL_CHECK_BYTES = 8192;
/** Share of control characters (other than tab, newlines, form feed) above which a sample is not text. */
const MAX_CONTROL_SHARE = 0.1;
/**
 * Share of bytes ≥ 0x80 above which a sample that is not UTF-8 is not taken for Latin-1 text: Western
 * European text is mostly ASCII, while random binary data has half its bytes that high.
 */
const MAX_HIGH_SHARE_LATIN1 = 0.3;
/** Short ASCII values are built with String.fromCharCode, which beats TextDecoder's per-call overhead. */
const SHORT_ASCII = 64;

/**
 * Windows-1252's characters for bytes 0x80–0x9F (the WHATWG index); every other byte is its own code point.
 * Spelled out because Node's TextDecoder reads 'windows-1252' as ISO-8859-1, unlike browsers.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const CP1252 = new Uint16Array(256).map((_, b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b));
/** Characters per String.fromCharCode call, well below engines' argument limits. */
const APPLY_CHUNK = 8192;

/** Bytes as Windows-1252 text. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) units[i] = CP1252[bytes[i]];
  let s = '';
  for (let i = 0; i < units.length; i += APPLY_CHUNK) s += String.fromCharCode(...units.subarray(i, i + APPLY_CHUNK));
  return s;
}

/** Length of a UTF-8 byte-order mark at the start of `bytes` (0 or 3). */
export function bomLength(bytes: Uint8Array): number {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/**
 * Whether `bytes` is valid UTF-8. When `final` is false the sample was cut from a longer file, so a
 * multi-byte character cut short at the very end is allowed.
 */
export function isValidUtf8(bytes: Uint8Array, final: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !final });
    return true;
  } catch {
    return false;
  }
}

function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] >= 0x80) return false;
  return true;
}

/**
 * The encoding the start of a file is in: 'utf-8' when its non-ASCII bytes form valid UTF-8, 'latin-1'
 * when they do not, and null when it is all ASCII (both read it the same; the first non-ASCII value decides).
 */
export function detectEncoding(sample: Uint8Array, final: boolean): TextEncoding | null {
  if (isAscii(sample, 0, sample.length)) return null;
  return isValidUtf8(sample, final) ? 'utf-8' : 'latin-1';
}

/** Why the start of a file is not delimited text (binary data), or null when it looks like text. */
export function notTextReason(sample: Uint8Array, final: boolean): string | null {
  if (sample.subarray(0, NUL_CHECK_BYTES).indexOf(0) >= 0) return 'it contains binary data (NUL bytes) near the start';
  let control = 0;
  let high = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i];
    if (b >= 0x80) high++;
    else if ((b < 32 && (b < 9 || b > 13)) || b === 127) control++;
  }
  if (control > MAX_CONTROL_SHARE * sample.length) return 'much of it is control characters rather than text';
  if (high > MAX_HIGH_SHARE_LATIN1 * sample.length && !isValidUtf8(sample, final)) {
    return 'much of it is neither UTF-8 nor Latin-1 text';
  }
  return null;
}

/**
 * Decodes cell and header bytes in the file's encoding. Latin-1 is read as Windows-1252 (what browsers
 * mean by it, and what such files usually are). When the encoding was not given and the file started
 * with ASCII only, the first value with other bytes decides it. In a UTF-8 file, a value that is not
 * valid UTF-8 is read as Windows-1252 rather than with replacement characters, so no byte is lost; such
 * values are counted (once per distinct text).
 */
export class ValueDecoder {
  /** Distinct values read as Windows-1252 in a file otherwise read as UTF-8. */
  private readonly fallbackTexts = new Set<string>();
  private current: TextEncoding | null;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  constructor(encoding: TextEncoding | null) {
    this.current = encoding;
  }

  get fallbacks(): number {
    return this.fallbackTexts.size;
  }

  /** The distinct values counted in `fallbacks`. */
  get fallbackValues(): string[] {
    return [...this.fallbackTexts];
  }

  /** The encoding decided so far: null while every value decoded was ASCII and none was given. */
  get decided(): TextEncoding | null {
    return this.current;
  }

  /**
   * Takes over what a decoder that read a later part of the same file learnt: the encoding, when this one
   * has not decided it yet, and the values it read as Windows-1252. The caller has checked that the two
   * did not decide differently.
   */
  absorb(decided: TextEncoding | null, fallbackValues: readonly string[]): void {
    if (this.current === null) this.current = decided;
    for (const text of fallbackValues) this.fallbackTexts.add(text);
  }

  /** The encoding in use; a file that was all ASCII counts as UTF-8. */
  get encoding(): TextEncoding {
    return this.current ?? 'utf-8';
  }

  decode(buf: Uint8Array, start: number, end: number): string {
    const n = end - start;
    if (n <= SHORT_ASCII) {
      let s = '';
      let i = start;
      for (; i < end; i++) {
        const b = buf[i];
        if (b >= 0x80) break;
        s += String.fromCharCode(b);
      }
      if (i === end) return s;
    } else if (isAscii(buf, start, end)) {
      return this.utf8.decode(buf.subarray(start, end));
    }
    const bytes = buf.subarray(start, end);
    if (this.current === 'latin-1') return decodeWindows1252(bytes);
    try {
      const s = this.utf8.decode(bytes);
      this.current = 'utf-8';
      return s;
    } catch {
      const text = decodeWindows1252(bytes);
      if (this.current === null) this.current = 'latin-1';
      else this.fallbackTexts.add(text);
      return text;
    }
  }
}
