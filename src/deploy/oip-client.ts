// A small Open Inference Protocol (v2 REST) client: connection checks, model upload, readiness, inference.

import { UserError } from '../core/errors/user-error.ts';
import { answersOpaquely } from '../io/cors-probe.ts';

/** Where and how to reach a server: just what a request needs, never stored with a project. */
export interface Connection {
  baseUrl: string;
  token?: string;
  /** Per request; 10 s unless told. */
  timeoutMs?: number;
}

export interface ConnectionCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ServerInfo {
  name: string;
  version: string;
  extensions: string[];
}

export interface ConnectionResult {
  ok: boolean;
  checks: ConnectionCheck[];
  server?: ServerInfo;
}

/** The failure kinds a caller may act on (details.kind of the UserErrors thrown here). */
export type FailureKind = 'address' | 'unreachable' | 'cors' | 'timeout' | 'auth' | 'not-oip' | 'http' | 'no-upload' | 'upload-target';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

const DEFAULT_TIMEOUT_MS = 10_000;
const CORS_HINT =
  'The server must send Access-Control-Allow-Origin for this page. Triton Inference Server has no CORS support: put a reverse proxy or ingress in front of it (nginx, Envoy, an ingress annotation) that adds Access-Control-Allow-Origin, -Allow-Headers: Authorization, Content-Type and answers OPTIONS preflights. `lathe serve` takes --cors-origin.';

function fail(message: string, hint: string | undefined, kind: FailureKind, extra: Record<string, unknown> = {}): UserError {
  return new UserError(message, hint, { kind, ...extra });
}

/** Joins the base URL and an API path, refusing anything but http(s). */
export function endpointUrl(baseUrl: string, path: string): string {
  let base: URL;
  try {
    base = new URL(baseUrl.trim());
  } catch {
    throw fail(`“${baseUrl}” is not a web address.`, 'Enter the server’s base URL, such as http://localhost:8080.', 'address');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw fail(`The endpoint address must start with http:// or https://, not ${base.protocol}`, undefined, 'address');
  }
  return base.href.replace(/\/+$/, '') + path;
}

export interface CallResult {
  status: number;
  /** Parsed JSON body, or undefined when the body is empty. */
  body: unknown;
  ms: number;
}

/**
 * One request. Network failures, timeouts and non-JSON answers become UserErrors with a FailureKind; HTTP
 * error statuses are returned (401/403 thrown as 'auth') so callers can phrase them for their step.
 */
export async function call(
  conn: Connection,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  fetchImpl: FetchLike = fetch,
): Promise<CallResult> {
  const url = endpointUrl(conn.baseUrl, path);
  const headers: Record<string, string> = {};
  if (conn.token) headers.Authorization = `Bearer ${conn.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const timeoutMs = conn.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = performance.now();
  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (err) {
    throw await explainNetworkFailure(url, err, timeoutMs, fetchImpl);
  }
  const ms = performance.now() - started;
  const host = new URL(url).host;
  if (response.status === 401 || response.status === 403) {
    const server = errorText(text);
    throw fail(
      response.status === 401
        ? `${host} wants credentials for ${method} ${path} (401 Unauthorized)${server ? `: ${server}` : ''}.`
        : `${host} refused ${method} ${path} with this token (403 Forbidden)${server ? `: ${server}` : ''}.`,
      response.status === 401 ? 'Set the endpoint’s bearer token.' : 'Check the endpoint’s bearer token: the server does not accept it.',
      'auth',
      { status: response.status },
    );
  }
  if (text.trim() === '') return { status: response.status, body: undefined, ms };
  try {
    return { status: response.status, body: JSON.parse(text), ms };
  } catch {
    const looksHtml = /^\s*</.test(text);
    throw fail(
      `${host} is not an Open Inference Protocol server: ${method} ${path} answered ${looksHtml ? 'an HTML page' : 'something that is not JSON'} (HTTP ${response.status}: “${text.slice(0, 60).replace(/\s+/g, ' ')}”).`,
      'Check the base URL: it should be the server root that serves /v2 (for Triton the HTTP port, 8000 by default), not a web page or a proxy’s login screen.',
      'not-oip',
      { status: response.status },
    );
  }
}

async function explainNetworkFailure(url: string, err: unknown, timeoutMs: number, fetchImpl: FetchLike): Promise<UserError> {
  const host = new URL(url).host;
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return fail(`${host} did not answer within ${(timeoutMs / 1000).toFixed(0)} s.`, 'Check that the server is running and not overloaded, and the address and port.', 'timeout');
  }
  if (await answersOpaquely(url, fetchImpl as typeof fetch, timeoutMs)) {
    return fail(`${host} answered, but its answer may not be read by this page (CORS refused: no Access-Control-Allow-Origin for ${globalThis.location?.origin ?? "this page"}).`, CORS_HINT, 'cors');
  }
  const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
  return fail(`${host} could not be reached (${cause}).`, 'Check the address and port, that the server is running, and that this computer can reach it.', 'unreachable');
}

/** The `error` field OIP servers put in failure bodies, if any. */
export function errorText(bodyOrText: unknown): string {
  let v = bodyOrText;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return '';
    }
  }
  if (typeof v === 'object' && v !== null && typeof (v as { error?: unknown }).error === 'string') return (v as { error: string }).error;
  return '';
}

function httpFailure(conn: Connection, what: string, r: CallResult, hint?: string): UserError {
  const host = new URL(endpointUrl(conn.baseUrl, '')).host;
  const said = errorText(r.body);
  return fail(`${what} failed at ${host}: HTTP ${r.status}${said ? `: ${said}` : ''}.`, hint, 'http', { status: r.status });
}

function isServerMetadata(v: unknown): v is ServerInfo {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return typeof m.name === 'string' && typeof m.version === 'string' && (m.extensions === undefined || Array.isArray(m.extensions));
}

/**
 * GET /v2/health/live, /v2/health/ready and /v2, each reported with a precise message. Stops after a
 * failure that the later checks would only repeat (unreachable, CORS, timeout).
 */
export async function testConnection(conn: Connection, fetchImpl: FetchLike = fetch): Promise<ConnectionResult> {
  const checks: ConnectionCheck[] = [];
  let server: ServerInfo | undefined;
  const steps: { name: string; path: string; judge: (r: CallResult) => string | null }[] = [
    { name: 'Live', path: '/v2/health/live', judge: (r) => (r.status === 200 ? null : `GET /v2/health/live answered HTTP ${r.status}; the server is not live.`) },
    { name: 'Ready', path: '/v2/health/ready', judge: (r) => (r.status === 200 ? null : `GET /v2/health/ready answered HTTP ${r.status}; the server is up but not ready to serve.`) },
    {
      name: 'Server metadata',
      path: '/v2',
      judge: (r) => {
        if (r.status !== 200) return `GET /v2 answered HTTP ${r.status}${errorText(r.body) ? `: ${errorText(r.body)}` : ''}.`;
        if (!isServerMetadata(r.body)) return 'GET /v2 answered JSON without "name" and "version": not an Open Inference Protocol server.';
        server = { name: r.body.name, version: r.body.version, extensions: r.body.extensions ?? [] };
        return null;
      },
    },
  ];
  for (const step of steps) {
    try {
      const r = await call(conn, 'GET', step.path, undefined, fetchImpl);
      const problem = step.judge(r);
      checks.push({
        name: step.name,
        ok: problem === null,
        detail: problem ?? (step.name === 'Server metadata' && server ? `${server.name} ${server.version}; extensions: ${server.extensions.join(', ') || 'none'}` : `HTTP 200 in ${r.ms.toFixed(0)} ms`),
      });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      checks.push({ name: step.name, ok: false, detail: err.hint ? `${err.message} ${err.hint}` : err.message });
      const kind = err.details?.kind;
      if (kind === 'unreachable' || kind === 'cors' || kind === 'timeout' || kind === 'address') break;
    }
  }
  const ok = checks.length === steps.length && checks.every((c) => c.ok);
  return server ? { ok, checks, server } : { ok, checks };
}

export interface ModelFiles {
  /** The exported pipeline graph. */
  onnx: Uint8Array;
  /** The bundle's metadata.json. */
  metadata: Uint8Array;
}

function base64(bytes: Uint8Array): string {
  let s = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) s += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(s);
}

/**
 * POST /v2/repository/models/{name}/load with the files as Triton's "file:" override parameters, which
 * write them into the server's model repository and load them. Refuses early, with the files to place by
 * hand, when the server does not offer the repository extension.
 */
export async function uploadModel(conn: Connection, name: string, files: ModelFiles, server: ServerInfo | undefined, fetchImpl: FetchLike = fetch): Promise<void> {
  if (server && !server.extensions.includes('model_repository')) {
    throw fail(
      `${server.name} ${server.version} does not offer the model repository extension, so Lathe cannot upload the model.`,
      `Place the bundle in the server’s model repository by hand: ${name}/config.pbtxt and ${name}/1/model.onnx (the triton/${name}/ folder of the Export cell’s .zip), then run Deploy again to check it.`,
      'no-upload',
    );
  }
  const body = { parameters: { 'file:1/model.onnx': base64(files.onnx), 'file:metadata.json': base64(files.metadata) } };
  // Loading builds an inference session: allow it longer than a plain request.
  const r = await call({ ...conn, timeoutMs: Math.max(conn.timeoutMs ?? DEFAULT_TIMEOUT_MS, 60_000) }, 'POST', `/v2/repository/models/${encodeURIComponent(name)}/load`, body, fetchImpl);
  if (r.status === 200) return;
  if (r.status === 404 || r.status === 405 || r.status === 501) {
    throw fail(
      `The server has no model upload (POST /v2/repository/models/${name}/load answered HTTP ${r.status}).`,
      `Place the bundle in the server’s model repository by hand: ${name}/config.pbtxt and ${name}/1/model.onnx (the triton/${name}/ folder of the Export cell’s .zip).`,
      'no-upload',
    );
  }
  throw httpFailure(conn, `Uploading “${name}”`, r, 'For `lathe serve`, start it with --model-dir DIR --allow-upload; for Triton, --model-control-mode=explicit.');
}

/**
 * PUTs the bundle to an upload URL (e.g. a pre-signed storage URL that the serving platform's model
 * repository reads), for servers that take no uploads themselves. The URL is the user's; no token is
 * sent to it (a pre-signed URL carries its own authorisation).
 */
export async function uploadToTarget(target: string, bundle: Uint8Array, fetchImpl: FetchLike = fetch): Promise<void> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw fail(`The upload target “${target}” is not a web address.`, 'Edit the endpoint: give a full https:// URL, or leave it empty.', 'address');
  }
  let response: Response;
  try {
    response = await fetchImpl(url.href, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/zip' },
      body: bundle as BodyInit,
      signal: AbortSignal.timeout(120_000),
    });
  } catch (err) {
    throw await explainNetworkFailure(url.href, err, 120_000, fetchImpl);
  }
  if (response.ok) return;
  throw fail(
    `The upload target ${url.host} refused the bundle (HTTP ${response.status}${response.statusText ? ' ' + response.statusText : ''}).`,
    response.status === 403 ? 'A pre-signed URL may have expired: make a new one and edit the endpoint.' : 'Check the upload URL, and that it accepts PUT from this page (CORS).',
    'upload-target',
  );
}

/** Asks a server with the repository extension to (re)load a model from its own repository (after an upload elsewhere). */
export async function loadFromRepository(conn: Connection, name: string, fetchImpl: FetchLike = fetch): Promise<void> {
  const r = await call({ ...conn, timeoutMs: Math.max(conn.timeoutMs ?? DEFAULT_TIMEOUT_MS, 60_000) }, 'POST', `/v2/repository/models/${encodeURIComponent(name)}/load`, {}, fetchImpl);
  if (r.status === 200) return;
  throw httpFailure(conn, `Loading “${name}” from the server’s repository`, r, 'Check that the upload target is the storage the server’s model repository reads, and the model name.');
}

/** Polls GET /v2/models/{name}/ready until it answers 200, or throws after timeoutMs. */
export async function waitReady(
  conn: Connection,
  name: string,
  opts: { timeoutMs?: number; intervalMs?: number; signal?: AbortSignal } = {},
  fetchImpl: FetchLike = fetch,
): Promise<number> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const started = performance.now();
  let last = '';
  for (;;) {
    opts.signal?.throwIfAborted();
    const r = await call(conn, 'GET', `/v2/models/${encodeURIComponent(name)}/ready`, undefined, fetchImpl);
    if (r.status === 200) return performance.now() - started;
    last = `HTTP ${r.status}${errorText(r.body) ? `: ${errorText(r.body)}` : ''}`;
    if (performance.now() - started > timeoutMs) {
      throw fail(`“${name}” did not become ready within ${(timeoutMs / 1000).toFixed(0)} s (last answer ${last}).`, 'Look at the server’s log for why the model failed to load.', 'timeout');
    }
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 250));
  }
}

export interface OipTensor {
  name: string;
  shape: number[];
  datatype: string;
  data: (number | string | null)[];
}

/** GET /v2/models/{name}: the model's metadata (versions, inputs, outputs). */
export async function modelMetadata(conn: Connection, name: string, fetchImpl: FetchLike = fetch): Promise<{ versions?: string[] } & Record<string, unknown>> {
  const r = await call(conn, 'GET', `/v2/models/${encodeURIComponent(name)}`, undefined, fetchImpl);
  if (r.status !== 200 || typeof r.body !== 'object' || r.body === null) throw httpFailure(conn, `Reading the metadata of “${name}”`, r);
  return r.body as { versions?: string[] } & Record<string, unknown>;
}

/** POST /v2/models/{name}/infer; the outputs by name, with the round-trip time. */
export async function infer(
  conn: Connection,
  name: string,
  request: { inputs: OipTensor[] | readonly object[]; outputs?: { name: string }[] },
  fetchImpl: FetchLike = fetch,
): Promise<{ outputs: Map<string, OipTensor>; ms: number }> {
  const r = await call(conn, 'POST', `/v2/models/${encodeURIComponent(name)}/infer`, request, fetchImpl);
  if (r.status !== 200) throw httpFailure(conn, `Inference on “${name}”`, r);
  const outs = (r.body as { outputs?: unknown } | undefined)?.outputs;
  if (!Array.isArray(outs)) {
    throw fail(`The answer to an inference request on “${name}” has no "outputs" list: not an Open Inference Protocol response.`, undefined, 'not-oip');
  }
  const outputs = new Map<string, OipTensor>();
  for (const o of outs as OipTensor[]) {
    if (o && typeof o.name === 'string' && Array.isArray(o.data)) outputs.set(o.name, { ...o, data: o.data.flat(Infinity) as OipTensor['data'] });
  }
  return { outputs, ms: r.ms };
}
