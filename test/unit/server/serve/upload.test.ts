import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../../../src/server/serve/http-error.ts';
import { startServer, type ServeHandle } from '../../../../src/server/serve/server.ts';
import { readUpload } from '../../../../src/server/serve/upload.ts';
import { call, classifierInputs, expected, onnx, penguinsMetadata, tempDir, writeZip } from './fixtures.ts';

const b64 = (bytes: Uint8Array | string | object): string =>
  Buffer.from(bytes instanceof Uint8Array || typeof bytes === 'string' ? bytes : JSON.stringify(bytes)).toString('base64');

let dir: string;
let modelDir: string;
let server: ServeHandle;
let base: string;

beforeAll(async () => {
  dir = tempDir();
  // Not there yet: the server creates it.
  modelDir = join(dir, 'models');
  writeZip(join(dir, 'fixed', 'penguins.zip'), { 'model.onnx': onnx('classifier'), 'metadata.json': penguinsMetadata });
  server = await startServer([join(dir, 'fixed')], { port: 0, modelDir, allowUpload: true });
  base = server.url;
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const load = (name: string, parameters: Record<string, unknown>, url = base, headers: Record<string, string> = {}) =>
  call(`${url}/v2/repository/models/${encodeURIComponent(name)}/load`, { body: { parameters }, headers });

/** The regression fixture's inputs for the reference rows. */
function regressionInputs(): { name: string; shape: number[]; datatype: string; data: number[] }[] {
  const { x1, x2 } = expected.regression;
  return [
    { name: 'x1', shape: [x1.length, 1], datatype: 'FP32', data: x1 },
    { name: 'x2', shape: [x2.length, 1], datatype: 'FP32', data: x2 },
  ];
}

/** Runs the same ONNX bytes in onnxruntime-node directly, the reference the server must reproduce. */
async function directPrediction(): Promise<number[]> {
  const session = await InferenceSession.create(onnx('regression'));
  try {
    const feeds = Object.fromEntries(regressionInputs().map((t) => [t.name, new Tensor('float32', Float32Array.from(t.data), t.shape)]));
    const out = await session.run(feeds);
    return Array.from(out.prediction.data as Float32Array);
  } finally {
    await session.release();
  }
}

/** Files under a folder, relative, sorted; hidden staging folders included so leftovers show. */
function listTree(root: string, rel = ''): string[] {
  return readdirSync(join(root, rel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listTree(root, join(rel, e.name)) : [join(rel, e.name)]))
    .sort();
}

describe('uploading a model through the load endpoint', () => {
  it('writes the files under --model-dir/{name}/, serves the model, and infers as onnxruntime does on the same file', async () => {
    expect(existsSync(modelDir)).toBe(true);
    const r = await load('houses', { 'file:1/model.onnx': b64(onnx('regression')), config: JSON.stringify({ name: 'houses', platform: 'onnxruntime_onnx' }) });
    expect(r).toMatchObject({ status: 200, body: { name: 'houses', load: true } });
    expect(listTree(modelDir)).toEqual([join('houses', '1', 'model.onnx')]);
    expect(readFileSync(join(modelDir, 'houses', '1', 'model.onnx')).equals(Buffer.from(onnx('regression')))).toBe(true);

    const inferred = await call(`${base}/v2/models/houses/infer`, { body: { inputs: regressionInputs() } });
    expect(inferred.status).toBe(200);
    // The same runtime on the same bytes: float32 values that survive JSON exactly.
    expect(inferred.body.outputs[0].data).toEqual(await directPrediction());

    const index = (await call(`${base}/v2/repository/index`, { method: 'POST' })).body as { name: string; state: string }[];
    expect(index.find((m) => m.name === 'houses')).toMatchObject({ state: 'READY' });
  });

  it('finds an uploaded model again after a restart, from the model folder alone', async () => {
    const again = await startServer([], { port: 0, modelDir });
    try {
      expect((await call(`${again.url}/v2/models/houses`)).body.inputs.map((t: { name: string }) => t.name)).toEqual(['x1', 'x2']);
    } finally {
      await again.close();
    }
  });

  it('replaces an uploaded model on a second upload, files and all', async () => {
    const first = await load('swap', { 'file:model.onnx': b64(onnx('regression')), 'file:README.md': b64('first') });
    expect(first.status).toBe(200);
    const second = await load('swap', { 'file:1/model.onnx': b64(onnx('classifier')), 'file:metadata.json': b64({ ...penguinsMetadata, name: 'swap' }) });
    expect(second.status).toBe(200);
    expect(listTree(join(modelDir, 'swap'))).toEqual(['1/model.onnx', 'metadata.json'].map((p) => join(...p.split('/'))));
    expect((await call(`${base}/v2/models/swap`)).body.classes).toEqual(penguinsMetadata.classes);
    const r = await call(`${base}/v2/models/swap/infer`, { body: { inputs: classifierInputs(), outputs: [{ name: 'label' }] } });
    expect(r.body.outputs[0].data).toEqual(expected.classifier.label);
  });

  it('answers 400 for a model that does not load and keeps the previous version serving, with its files', async () => {
    expect((await load('keep', { 'file:model.onnx': b64(onnx('regression')) })).status).toBe(200);
    const before = listTree(modelDir);
    const bytesBefore = readFileSync(join(modelDir, 'keep', 'model.onnx'));

    const damaged = await load('keep', { 'file:model.onnx': b64('this is not ONNX') });
    expect(damaged.status).toBe(400);
    expect(damaged.body.error).toMatch(/Cannot load the uploaded "keep"/);
    // metadata.json that does not describe the model fails the same way.
    const mismatched = await load('keep', { 'file:model.onnx': b64(onnx('regression')), 'file:metadata.json': b64({ inputs: [{ name: 'nope', datatype: 'FP32' }] }) });
    expect(mismatched.status).toBe(400);
    expect(mismatched.body.error).toMatch(/"nope"/);
    const renamed = await load('keep', { 'file:model.onnx': b64(onnx('regression')), 'file:metadata.json': b64({ name: 'other' }) });
    expect(renamed.status).toBe(400);
    expect(renamed.body.error).toMatch(/names it "other"/);

    expect(listTree(modelDir)).toEqual(before);
    expect(readFileSync(join(modelDir, 'keep', 'model.onnx')).equals(bytesBefore)).toBe(true);
    const r = await call(`${base}/v2/models/keep/infer`, { body: { inputs: regressionInputs() } });
    expect(r.status).toBe(200);
    expect(r.body.outputs[0].data).toEqual(await directPrediction());
    expect((await call(`${base}/v2/health/ready`)).status).toBe(200);
  });

  it('leaves no trace of a first upload that fails', async () => {
    const r = await load('never', { 'file:model.onnx': b64('junk') });
    expect(r.status).toBe(400);
    expect(existsSync(join(modelDir, 'never'))).toBe(false);
    expect(readdirSync(modelDir).filter((n) => n.startsWith('.'))).toEqual([]);
    const index = (await call(`${base}/v2/repository/index`, { method: 'POST' })).body as { name: string }[];
    expect(index.map((m) => m.name)).not.toContain('never');
  });

  it('refuses paths outside the model folder, and files that are not a bundle\'s, writing nothing', async () => {
    const before = listTree(dir);
    const model = b64(onnx('regression'));
    for (const key of ['file:../escape.onnx', 'file:1/../../escape.onnx', 'file:/tmp/escape.onnx', 'file:C:/escape.onnx', 'file:1\\..\\..\\escape.onnx', 'file:./model.onnx', 'file:.hidden/model.onnx', 'file:run.sh', 'file:lib.so', 'file:a/b/c/d/model.onnx', 'file:']) {
      const r = await load('trav', { 'file:model.onnx': model, [key]: model });
      expect(r.status, key).toBe(400);
      expect(r.body.error, key).toContain(`"${key}"`);
    }
    expect(listTree(dir)).toEqual(before);
  });

  it('refuses unsafe model names, bad base64, unknown parameters and uploads without a model', async () => {
    const model = b64(onnx('regression'));
    for (const name of ['.hidden', '-dash', 'a/b', 'x'.repeat(64), 'spa ce']) {
      const r = await load(name, { 'file:model.onnx': model });
      expect(r.status, name).toBe(400);
      expect(r.body.error, name).toMatch(/an uploaded model's name is/);
    }
    expect((await load('ok', { 'file:model.onnx': '@@not base64@@' })).body.error).toMatch(/not valid base64/);
    expect((await load('ok', { 'file:model.onnx': 42 })).body.error).toMatch(/base64 string/);
    expect((await load('ok', { 'file:model.onnx': model, path: '/tmp/x.zip' })).body.error).toMatch(/parameter "path" is not understood/);
    expect((await load('ok', { 'file:model.onnx': model, config: 'not json' })).body.error).toMatch(/"config" must be/);
    expect((await load('ok', { 'file:metadata.json': b64({}) })).body.error).toMatch(/no model\.onnx/);
    expect(existsSync(join(modelDir, 'ok'))).toBe(false);
  });

  it('will not replace a model served from outside the model folder', async () => {
    const r = await load('penguins', { 'file:model.onnx': b64(onnx('classifier')) });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatch(/served from ".*penguins\.zip"/);
    expect(existsSync(join(modelDir, 'penguins'))).toBe(false);
  });

  it('counts the upload against --max-body, 64 MiB by default for this route', async () => {
    const small = await startServer([], { port: 0, modelDir: join(dir, 'small'), allowUpload: true, maxBodyBytes: 1000 });
    try {
      const r = await load('big', { 'file:model.onnx': b64(onnx('regression')), 'file:README.md': b64('x'.repeat(2000)) }, small.url);
      expect(r.status).toBe(413);
      expect(r.body.error).toMatch(/larger than 1,000 bytes/);
    } finally {
      await small.close();
    }
    // Within 64 MiB: a body far over the 16 MiB inference default is accepted (and refused only as not ONNX).
    const big = await load('big', { 'file:model.onnx': Buffer.alloc(20 * 1024 * 1024).toString('base64') });
    expect(big.status).toBe(400);
    expect(big.body.error).toMatch(/Cannot load the uploaded "big"/);
  });
});

describe('when uploads are not allowed', () => {
  it('refuses a load that carries files, saying how to allow them', async () => {
    const off = await startServer([], { port: 0, modelDir: join(dir, 'off') });
    try {
      const r = await load('houses', { 'file:model.onnx': b64(onnx('regression')) }, off.url);
      expect(r).toMatchObject({ status: 400, body: { error: 'uploads are disabled: start lathe serve with --allow-upload' } });
      expect(readdirSync(join(dir, 'off'))).toEqual([]);
    } finally {
      await off.close();
    }
  });

  it('refuses --allow-upload without a model folder', async () => {
    await expect(startServer([join(dir, 'fixed')], { port: 0, allowUpload: true })).rejects.toThrow(/--model-dir/);
  });
});

describe('uploads, auth and CORS', () => {
  it('needs the token for an upload, and answers a cross-origin preflight for it', async () => {
    const locked = await startServer([], { port: 0, modelDir: join(dir, 'locked'), allowUpload: true, token: 'tok', corsOrigins: ['http://app.example'] });
    try {
      const url = `${locked.url}/v2/repository/models/houses/load`;
      const preflight = await fetch(url, {
        method: 'OPTIONS',
        headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,authorization' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://app.example');
      expect(preflight.headers.get('access-control-allow-methods')).toMatch(/\bPOST\b/);
      expect((preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/)).toEqual(expect.arrayContaining(['authorization', 'content-type']));

      const files = { 'file:model.onnx': b64(onnx('regression')) };
      const anonymous = await load('houses', files, locked.url, { Origin: 'http://app.example', 'Content-Type': 'application/json' });
      expect(anonymous.status).toBe(401);
      expect(existsSync(join(dir, 'locked', 'houses'))).toBe(false);
      const wrong = await load('houses', files, locked.url, { Authorization: 'Bearer nope' });
      expect(wrong.status).toBe(401);
      const ok = await load('houses', files, locked.url, { Origin: 'http://app.example', 'Content-Type': 'application/json', Authorization: 'Bearer tok' });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('access-control-allow-origin')).toBe('http://app.example');
    } finally {
      await locked.close();
    }
  });
});

describe('readUpload', () => {
  it('decodes the files in order and ignores a valid config', () => {
    const files = readUpload('m', { config: { name: 'm' }, 'file:1/model.onnx': b64('abc'), 'file:notes.md': 'aGk=\n' }, 100);
    expect(files.map((f) => [f.path, f.bytes.toString()])).toEqual([['1/model.onnx', 'abc'], ['notes.md', 'hi']]);
  });

  it('refuses the names "." and ".." (which a URL cannot carry as a path segment)', () => {
    for (const name of ['.', '..']) expect(() => readUpload(name, { 'file:model.onnx': b64('x') }, 100)).toThrow(/an uploaded model's name is/);
  });

  it('counts decoded bytes against the limit, and refuses a path given twice in two spellings', () => {
    expect(() => readUpload('m', { 'file:model.onnx': b64('x'.repeat(101)) }, 100)).toThrow(HttpError);
    expect(() => readUpload('m', { 'file:model.onnx': b64('a'), 'file:MODEL.onnx': b64('b') }, 100)).toThrow(/already given/);
  });
});
