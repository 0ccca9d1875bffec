// `lathe serve`: parses its arguments, starts the inference server, prints where it listens, stops on Ctrl-C.

import { readFileSync } from 'node:fs';
import { UserError } from '../../core/errors/user-error.ts';
import { DEFAULT_HOST, DEFAULT_PORT, startServer, type ServeHandle, type ServerOptions } from './server.ts';

/** The environment variable that can hold the token, so it does not show in `ps` as an argument would. */
export const TOKEN_ENV = 'LATHE_SERVE_TOKEN';

export const SERVE_USAGE =
  'lathe serve <bundle.zip|folder>... [--model-dir DIR [--allow-upload]] [--port 8080] [--host 127.0.0.1] ' +
  '[--token T | --token-file F] [--cors-origin O]... [--max-body 16MiB]';
export const SERVE_SUMMARY =
  `Serve model bundles over the Open Inference Protocol (KServe V2 REST) on http://${DEFAULT_HOST}:${DEFAULT_PORT}; Ctrl-C stops.\n` +
  '      --model-dir DIR serves a folder of bundles (created if absent; bundles may then be omitted). With --allow-upload,\n' +
  '      POST /v2/repository/models/{name}/load takes the model\'s files as Triton override parameters\n' +
  '      {"parameters": {"file:1/model.onnx": "<base64>", "file:metadata.json": "<base64>"}} and serves them from DIR/{name}/\n' +
  '      (--max-body then defaults to 64MiB for that route). The token may come from --token-file F or the\n' +
  `      ${TOKEN_ENV} environment variable instead of --token, which other users can read in \`ps\`.`;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface ServeCommandHooks {
  /** Called once the server listens (tests use it to reach the server). */
  onListening?: (handle: ServeHandle) => void;
  /** Stops the server when it aborts; without it, SIGINT or SIGTERM stop it. */
  signal?: AbortSignal;
  /** Where LATHE_SERVE_TOKEN is read from; process.env by default. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface ServeArgs extends ServerOptions {
  paths: string[];
}

/** Runs the server until Ctrl-C (or `hooks.signal`); returns the exit status. Bad arguments throw UserError. */
export async function serveCommand(args: string[], io: Io, hooks: ServeCommandHooks = {}): Promise<number> {
  const { paths, ...options } = parseServeArgs(args, hooks.env ?? process.env);
  const handle = await startServer(paths, options);
  io.out(`Serving on ${handle.url} (Open Inference Protocol, KServe V2 REST)\n`);
  if (handle.repository.modelDir !== undefined) {
    io.out(`  Model folder: ${handle.repository.modelDir}${options.allowUpload ? ` (uploads on: POST ${handle.url}/v2/repository/models/{name}/load)` : ''}\n`);
  }
  for (const m of handle.repository.loaded()) {
    io.out(`  ${m.name} (version ${m.version}) from ${m.path}\n      POST ${handle.url}/v2/models/${encodeURIComponent(m.name)}/infer\n`);
  }
  if (options.token === undefined && !isLoopback(handle.host)) {
    io.err(`warning: listening on ${handle.host} without --token: anyone who can reach this machine can call the models.\n`);
  }
  io.out('Press Ctrl-C to stop.\n');
  hooks.onListening?.(handle);
  await stopRequested(hooks.signal);
  await handle.close();
  io.out('Stopped.\n');
  return 0;
}

/**
 * The command's arguments as server options; throws a UserError naming the bad argument.
 * The token comes from --token, --token-file or else the LATHE_SERVE_TOKEN variable of `env`.
 */
export function parseServeArgs(args: string[], env: Readonly<Record<string, string | undefined>> = {}): ServeArgs {
  const paths: string[] = [];
  const corsOrigins: string[] = [];
  const out: ServeArgs = { paths };
  let tokenFrom: string | undefined;
  const setToken = (token: string, from: string): void => {
    if (tokenFrom !== undefined) throw new UserError(`Give the token once: both ${tokenFrom} and ${from} are set.`, `Usage: ${SERVE_USAGE}`);
    tokenFrom = from;
    out.token = token;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const value = (): string => {
      const v = eq === -1 ? args[++i] : arg.slice(eq + 1);
      if (v === undefined || v === '') throw new UserError(`${flag} needs a value.`, `Usage: ${SERVE_USAGE}`);
      return v;
    };
    switch (flag) {
      case '--port':
        out.port = parsePort(value());
        break;
      case '--host':
        out.host = value();
        break;
      case '--token':
        setToken(parseToken(value(), '--token'), '--token');
        break;
      case '--token-file':
        setToken(readTokenFile(value()), '--token-file');
        break;
      case '--model-dir':
        out.modelDir = value();
        break;
      case '--allow-upload':
        if (eq !== -1) throw new UserError('--allow-upload takes no value.', `Usage: ${SERVE_USAGE}`);
        out.allowUpload = true;
        break;
      case '--cors-origin':
        corsOrigins.push(parseOrigin(value()));
        break;
      case '--max-body':
        out.maxBodyBytes = parseBytes(value());
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UserError(`Unknown option "${arg}" for serve.`, `Usage: ${SERVE_USAGE}`);
        paths.push(arg);
    }
  }
  const fromEnv = env[TOKEN_ENV];
  if (tokenFrom === undefined && fromEnv !== undefined && fromEnv !== '') out.token = parseToken(fromEnv, TOKEN_ENV);
  if (paths.length === 0 && out.modelDir === undefined) {
    throw new UserError('serve needs at least one model bundle (.zip) or folder, or --model-dir.', `Usage: ${SERVE_USAGE}`);
  }
  if (out.allowUpload && out.modelDir === undefined) {
    throw new UserError('--allow-upload needs --model-dir DIR: the folder uploaded models are written to.', `Usage: ${SERVE_USAGE}`);
  }
  if (corsOrigins.length > 0) out.corsOrigins = corsOrigins;
  return out;
}

function parsePort(v: string): number {
  const port = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UserError(`--port must be a whole number from 0 to 65535, not "${v}".`, '0 picks a free port.');
  return port;
}

function parseToken(v: string, from: string): string {
  // The token travels in an HTTP header as one word.
  if (!/^[\x21-\x7e]+$/.test(v)) throw new UserError(`The token from ${from} must be printable ASCII without spaces.`);
  return v;
}

function readTokenFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`Cannot read --token-file "${path}"${code ? ` (${code})` : ''}.`, 'Give a file holding the token on its first line.');
  }
  // Editors and `echo` end the file with a newline, which is no part of the token.
  const token = text.replace(/[\r\n]+$/, '');
  if (token === '') throw new UserError(`--token-file "${path}" is empty.`, 'Write the token on its first line.');
  return parseToken(token, `--token-file "${path}"`);
}

function parseOrigin(v: string): string {
  if (v === '*') return v;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    url = new URL('invalid:');
  }
  // A browser's Origin header is scheme://host[:port], with no path; anything else would never match.
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== v.replace(/\/$/, '')) {
    throw new UserError(`--cors-origin must be an origin such as https://example.com or http://localhost:5173, not "${v}".`, 'Use * to allow every origin.');
  }
  return url.origin;
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1e3, kb: 1e3, kib: 1024, m: 1e6, mb: 1e6, mib: 1024 ** 2, g: 1e9, gb: 1e9, gib: 1024 ** 3 };

function parseBytes(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(v.trim());
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  const bytes = m && unit !== undefined ? Math.floor(Number(m[1]) * unit) : NaN;
  if (!(bytes >= 1 && bytes <= 2 * 1024 ** 3)) {
    throw new UserError(`--max-body must be a size from 1 byte to 2 GiB, such as 16777216 or 16MiB, not "${v}".`);
  }
  return bytes;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function stopRequested(signal: AbortSignal | undefined): Promise<void> {
  if (signal) return signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
