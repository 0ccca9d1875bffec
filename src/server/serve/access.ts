// Who may call the server: the bearer-token check, and the CORS answers for the browser origins allowed.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface AccessOptions {
  /** When set, every request except the health probes needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Browser origins allowed to call the server (`*` for any); none when empty. */
  corsOrigins?: readonly string[];
}

const ALLOW_METHODS = 'GET, POST, OPTIONS';
const ALLOW_HEADERS = 'Authorization, Content-Type';
/** How long a browser may reuse a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE = '600';

export class Access {
  private readonly tokenDigest?: Buffer;
  private readonly anyOrigin: boolean;
  private readonly origins: ReadonlySet<string>;
  readonly corsEnabled: boolean;

  constructor(options: AccessOptions) {
    // Comparing digests of equal length in constant time says nothing about how much of a guess was right.
    this.tokenDigest = options.token === undefined ? undefined : digest(options.token);
    const origins = options.corsOrigins ?? [];
    this.anyOrigin = origins.includes('*');
    this.origins = new Set(origins.filter((o) => o !== '*'));
    this.corsEnabled = origins.length > 0;
  }

  get tokenRequired(): boolean {
    return this.tokenDigest !== undefined;
  }

  /** Whether the request carries the server's token (always true when the server has none). */
  authorized(req: IncomingMessage): boolean {
    if (this.tokenDigest === undefined) return true;
    const header = req.headers.authorization;
    if (header === undefined) return false;
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    return match !== null && timingSafeEqual(digest(match[1]), this.tokenDigest);
  }

  /** Headers that let an allowed origin read the response; for other origins only Vary, so caches keep them apart. */
  corsHeaders(origin: string | undefined): Record<string, string> | undefined {
    if (!this.corsEnabled) return undefined;
    if (origin !== undefined && this.allows(origin)) return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
    return { Vary: 'Origin' };
  }

  /** The headers of a successful preflight answer, or undefined when the origin is not allowed. */
  preflightHeaders(origin: string | undefined): Record<string, string> | undefined {
    if (origin === undefined || !this.corsEnabled || !this.allows(origin)) return undefined;
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': ALLOW_METHODS,
      'Access-Control-Allow-Headers': ALLOW_HEADERS,
      'Access-Control-Max-Age': PREFLIGHT_MAX_AGE,
      Vary: 'Origin',
    };
  }

  private allows(origin: string): boolean {
    return this.anyOrigin || this.origins.has(origin);
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
