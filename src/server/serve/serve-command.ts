// `lathe serve`: parses its arguments, starts the inference server, prints where it listens, stops on Ctrl-C.

import { UserError } from '../../core/errors/user-error.ts';
import { DEFAULT_HOST, DEFAULT_PORT, startServer, type ServeHandle, type ServerOptions } from './server.ts';

export const SERVE_USAGE =
  'lathe serve <bundle.zip|folder>... [--port 8080] [--host 127.0.0.1] [--token T] [--cors-origin O]... [--max-body 16MiB]';
export const SERVE_SUMMARY =
  `Serve model bundles over the Open Inference Protocol (KServe V2 REST) on http://${DEFAULT_HOST}:${DEFAULT_PORT}; Ctrl-C stops.`;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface ServeCommandHooks {
  /** Called once the server listens (tests use it to reach the server). */
  onListening?: (handle: ServeHandle) => void;
  /** Stops the server when it aborts; without it, SIGINT or SIGTERM stop it. */
  signal?: AbortSignal;
}

export interface ServeArgs extends ServerOptions {
  paths: string[];
}

/** Runs the server until Ctrl-C (or `hooks.signal`); returns the exit status. Bad arguments throw UserError. */
export async function serveCommand(args: string[], io: Io, hooks: ServeCommandHooks = {}): Promise<number> {
  const { paths, ...options } = parseServeArgs(args);
  const handle = await startServer(paths, options);
  io.out(`Serving on ${handle.url} (Open Inference Protocol, KServe V2 REST)\n`);
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

/** The command's arguments as server options; throws a UserError naming the bad argument. */
export function parseServeArgs(args: string[]): ServeArgs {
  const paths: string[] = [];
  const corsOrigins: string[] = [];
  const out: ServeArgs = { paths };
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
        out.token = parseToken(value());
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
  if (paths.length === 0) throw new UserError('serve needs at least one model bundle (.zip) or folder.', `Usage: ${SERVE_USAGE}`);
  if (corsOrigins.length > 0) out.corsOrigins = corsOrigins;
  return out;
}

function parsePort(v: string): number {
  const port = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UserError(`--port must be a whole number from 0 to 65535, not "${v}".`, '0 picks a free port.');
  return port;
}

function parseToken(v: string): string {
  // The token travels in an HTTP header as one word.
  if (!/^[\x21-\x7e]+$/.test(v)) throw new UserError('--token must be printable ASCII without spaces.');
  return v;
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
