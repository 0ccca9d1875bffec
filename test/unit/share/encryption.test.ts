import { describe, expect, it } from 'vitest';
import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { envelopeKind, openEnvelope, PBKDF2_ITERATIONS, sealWithKey, sealWithPassphrase } from '../../../src/share/encryption';
import { UserError } from '../../../src/core/errors/user-error';

const plain = new TextEncoder().encode('PK\u0003\u0004 a project file with a secret sentence in it');

/** Decrypts an envelope with Node's own AES-GCM, as an independent check of the layout. */
function nodeOpen(bytes: Uint8Array, key: Buffer, headerLength: number): Buffer {
  const iv = bytes.subarray(headerLength - 12, headerLength);
  const body = bytes.subarray(headerLength, bytes.length - 16);
  const tag = bytes.subarray(bytes.length - 16);
  const d = createDecipheriv('aes-256-gcm', key, iv);
  d.setAAD(bytes.subarray(0, headerLength));
  d.setAuthTag(tag);
  return Buffer.concat([d.update(body), d.final()]);
}

async function errorOf(p: Promise<unknown>): Promise<UserError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof UserError)) throw new Error('expected a UserError, got ' + String(e));
  return e;
}

describe('sealing with a key in the link', () => {
  it('opens with its key, and Node’s AES-256-GCM reads the same envelope', async () => {
    const { bytes, key } = await sealWithKey(plain);
    expect(envelopeKind(bytes)).toBe('key');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await openEnvelope(bytes, { key })).toEqual(plain);
    // magic 4 + version 1 + mode 1 + iv 12
    expect(new Uint8Array(nodeOpen(bytes, Buffer.from(key, 'base64url'), 18))).toEqual(plain);
    expect(Buffer.from(bytes).includes(Buffer.from('secret sentence'))).toBe(false);
  });

  it('says the key is missing, or does not open it, or the envelope was changed', async () => {
    const { bytes, key } = await sealWithKey(plain);
    expect((await errorOf(openEnvelope(bytes, {}))).details?.kind).toBe('missing-key');
    const other = (await sealWithKey(plain)).key;
    expect((await errorOf(openEnvelope(bytes, { key: other }))).details?.kind).toBe('wrong-key');
    const tampered = bytes.slice();
    tampered[tampered.length - 20] ^= 1;
    expect((await errorOf(openEnvelope(tampered, { key }))).message).toMatch(/does not open/);
  });
});

describe('sealing with a passphrase', () => {
  it('derives the key with PBKDF2-SHA256 at 600,000 iterations, as Node computes it', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const bytes = await sealWithPassphrase(plain, 'correct horse');
    expect(envelopeKind(bytes)).toBe('passphrase');
    const iterations = new DataView(bytes.buffer, bytes.byteOffset + 6, 4).getUint32(0);
    expect(iterations).toBe(600_000);
    const salt = bytes.subarray(10, 26);
    const key = pbkdf2Sync('correct horse', salt, iterations, 32, 'sha256');
    // magic 4 + version 1 + mode 1 + iterations 4 + salt 16 + iv 12
    expect(new Uint8Array(nodeOpen(bytes, key, 38))).toEqual(plain);
    expect(await openEnvelope(bytes, { passphrase: 'correct horse' })).toEqual(plain);
  });

  it('asks for the passphrase, refuses a wrong one, and notices a lowered iteration count', async () => {
    const bytes = await sealWithPassphrase(plain, 'pass phrase', 1000);
    expect((await errorOf(openEnvelope(bytes, {}))).details?.kind).toBe('needs-passphrase');
    expect((await errorOf(openEnvelope(bytes, { passphrase: 'Pass phrase' }))).details?.kind).toBe('wrong-passphrase');
    // The count is authenticated data: lowering it to make guessing cheaper breaks the envelope.
    const weakened = bytes.slice();
    new DataView(weakened.buffer).setUint32(6, 999);
    await errorOf(openEnvelope(weakened, { passphrase: 'pass phrase' }));
    expect(await openEnvelope(bytes, { passphrase: 'pass phrase' })).toEqual(plain);
  });

  it('leaves plain zips alone', () => {
    expect(envelopeKind(plain)).toBeNull();
  });
});
