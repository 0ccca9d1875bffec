import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../src/server/cli.ts';
import { startServer } from '../../../../src/server/serve/server.ts';
import { call, onnx, root, tempDir, writeDir, writeZip } from './fixtures.ts';

let dir: string;
let bundle: string;

beforeAll(() => {
  dir = tempDir();
  bundle = writeZip(join(dir, 'houses.zip'), { 'model.onnx': onnx('regression') });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs main() in process, capturing what it prints. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('lathe serve (main)', () => {
  it('is listed in the help', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/lathe serve <bundle\.zip\|folder>/);
  });

  it('exits with 2 and a message for bad arguments', async () => {
    expect(await run('serve')).toMatchObject({ code: 2, err: expect.stringMatching(/lathe serve: serve needs at least one model bundle/) });
    expect(await run('serve', bundle, '--port', 'abc')).toMatchObject({ code: 2, err: expect.stringMatching(/--port must be a whole number/) });
    expect(await run('serve', bundle, '--max-body', '-5')).toMatchObject({ code: 2, err: expect.stringMatching(/--max-body/) });
    expect(await run('serve', bundle, '--cors-origin', 'not an origin')).toMatchObject({ code: 2, err: expect.stringMatching(/--cors-origin must be an origin/) });
    expect(await run('serve', bundle, '--verbose')).toMatchObject({ code: 2, err: expect.stringMatching(/Unknown option "--verbose"/) });
  });

  it('exits with 2 for a missing, unreadable or model-less bundle, naming it', async () => {
    expect(await run('serve', join(dir, 'nope.zip'))).toMatchObject({ code: 2, err: expect.stringMatching(/No such file or folder: ".*nope\.zip"/) });
    const noModel = writeZip(join(dir, 'tfjs-only.zip'), { 'tfjs/model.json': '{}', 'metadata.json': { name: 'x' } });
    const r = await run('serve', noModel);
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/tfjs-only\.zip" has no model\.onnx/) });
    expect(r.err).toMatch(/hint: /);
    const damaged = join(dir, 'damaged.zip');
    writeFileSync(damaged, 'garbage');
    expect(await run('serve', damaged)).toMatchObject({ code: 2, err: expect.stringMatching(/not a readable zip/) });
    const csv = join(dir, 'data.csv');
    writeFileSync(csv, 'a\n1\n');
    expect(await run('serve', csv)).toMatchObject({ code: 2, err: expect.stringMatching(/not a model bundle/) });
    const emptyFolder = writeDir(join(dir, 'empty'), { 'readme.txt': '' });
    expect(await run('serve', emptyFolder)).toMatchObject({ code: 2, err: expect.stringMatching(/holds no model bundle/) });
  });

  it('exits with 2 when the port is taken', async () => {
    const other = await startServer([bundle], { port: 0 });
    try {
      expect(await run('serve', bundle, '--port', String(other.port))).toMatchObject({ code: 2, err: expect.stringMatching(/already in use/) });
    } finally {
      await other.close();
    }
  });
});

describe('lathe serve (executable)', () => {
  it('prints its URL, serves, and exits 0 on Ctrl-C (SIGINT)', async () => {
    const child = spawn(process.execPath, [join(root, 'bin/lathe.js'), 'serve', bundle, '--port', '0'], { cwd: root });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Serving on (http:\/\/\S+)/.exec(out);
        if (m && out.includes('Press Ctrl-C')) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code} before listening: ${err}`)));
    });
    expect((await call(`${url}/v2/models/houses/ready`)).body).toEqual({ name: 'houses', ready: true });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toMatch(/Stopped\./);
    expect(err).toBe('');
  }, 60_000);
});
