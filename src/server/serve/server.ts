// The HTTP front of `lathe serve`: routes Open Inference Protocol (KServe V2) REST requests to the models.

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UserError } from '../../core/errors/user-error.ts';
import { Access, type AccessOptions } from './access.ts';
import { HttpError } from './http-error.ts';
import { ModelRepository, type LoadedModel } from './repository.ts';
import type { ServingRecipe } from './recipe.ts';
import { decodeRequest, encodeResponse } from './tensors.ts';
import { hasUploadedFiles, readUpload, UPLOADS_DISABLED } from './upload.ts';

export interface ServerOptions extends AccessOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Requests with a larger body are refused with 413 (uploads included, when given). */
  maxBodyBytes?: number;
  /** A folder of bundles served alongside `paths`, created if absent; uploads are written there. */
  modelDir?: string;
  /** Lets POST /v2/repository/models/{name}/load carry the model's files; needs `modelDir`. */
  allowUpload?: boolean;
}

export interface ServeHandle {
  /** Base URL, such as http://127.0.0.1:8080. */
  url: string;
  host: string;
  port: number;
  repository: ModelRepository;
  /** Stops accepting connections, lets running requests finish (2 s at most), and releases the models. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
/** The load route's default limit when uploads are on: base64 makes a 48 MiB model about 64 MiB of JSON. */
export const DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

const SERVER_NAME = 'lathe';
const EXTENSIONS = ['model_repository'];
/** Longer than the 60 s idle timeout of common load balancers, so the server never drops a connection they reuse. */
const KEEP_ALIVE_MS = 65_000;
/** Parsed URLs kept; far more than the endpoints a client uses. */
const ROUTE_CACHE_SIZE = 256;
/** How long close() waits for running requests before cutting their connections. */
const CLOSE_GRACE_MS = 2_000;

type Route =
  | { kind: 'server-metadata' | 'live' | 'ready' | 'index' }
  | { kind: 'model-metadata' | 'model-ready' | 'infer'; name: string; version?: string }
  | { kind: 'load' | 'unload'; name: string };

const GET = ['GET', 'HEAD'];
const POST = ['POST'];
const METHODS: Record<Route['kind'], readonly string[]> = {
  'server-metadata': GET,
  live: GET,
  ready: GET,
  'model-metadata': GET,
  'model-ready': GET,
  infer: POST,
  index: POST,
  load: POST,
  unload: POST,
};

/** Loads the bundles under `paths`, then listens. Throws a UserError for unreadable bundles or a busy port. */
export async function startServer(paths: readonly string[], options: ServerOptions = {}): Promise<ServeHandle> {
  if (options.allowUpload && options.modelDir === undefined) {
    throw new UserError('--allow-upload needs --model-dir DIR: the folder uploaded models are written to.', 'Start lathe serve with --model-dir DIR as well as --allow-upload.');
  }
  const repository = await ModelRepository.open(paths, options.modelDir === undefined ? {} : { modelDir: options.modelDir });
  const host = options.host ?? DEFAULT_HOST;
  const server = createServer({ keepAliveTimeout: KEEP_ALIVE_MS, noDelay: true }, createHandler(repository, options));
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_PORT, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await repository.close();
    throw listenError(err, host, options.port ?? DEFAULT_PORT);
  }
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    host,
    port,
    repository,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
        });
        await repository.close();
      })();
      return closing;
    },
  };
}

/** The request listener, apart from the listening socket so tests and embedders can mount it. */
export function createHandler(repository: ModelRepository, options: ServerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const access = new Access(options);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const uploads = options.allowUpload === true && repository.modelDir !== undefined;
  const maxLoadBody = options.maxBodyBytes ?? (uploads ? DEFAULT_MAX_UPLOAD_BYTES : DEFAULT_MAX_BODY_BYTES);
  const serverMetadata = JSON.stringify({ name: SERVER_NAME, version: packageVersion(), extensions: EXTENSIONS });
  // Clients call the same few URLs over and over; parsing each once keeps splitting and decoding off the hot path.
  const routes = new Map<string, Route | null>();

  function routeOf(url: string): Route | undefined {
    let route = routes.get(url);
    if (route === undefined) {
      route = parseRoute(url) ?? null;
      if (routes.size >= ROUTE_CACHE_SIZE) routes.clear(); // A client sending ever-new URLs cannot grow it.
      routes.set(url, route);
    }
    return route ?? undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, cors: Record<string, string> | undefined): Promise<void> {
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') return preflight(req, res);
    const route = routeOf(req.url ?? '/');
    // Kubernetes probes the health endpoints without credentials, and they tell nothing but up or down;
    // everything else (model names included) needs the token, checked before a 404 can reveal what exists.
    const open = route !== undefined && (route.kind === 'live' || route.kind === 'ready');
    if (!open && !access.authorized(req)) {
      throw new HttpError(401, 'This server needs "Authorization: Bearer <token>" with the token it was started with.', {
        'WWW-Authenticate': 'Bearer realm="lathe"',
      });
    }
    if (route === undefined) throw new HttpError(404, `No such endpoint: ${method} ${pathOf(req.url ?? '/')}. The API lives under /v2 (Open Inference Protocol).`);
    const allowed = METHODS[route.kind];
    if (!allowed.includes(method)) {
      throw new HttpError(405, `${method} is not allowed here; use ${allowed[0]}.`, { Allow: allowed.join(', ') });
    }
    switch (route.kind) {
      case 'live':
        return send(res, 200, '{"live":true}', cors);
      case 'ready':
        return repository.ready() ? send(res, 200, '{"ready":true}', cors) : send(res, 503, '{"ready":false}', cors);
      case 'server-metadata':
        return send(res, 200, serverMetadata, cors);
      case 'model-metadata':
        return send(res, 200, JSON.stringify(repository.find(route.name, route.version).metadata), cors);
      case 'model-ready':
        repository.find(route.name, route.version);
        return send(res, 200, JSON.stringify({ name: route.name, ready: true }), cors);
      case 'infer':
        return infer(req, res, route.name, route.version, cors);
      case 'index': {
        const body = await readJson(req, maxBody, true);
        const onlyReady = isObject(body) && body.ready === true;
        const rows = (await repository.index()).filter((r) => !onlyReady || r.state === 'READY');
        return send(res, 200, JSON.stringify(rows), cors);
      }
      case 'load': {
        const body = await readJson(req, maxLoadBody, true);
        const params = isObject(body) && isObject(body.parameters) ? body.parameters : undefined;
        if (params !== undefined && hasUploadedFiles(params)) {
          if (!uploads) throw new HttpError(400, UPLOADS_DISABLED);
          checkBodyKeys(body, 'load');
          await repository.install(route.name, readUpload(route.name, params, maxLoadBody));
        } else {
          checkRepositoryBody(body, 'load');
          await repository.load(route.name);
        }
        return send(res, 200, JSON.stringify({ name: route.name, load: true }), cors);
      }
      case 'unload':
        checkRepositoryBody(await readJson(req, maxBody, true), 'unload');
        await repository.unload(route.name);
        return send(res, 200, JSON.stringify({ name: route.name, unload: true }), cors);
    }
  }

  async function infer(req: IncomingMessage, res: ServerResponse, name: string, version: string | undefined, cors: Record<string, string> | undefined): Promise<void> {
    repository.find(name, version); // An unknown model is refused before its body is read.
    const bytes = await readBody(req, maxBody);
    if (bytes.length === 0) throw new HttpError(400, 'The request body is empty; send a JSON inference request with "inputs".');
    const body = parseJson(bytes);
    // Looked up again: the model may have been reloaded while the body arrived.
    const model: LoadedModel = repository.find(name, version);
    // A bundle whose model.onnx leaves recipe steps to the caller also takes the raw columns, and applies them here.
    const raw = model.recipe !== undefined && !model.recipe.isDirect(body);
    const decoded = decodeRequest(body, raw ? (model.recipe as ServingRecipe).request : model.signature, bytes.length);
    const { fetches, id } = decoded;
    const feeds = raw ? (model.recipe as ServingRecipe).prepare(decoded.feeds) : decoded.feeds;
    repository.acquire(model);
    let results;
    try {
      results = await model.session.run(feeds, fetches);
    } catch (err) {
      throw new HttpError(500, `Inference failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      repository.release(model);
    }
    send(res, 200, encodeResponse(model.name, model.version, id, fetches, results), cors);
  }

  function preflight(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    const headers = access.preflightHeaders(origin);
    if (headers !== undefined) {
      res.writeHead(204, headers);
      res.end();
    } else if (origin !== undefined) {
      const hint = access.corsEnabled ? 'it is not among the --cors-origin values' : 'the server allows no browser origins (start it with --cors-origin)';
      send(res, 403, JSON.stringify({ error: `Origin ${origin} may not call this server: ${hint}.` }), access.corsHeaders(origin));
    } else {
      res.writeHead(204, { Allow: 'GET, HEAD, POST, OPTIONS' });
      res.end();
    }
  }

  return (req, res) => {
    const cors = access.corsHeaders(req.headers.origin);
    handle(req, res, cors).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) {
        const headers = { ...cors, ...err.headers };
        // A refused oversized body is not read to its end; closing the connection keeps it from being parsed as the next request.
        if (err.status === 413) headers.Connection = 'close';
        send(res, err.status, JSON.stringify({ error: err.message }), headers);
      } else {
        send(res, 500, JSON.stringify({ error: `Internal error: ${err instanceof Error ? err.message : String(err)}` }), cors);
      }
    });
  };
}

/** Matches /v2 paths; undefined for anything else. Names and versions are URL-decoded path segments. */
export function parseRoute(url: string): Route | undefined {
  const path = pathOf(url);
  const parts = (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path).split('/');
  if (parts[0] !== '' || parts[1] !== 'v2') return undefined;
  const seg = parts.slice(2).map(decodeSegment);
  const n = seg.length;
  if (n === 0) return { kind: 'server-metadata' };
  if (seg[0] === 'health' && n === 2) {
    if (seg[1] === 'live') return { kind: 'live' };
    if (seg[1] === 'ready') return { kind: 'ready' };
    return undefined;
  }
  if (seg[0] === 'models' && n >= 2) {
    const name = seg[1];
    // /v2/models/{name}[/versions/{version}][/ready|/infer]
    let version: string | undefined;
    let rest = seg.slice(2);
    if (rest[0] === 'versions' && rest.length >= 2) {
      version = rest[1];
      rest = rest.slice(2);
    }
    const at = version === undefined ? { name } : { name, version };
    if (rest.length === 0) return { kind: 'model-metadata', ...at };
    if (rest.length === 1 && rest[0] === 'ready') return { kind: 'model-ready', ...at };
    if (rest.length === 1 && rest[0] === 'infer') return { kind: 'infer', ...at };
    return undefined;
  }
  if (seg[0] === 'repository') {
    if (n === 2 && seg[1] === 'index') return { kind: 'index' };
    if (n === 4 && seg[1] === 'models' && (seg[3] === 'load' || seg[3] === 'unload')) return { kind: seg[3], name: seg[2] };
  }
  return undefined;
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new HttpError(400, `The path segment "${s}" is not valid percent-encoding.`);
  }
}

/**
 * Without uploaded files the repository endpoints take no parameters: models come only from the paths the
 * server was started with, so a client cannot point it at a file of its choosing.
 */
function checkRepositoryBody(body: unknown, kind: 'load' | 'unload'): void {
  if (body === undefined) return;
  checkBodyKeys(body, kind);
  const params = body.parameters;
  if (params !== undefined && (!isObject(params) || Object.keys(params).length > 0)) {
    throw new HttpError(
      400,
      `The ${kind} request takes no parameters: this server ${kind}s only the bundles under the paths it was started with, by name.`,
    );
  }
}

function checkBodyKeys(body: unknown, kind: 'load' | 'unload'): asserts body is Record<string, unknown> {
  if (!isObject(body)) throw new HttpError(400, `The ${kind} request body must be a JSON object (or empty).`);
  const extra = Object.keys(body).filter((k) => k !== 'parameters');
  if (extra.length > 0) throw new HttpError(400, `The ${kind} request body takes only "parameters", not ${extra.map((k) => `"${k}"`).join(', ')}.`);
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > max) return Promise.reject(tooLarge(max));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > max) {
        req.off('data', onData);
        req.resume();
        reject(tooLarge(max));
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    req.once('error', reject);
    // A client that hangs up mid-body leaves no 'end' to wait for.
    req.once('close', () => {
      if (!req.complete) reject(new HttpError(400, 'The request body was cut off before its end.'));
    });
  });
}

async function readJson(req: IncomingMessage, max: number, emptyIsUndefined: boolean): Promise<unknown> {
  const bytes = await readBody(req, max);
  if (bytes.length === 0 && emptyIsUndefined) return undefined;
  return parseJson(bytes);
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new HttpError(400, `The request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function tooLarge(max: number): HttpError {
  return new HttpError(413, `The request body is larger than ${max.toLocaleString('en-US')} bytes, this server's --max-body.`);
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> | undefined): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function listenError(err: unknown, host: string, port: number): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new UserError(`Port ${port} on ${host} is already in use.`, 'Stop the other server, or pick another --port (0 picks a free one).');
  if (code === 'EACCES') return new UserError(`Not allowed to listen on port ${port}.`, 'Ports below 1024 need privileges; pick a port above 1023.');
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new UserError(`Cannot listen on host "${host}": no such address on this machine.`, 'Use 127.0.0.1 for this machine only, or 0.0.0.0 for every interface.');
  return err instanceof Error ? err : new Error(String(err));
}

let cachedVersion: string | undefined;

/** The server version reported by GET /v2: Lathe's own, from package.json. */
export function packageVersion(): string {
  if (cachedVersion === undefined) {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    cachedVersion = pkg.version ?? '0.0.0';
  }
  return cachedVersion;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
