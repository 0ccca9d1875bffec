// AES-GCM sealing of a project file's bytes with a random key (carried in the link's fragment) or a passphrase (PBKDF2).
import { UserError } from '../core/errors/user-error';
import { fromBase64url, toBase64url } from './base64url';

/**
 * PBKDF2-HMAC-SHA256 iterations for passphrases: OWASP's 2023 recommendation (Password Storage Cheat
 * Sheet). The count is stored in the envelope, so it can be raised later without breaking old links.
 */
export const PBKDF2_ITERATIONS = 600_000;
/** A file claiming more is refused rather than left to freeze the page deriving a key. */
const MAX_ITERATIONS = 20_000_000;

/**
 * The sealed envelope, all integers big-endian:
 *   "LTHE" | version 1 (u8) | mode (u8: 1 key, 2 passphrase) | [mode 2: iterations (u32) | salt (16 bytes)] |
 *   iv (12 bytes) | AES-256-GCM ciphertext with its 16-byte tag.
 * Everything before the ciphertext is the GCM additional data, so the mode and iteration count cannot be
 * changed without the opening failing.
 */
const MAGIC = [0x4c, 0x54, 0x48, 0x45];
const VERSION = 1;
const MODE_KEY = 1;
const MODE_PASSPHRASE = 2;
const IV_BYTES = 12;
const SALT_BYTES = 16;

export type EnvelopeKind = 'key' | 'passphrase';

/** Whether the bytes are a sealed envelope, and which secret opens it; null for anything else. */
export function envelopeKind(bytes: Uint8Array): EnvelopeKind | null {
  if (!MAGIC.every((b, i) => bytes[i] === b) || bytes.length < 6) return null;
  return bytes[5] === MODE_KEY ? 'key' : bytes[5] === MODE_PASSPHRASE ? 'passphrase' : null;
}

/** Seals with a new random key; the key (base64url, 43 characters) goes into the link, never to a server. */
export async function sealWithKey(plain: Uint8Array): Promise<{ bytes: Uint8Array; key: string }> {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt']);
  const header = concat([Uint8Array.from(MAGIC), Uint8Array.of(VERSION, MODE_KEY), crypto.getRandomValues(new Uint8Array(IV_BYTES))]);
  return { bytes: await seal(key, header, plain), key: toBase64url(raw) };
}

/** Seals with a key derived from a passphrase the recipient types. */
export async function sealWithPassphrase(plain: Uint8Array, passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<Uint8Array> {
  if (!passphrase) throw new UserError('Type a passphrase to encrypt with.');
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const count = new Uint8Array(4);
  new DataView(count.buffer).setUint32(0, iterations);
  const header = concat([Uint8Array.from(MAGIC), Uint8Array.of(VERSION, MODE_PASSPHRASE), count, salt, crypto.getRandomValues(new Uint8Array(IV_BYTES))]);
  return seal(await deriveKey(passphrase, salt, iterations, 'encrypt'), header, plain);
}

/**
 * Opens an envelope. Throws a UserError naming what is missing (the key, the passphrase) or wrong; a
 * wrong secret and a changed envelope cannot be told apart (GCM only says the tag did not match).
 */
export async function openEnvelope(bytes: Uint8Array, secret: { key?: string; passphrase?: string }): Promise<Uint8Array> {
  const kind = envelopeKind(bytes);
  if (!kind || bytes[4] !== VERSION) throw new UserError('This encrypted project uses a format this version of Lathe cannot read.', 'Open it with an up-to-date Lathe.');
  let offset = 6;
  let key: CryptoKey;
  if (kind === 'key') {
    if (!secret.key) {
      throw new UserError(
        'This link is encrypted and its key is missing.',
        'The key is the part after “&key=” at the end of the link: it may have been cut off when the link was copied. Ask the sender for the whole link.',
        { kind: 'missing-key' },
      );
    }
    const raw = fromBase64url(secret.key);
    if (raw.length !== 32) throw wrongSecret('key');
    key = await crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, ['decrypt']);
  } else {
    if (!secret.passphrase) throw new UserError('This project is protected by a passphrase.', 'Type the passphrase the sender gave you.', { kind: 'needs-passphrase' });
    if (bytes.length < offset + 4 + SALT_BYTES) throw damaged();
    const iterations = new DataView(bytes.buffer, bytes.byteOffset + offset, 4).getUint32(0);
    if (iterations < 1 || iterations > MAX_ITERATIONS) throw damaged();
    const salt = bytes.slice(offset + 4, offset + 4 + SALT_BYTES);
    offset += 4 + SALT_BYTES;
    key = await deriveKey(secret.passphrase, salt, iterations, 'decrypt');
  }
  if (bytes.length < offset + IV_BYTES + 16) throw damaged();
  const header = bytes.subarray(0, offset + IV_BYTES);
  const iv = bytes.subarray(offset, offset + IV_BYTES);
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: header as BufferSource }, key, bytes.subarray(offset + IV_BYTES) as BufferSource));
  } catch {
    throw wrongSecret(kind);
  }
}

async function seal(key: CryptoKey, header: Uint8Array, plain: Uint8Array): Promise<Uint8Array> {
  const iv = header.subarray(header.length - IV_BYTES);
  const cipher = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: header as BufferSource }, key, plain as BufferSource);
  return concat([header, new Uint8Array(cipher)]);
}

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number, use: KeyUsage): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, base, { name: 'AES-GCM', length: 256 }, false, [use]);
}

function wrongSecret(kind: EnvelopeKind): UserError {
  return kind === 'key'
    ? new UserError('This link’s key does not open it.', 'The link was changed or cut short when it was copied: ask the sender for the whole link again.', { kind: 'wrong-key' })
    : new UserError('That passphrase does not open this project.', 'Check the passphrase (it is case-sensitive) and try again.', { kind: 'wrong-passphrase' });
}

function damaged(): UserError {
  return new UserError('This encrypted project is damaged.', 'It may have been cut short: ask the sender for it again.');
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
