import { rmSync } from 'node:fs';
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
    [['a.zip', '--bogus'], /Unknown option "--bogus"/],
  ])('refuses %j', (args, message) => {
    expect(() => parseServeArgs(args as string[])).toThrow(UserError);
    expect(() => parseServeArgs(args as string[])).toThrow(message as RegExp);
  });
});

describe('serveCommand', () => {
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
