import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import { parseServeArgs, serveCommand } from '../../../../src/server/serve/serve-command.ts';
import type { ServeHandle } from '../../../../src/server/serve/server.ts';
import { call, classifierInputs, expected, onnx, penguinsMetadata, tempDir, writeZip } from './fixtures.ts';

let dir: string;
let bundle: string;

beforeAll(() => {
  dir = tempDir();
  bundle = writeZip(join(dir, 'export.zip'), { 'model.onnx': onnx('classifier'), 'metadata.json': penguinsMetadata });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseServeArgs', () => {
  it('reads every option, in both --flag value and --flag=value forms', () => {
    expect(
      parseServeArgs(['a.zip', '--port', '0', '--host=0.0.0.0', '--token', 'abc', '--cors-origin', 'http://localhost:5173', '--cors-origin=https://x.example/', '--max-body', '1MiB', 'models/']),
    ).toEqual({
      paths: ['a.zip', 'models/'],
      port: 0,
      host: '0.0.0.0',
      token: 'abc',
      corsOrigins: ['http://localhost:5173', 'https://x.example'],
      maxBodyBytes: 1024 * 1024,
    });
    expect(parseServeArgs(['a.zip', '--max-body=2000'])).toEqual({ paths: ['a.zip'], maxBodyBytes: 2000 });
    expect(parseServeArgs(['a.zip', '--cors-origin', '*']).corsOrigins).toEqual(['*']);
  });

  it.each([
    [[], /at least one model bundle/],
    [['a.zip', '--port'], /--port needs a value/],
    [['a.zip', '--port', 'http'], /--port must be a whole number/],
    [['a.zip', '--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['a.zip', '--port', '-1'], /--port must be a whole number/],
    [['a.zip', '--max-body', '0'], /--max-body must be a size/],
    [['a.zip', '--max-body', 'lots'], /--max-body must be a size/],
    [['a.zip', '--cors-origin', 'example.com'], /--cors-origin must be an origin/],
    [['a.zip', '--cors-origin', 'https://x.example/path'], /--cors-origin must be an origin/],
    [['a.zip', '--token', 'has space'], /--token must be printable ASCII/],
    [['a.zip', '--token', 'a', '--token', 'b'], /Give the token once/],
    [['a.zip', '--token-file', '/no/such/token-file'], /Cannot read --token-file "\/no\/such\/token-file"/],
    [['a.zip', '--allow-upload'], /--allow-upload needs --model-dir/],
    [['--model-dir', 'm', '--allow-upload=yes'], /takes no value/],
    [['--allow-upload'], /at least one model bundle .* or --model-dir/],
    [['a.zip', '--bogus'], /Unknown option "--bogus"/],
  ])('refuses %j', (args, message) => {
    expect(() => parseServeArgs(args as string[])).toThrow(UserError);
    expect(() => parseServeArgs(args as string[])).toThrow(message as RegExp);
  });
});

describe('parseServeArgs: model folder and token sources', () => {
  it('reads --model-dir and --allow-upload, needing no bundle besides', () => {
    expect(parseServeArgs(['--model-dir', 'models', '--allow-upload'])).toEqual({ paths: [], modelDir: 'models', allowUpload: true });
    expect(parseServeArgs(['a.zip', '--model-dir=m'])).toEqual({ paths: ['a.zip'], modelDir: 'm' });
  });

  it('takes the token from LATHE_SERVE_TOKEN when no option gives one, and an option over the variable', () => {
    expect(parseServeArgs(['a.zip'], { LATHE_SERVE_TOKEN: 'from-env' }).token).toBe('from-env');
    expect(parseServeArgs(['a.zip', '--token', 'flag'], { LATHE_SERVE_TOKEN: 'from-env' }).token).toBe('flag');
    expect(parseServeArgs(['a.zip'], { LATHE_SERVE_TOKEN: '' }).token).toBeUndefined();
    expect(parseServeArgs(['a.zip'], {}).token).toBeUndefined();
    expect(() => parseServeArgs(['a.zip'], { LATHE_SERVE_TOKEN: 'two words' })).toThrow(/LATHE_SERVE_TOKEN must be printable ASCII/);
  });

  it('reads --token-file, without its final newline', () => {
    const file = join(dir, 'token.txt');
    writeFileSync(file, 'file-token\n');
    expect(parseServeArgs(['a.zip', '--token-file', file], { LATHE_SERVE_TOKEN: 'from-env' }).token).toBe('file-token');
    expect(() => parseServeArgs(['a.zip', '--token-file', file, '--token', 'x'])).toThrow(/both --token-file and --token/);
    writeFileSync(file, '\n');
    expect(() => parseServeArgs(['a.zip', '--token-file', file])).toThrow(/is empty/);
  });
});

describe('serveCommand', () => {
  it('guards the server with the token from LATHE_SERVE_TOKEN', async () => {
    const stop = new AbortController();
    let handle: ServeHandle | undefined;
    const running = serveCommand([bundle, '--port', '0'], { out: () => undefined, err: () => undefined }, {
      signal: stop.signal,
      env: { LATHE_SERVE_TOKEN: 'env-secret' },
      onListening: (h) => (handle = h),
    });
    await waitFor(() => handle !== undefined);
    const url = `${(handle as ServeHandle).url}/v2/models/penguins`;
    try {
      expect((await call(url)).status).toBe(401);
      expect((await call(url, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
      expect((await call(url, { headers: { Authorization: 'Bearer env-secret' } })).status).toBe(200);
    } finally {
      stop.abort();
      expect(await running).toBe(0);
    }
  });

  it('serves and announces a model folder, creating it', async () => {
    let out = '';
    const stop = new AbortController();
    stop.abort();
    const models = join(dir, 'new-models');
    expect(await serveCommand(['--model-dir', models, '--allow-upload', '--port', '0'], { out: (t) => (out += t), err: () => undefined }, { signal: stop.signal })).toBe(0);
    expect(out).toContain(`Model folder: ${models} (uploads on: POST`);
  });

  it('prints the URL and the models, serves them, and stops cleanly when told to', async () => {
    let out = '';
    let err = '';
    const stop = new AbortController();
    let handle: ServeHandle | undefined;
    const running = serveCommand([bundle, '--port', '0'], { out: (t) => (out += t), err: (t) => (err += t) }, {
      signal: stop.signal,
      onListening: (h) => (handle = h),
    });
    await waitFor(() => handle !== undefined);
    const h = handle as ServeHandle;
    expect(out).toContain(`Serving on ${h.url}`);
    expect(out).toContain(`penguins (version 1) from ${bundle}`);
    expect(out).toContain(`POST ${h.url}/v2/models/penguins/infer`);
    expect(err).toBe('');
    const r = await call(`${h.url}/v2/models/penguins/infer`, { body: { inputs: classifierInputs(), outputs: [{ name: 'label' }] } });
    expect(r.body.outputs[0].data).toEqual(expected.classifier.label);
    stop.abort();
    expect(await running).toBe(0);
    expect(out).toMatch(/Stopped\.\n$/);
    await expect(fetch(`${h.url}/v2/health/live`)).rejects.toThrow();
  });

  it('warns when it listens beyond this machine without a token', async () => {
    let err = '';
    const stop = new AbortController();
    stop.abort();
    expect(await serveCommand([bundle, '--port', '0', '--host', '0.0.0.0'], { out: () => undefined, err: (t) => (err += t) }, { signal: stop.signal })).toBe(0);
    expect(err).toMatch(/without --token/);
  });
});

async function waitFor(condition: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
