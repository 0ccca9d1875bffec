// Share links: where a shared project travels in the URL fragment (inline, or a hosted file's address) and its key.
import { UserError } from '../core/errors/user-error';
import { toBase64url } from './base64url';

/**
 * Past this many characters the share dialog offers a file to host instead of a link. Browsers accept far
 * longer URLs (Chromium up to 2 MB), but the places links travel do not: Slack cuts message text at 40,000
 * characters, a Microsoft Teams post holds about 28 KB, mail clients wrap or clip long lines. 32,000 fits a
 * Slack message with room for a sentence; the dialog shows the length so the sender can judge the rest.
 */
export const SAFE_LINK_LENGTH = 32_000;

/**
 * What a fragment points at. Formats (the fragment is never sent to a server):
 *   #share=<base64url of the payload>[&key=<base64url AES key>]
 *   #src=<encodeURIComponent(url of a hosted .lathe file)>[&key=<base64url AES key>]
 * The payload, and the hosted file, are the bytes of a .lathe file, or of an encrypted envelope around
 * one (encryption.ts); passphrase envelopes carry no key in the link: the recipient types the passphrase.
 */
export type SharedSource = { kind: 'inline'; payload: string; key?: string } | { kind: 'url'; url: string; key?: string };

export function shareFragment(payload: Uint8Array, key?: string): string {
  return '#share=' + toBase64url(payload) + (key ? '&key=' + key : '');
}

export function srcFragment(url: string, key?: string): string {
  return '#src=' + encodeURIComponent(url) + (key ? '&key=' + key : '');
}

/** The shared source a location hash names, or null when it names none (e.g. "#/p/…"). */
export function parseShareFragment(hash: string): SharedSource | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  const m = /^(share|src)=/.exec(h);
  if (!m) return null;
  let body = h.slice(m[0].length);
  let key: string | undefined;
  // The key is always last, so a hosted file's URL may itself hold "&" without being mistaken for it.
  const at = body.lastIndexOf('&key=');
  if (at >= 0) {
    key = body.slice(at + 5) || undefined;
    body = body.slice(0, at);
  }
  if (m[1] === 'share') return { kind: 'inline', payload: body, ...(key ? { key } : {}) };
  let url = body;
  try {
    url = decodeURIComponent(body);
  } catch {
    // A hand-written link may hold a raw "%": the text as it is is the best guess at the URL.
  }
  if (!url) throw new UserError('This link names no file to open (nothing after “#src=”).');
  return { kind: 'url', url, ...(key ? { key } : {}) };
}

/** The page's address without any fragment: what a share link is built on. */
export function appBase(href: string): string {
  const at = href.indexOf('#');
  return at < 0 ? href : href.slice(0, at);
}
