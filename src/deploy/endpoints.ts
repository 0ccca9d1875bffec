// Endpoint records: what a user configures for a serving endpoint, the defaults a portal pre-sets, validation.

import { UserError } from '../core/errors/user-error.ts';
import type { Connection } from './oip-client.ts';

/**
 * One configured endpoint. The token lives only in this browser's IndexedDB (the `endpoints` table):
 * cells refer to an endpoint by id, so project files, exports and share links never carry it.
 */
export interface Endpoint {
  id: string;
  name: string;
  /** Server root serving /v2 (Open Inference Protocol v2 REST). */
  baseUrl: string;
  /** Model name on the server; empty means the project's servingName(). */
  model: string;
  /** Bearer token, if the server wants one. */
  token?: string;
  /** A URL the bundle (.zip) is PUT to instead of the server's upload, e.g. pre-signed storage its model repository reads. */
  uploadTarget?: string;
  /** Set for endpoints that came from config.json. */
  preset?: boolean;
}

/** public/config.json: deployment defaults a portal can ship with the app. */
export interface DeployConfigFile {
  endpoints?: Partial<Endpoint>[];
}

/** A new endpoint's fields. */
export function blankEndpoint(id: string): Endpoint {
  return { id, name: 'Local lathe serve', baseUrl: 'http://localhost:8080', model: '' };
}

/** Checks what a user typed; returns the cleaned record or throws a UserError naming the field. */
export function validateEndpoint(e: Endpoint): Endpoint {
  const name = e.name.trim();
  if (!name) throw new UserError('The endpoint needs a name.', 'Give it a name you will recognise, such as “staging Triton”.');
  let url: URL;
  try {
    url = new URL(e.baseUrl.trim());
  } catch {
    throw new UserError(`“${e.baseUrl}” is not a web address (endpoint “${name}”).`, 'Enter the server root, such as http://localhost:8080.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UserError(`The base URL of “${name}” must start with http:// or https://.`);
  const model = e.model.trim();
  if (model && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(model)) {
    throw new UserError(`“${model}” is not a usable model name (endpoint “${name}”).`, 'Use letters, digits, “.”, “_” and “-”, starting with a letter or digit.');
  }
  const out: Endpoint = { id: e.id, name, baseUrl: url.href.replace(/\/+$/, ''), model };
  if (e.token?.trim()) out.token = e.token.trim();
  if (e.uploadTarget?.trim()) out.uploadTarget = e.uploadTarget.trim();
  if (e.preset) out.preset = true;
  return out;
}

/** Endpoints from config.json; entries without a usable name and URL are skipped, tokens are never taken from it. */
export function presetEndpoints(file: unknown): Endpoint[] {
  const list = (file as DeployConfigFile | null)?.endpoints;
  if (!Array.isArray(list)) return [];
  const out: Endpoint[] = [];
  list.forEach((raw, i) => {
    if (typeof raw !== 'object' || raw === null) return;
    try {
      const e = validateEndpoint({
        id: typeof raw.id === 'string' && raw.id ? raw.id : `preset-${i}`,
        name: String(raw.name ?? ''),
        baseUrl: String(raw.baseUrl ?? ''),
        model: String(raw.model ?? ''),
        uploadTarget: typeof raw.uploadTarget === 'string' ? raw.uploadTarget : undefined,
        preset: true,
      });
      out.push(e);
    } catch {
      // A malformed preset must not stop the others from showing.
    }
  });
  return out;
}

export function connectionOf(e: Endpoint, timeoutMs?: number): Connection {
  const c: Connection = { baseUrl: e.baseUrl };
  if (e.token) c.token = e.token;
  if (timeoutMs !== undefined) c.timeoutMs = timeoutMs;
  return c;
}
