// The OIP client against a real `lathe serve` (happy path) and small servers that fail in each way a user meets.

import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors/user-error.ts';
import { infer, testConnection, uploadModel, waitReady } from '../../../src/deploy/oip-client.ts';
import { startServer, type ServeHandle } from '../../../src/server/serve/server.ts';
import { classifierInputs, expected, onnx, penguinsMetadata, tempDir } from '../server/serve/fixtures.ts';

const files = { onnx: onnx('classifier'), metadata: new TextEncoder().encode(JSON.stringify(penguinsMetadata)) };

async function listen(handler: RequestListener): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function failure(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error('expected a failure');
}

describe('against lathe serve', () => {
  let dir: string;
  let serve: ServeHandle;
  let locked: ServeHandle;
  beforeAll(async () => {
    dir = tempDir();
    serve = await startServer([], { port: 0, modelDir: dir, allowUpload: true });
    locked = await startServer([], { port: 0, modelDir: tempDir(), token: 's3cret' });
  });
  afterAll(async () => {
    await serve.close();
    await locked.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes every connection check and reports the server', async () => {
    const r = await testConnection({ baseUrl: serve.url });
    expect(r.checks.map((c) => [c.name, c.ok])).toEqual([['Live', true], ['Ready', true], ['Server metadata', true]]);
    expect(r.ok).toBe(true);
    expect(r.server?.name).toBe('lathe');
    expect(r.server?.extensions).toContain('model_repository');
  });

  it('uploads, waits for ready and infers the same probabilities as NumPy', async () => {
    await uploadModel({ baseUrl: serve.url }, 'penguins', files, undefined);
    await waitReady({ baseUrl: serve.url }, 'penguins', { timeoutMs: 10_000 });
    const { outputs } = await infer({ baseUrl: serve.url }, 'penguins', { inputs: classifierInputs() });
    const probs = outputs.get('probabilities')!.data as number[];
    expected.classifier.probabilities.flat().forEach((p, i) => expect(Math.abs(probs[i] - p)).toBeLessThan(1e-5));
    expect(outputs.get('label')!.data).toEqual(expected.classifier.label);
  });

  it('says upload is off when the server refuses files, and that --allow-upload turns it on', async () => {
    const err = await failure(uploadModel({ baseUrl: locked.url, token: 's3cret' }, 'penguins', files, undefined));
    expect(err.message).toMatch(/HTTP 400/);
    expect(err.hint).toMatch(/--allow-upload/);
  });

  it('names the token on 401 for a locked server', async () => {
    const err = await failure(uploadModel({ baseUrl: locked.url }, 'penguins', files, undefined));
    expect(err.details?.kind).toBe('auth');
    expect(err.message).toMatch(/401/);
    const r = await testConnection({ baseUrl: locked.url });
    expect(r.ok).toBe(false);
    expect(r.checks.find((c) => c.name === 'Server metadata')?.detail).toMatch(/401 Unauthorized.*token/);
  });

  it('refuses upload up front when the server lacks the repository extension, listing the files to place', async () => {
    const err = await failure(uploadModel({ baseUrl: serve.url }, 'm', files, { name: 'triton', version: '2.40', extensions: [] }));
    expect(err.details?.kind).toBe('no-upload');
    expect(err.hint).toMatch(/m\/1\/model\.onnx/);
  });
});

describe('failures', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.closeAllConnections?.() ?? s.close()));
  async function serverAnswering(handler: RequestListener): Promise<string> {
    const { url, server } = await listen(handler);
    servers.push(server);
    return url;
  }

  it('an HTML page: not an OIP server', async () => {
    const url = await serverAnswering((_q, s) => s.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Login</title>'));
    const r = await testConnection({ baseUrl: url });
    expect(r.ok).toBe(false);
    expect(r.checks[0].detail).toMatch(/not an Open Inference Protocol server.*HTML page/);
  });

  it('garbage: not an OIP server', async () => {
    const url = await serverAnswering((_q, s) => s.writeHead(200).end('{"live": tru'));
    const r = await testConnection({ baseUrl: url });
    expect(r.checks.every((c) => !c.ok)).toBe(true);
    expect(r.checks[0].detail).toMatch(/not an Open Inference Protocol server.*not JSON/);
  });

  it('JSON without server metadata: not an OIP server', async () => {
    const url = await serverAnswering((_q, s) => s.writeHead(200, { 'Content-Type': 'application/json' }).end('{"hello":"world"}'));
    const r = await testConnection({ baseUrl: url });
    expect(r.checks.map((c) => c.ok)).toEqual([true, true, false]);
    expect(r.checks[2].detail).toMatch(/not an Open Inference Protocol server/);
  });

  it('401 and 403 name the token', async () => {
    const url401 = await serverAnswering((_q, s) => s.writeHead(401).end());
    const url403 = await serverAnswering((_q, s) => s.writeHead(403, { 'Content-Type': 'application/json' }).end('{"error":"bad token"}'));
    const a = await testConnection({ baseUrl: url401 });
    expect(a.checks[0].detail).toMatch(/401 Unauthorized.*Set the endpoint’s bearer token/);
    const b = await testConnection({ baseUrl: url403, token: 'x' });
    expect(b.checks[0].detail).toMatch(/403 Forbidden.*bad token.*bearer token/);
  });

  it('a server that never answers times out with a clear message', async () => {
    const url = await serverAnswering(() => undefined);
    const started = performance.now();
    const r = await testConnection({ baseUrl: url, timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(r.checks).toHaveLength(1); // later checks would only wait again
    expect(r.checks[0].detail).toMatch(/did not answer within/);
  });

  it('connection refused: unreachable', async () => {
    const { url, server } = await listen(() => undefined);
    await new Promise((r) => server.close(r));
    const r = await testConnection({ baseUrl: url });
    expect(r.checks).toHaveLength(1);
    expect(r.checks[0].detail).toMatch(/could not be reached/);
  });

  it('a bad address is refused before any request', async () => {
    const r = await testConnection({ baseUrl: 'ftp://x' });
    expect(r.checks[0].detail).toMatch(/http:\/\/ or https:\/\//);
  });
});
