import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServeHandle } from '../../../../src/server/serve/server.ts';
import { call, classifierInputs, expected, onnx, penguinsMetadata, root, tempDir, writeDir, writeZip } from './fixtures.ts';

// Float32 arithmetic in onnxruntime against float64 in NumPy: agreement to 1e-6 relative is typical; 1e-5 absolute is safe.
const TOL = 1e-5;

let dir: string;
let repoDir: string;
let server: ServeHandle;
let base: string;

beforeAll(async () => {
  dir = tempDir();
  repoDir = join(dir, 'repo');
  writeZip(join(dir, 'penguins-export.zip'), {
    'model.onnx': onnx('classifier'),
    'metadata.json': penguinsMetadata,
    'tfjs/model.json': '{}',
  });
  // A folder of bundles: one bundle folder without metadata.json (named by its folder), one zip of a folder.
  writeDir(join(repoDir, 'houses'), { 'model.onnx': onnx('regression') });
  writeZip(join(repoDir, 'types.zip'), { 'model.onnx': onnx('types') }, 'types-export/');
  writeFileSync(join(repoDir, 'notes.txt'), 'not a bundle');
  server = await startServer([join(dir, 'penguins-export.zip'), repoDir], { port: 0 });
  base = server.url;
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const infer = (name: string, body: unknown, path = `/v2/models/${name}/infer`) => call(base + path, { body });

describe('health and metadata', () => {
  it('answers the liveness and readiness probes', async () => {
    expect(await call(`${base}/v2/health/live`)).toMatchObject({ status: 200, body: { live: true } });
    expect(await call(`${base}/v2/health/ready`)).toMatchObject({ status: 200, body: { ready: true } });
    const head = await fetch(`${base}/v2/health/live`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('describes the server, with the model-repository extension and package.json version', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const r = await call(`${base}/v2`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ name: 'lathe', version: pkg.version, extensions: ['model_repository'] });
    expect((await call(`${base}/v2/`)).body).toEqual(r.body);
  });

  it('serves model metadata from metadata.json, under its name, with the version path too', async () => {
    const r = await call(`${base}/v2/models/penguins`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ...penguinsMetadata, versions: ['1'] });
    expect((await call(`${base}/v2/models/penguins/versions/1`)).body).toEqual(r.body);
  });

  it('derives metadata from the ONNX model when the bundle has no metadata.json', async () => {
    const r = await call(`${base}/v2/models/houses`);
    expect(r.status).toBe(200);
    // The graph in scripts/fixtures/serve_models.py: x1, x2 FLOAT [N, 1] -> prediction FLOAT [N, 1].
    expect(r.body).toEqual({
      name: 'houses',
      versions: ['1'],
      platform: 'onnx_onnxv1',
      inputs: [
        { name: 'x1', datatype: 'FP32', shape: [-1, 1] },
        { name: 'x2', datatype: 'FP32', shape: [-1, 1] },
      ],
      outputs: [{ name: 'prediction', datatype: 'FP32', shape: [-1, 1] }],
    });
    const types = await call(`${base}/v2/models/types`);
    expect(types.body.inputs.map((t: { datatype: string }) => t.datatype)).toEqual(['FP32', 'FP64', 'INT32', 'INT64', 'BOOL', 'BYTES']);
  });

  it('reports model readiness, with and without a version', async () => {
    expect(await call(`${base}/v2/models/penguins/ready`)).toMatchObject({ status: 200, body: { name: 'penguins', ready: true } });
    expect(await call(`${base}/v2/models/penguins/versions/1/ready`)).toMatchObject({ status: 200, body: { ready: true } });
  });

  it('keeps connections alive', async () => {
    const connection = await new Promise<string | undefined>((resolve, reject) => {
      request(`${base}/v2/health/live`, (res) => {
        res.resume();
        resolve(res.headers.connection);
      })
        .on('error', reject)
        .end();
    });
    expect(connection).toBe('keep-alive');
  });
});

describe('inference', () => {
  it('matches NumPy on the classifier (flat data, missing numbers as null, an unseen category), echoing the id', async () => {
    const r = await infer('penguins', { id: 'req-7', inputs: classifierInputs() });
    expect(r.status).toBe(200);
    expect(r.body.model_name).toBe('penguins');
    expect(r.body.model_version).toBe('1');
    expect(r.body.id).toBe('req-7');
    const [label, probs] = r.body.outputs;
    const n = expected.classifier.rows.length;
    expect(label).toEqual({ name: 'label', datatype: 'BYTES', shape: [n], data: expected.classifier.label });
    expect(probs.name).toBe('probabilities');
    expect(probs.datatype).toBe('FP32');
    expect(probs.shape).toEqual([n, 3]);
    const want = expected.classifier.probabilities.flat();
    expect(probs.data).toHaveLength(want.length);
    probs.data.forEach((p: number, i: number) => expect(Math.abs(p - want[i])).toBeLessThanOrEqual(TOL));
  });

  it('gives the same answer for nested data, and on the versioned path', async () => {
    const flat = await infer('penguins', { inputs: classifierInputs() });
    const nested = await infer('penguins', { inputs: classifierInputs(true) }, '/v2/models/penguins/versions/1/infer');
    expect(nested.status).toBe(200);
    expect(nested.body.outputs).toEqual(flat.body.outputs);
    expect(nested.body).not.toHaveProperty('id');
  });

  it('returns only the outputs asked for', async () => {
    const r = await infer('penguins', { inputs: classifierInputs(), outputs: [{ name: 'label' }] });
    expect(r.status).toBe(200);
    expect(r.body.outputs.map((o: { name: string }) => o.name)).toEqual(['label']);
    expect(r.body.outputs[0].data).toEqual(expected.classifier.label);
  });

  it('matches NumPy on the regression model', async () => {
    const { x1, x2, prediction } = expected.regression;
    const n = x1.length;
    const r = await infer('houses', {
      inputs: [
        { name: 'x1', shape: [n, 1], datatype: 'FP32', data: x1 },
        { name: 'x2', shape: [n, 1], datatype: 'FP32', data: x2 },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.outputs[0]).toMatchObject({ name: 'prediction', datatype: 'FP32', shape: [n, 1] });
    r.body.outputs[0].data.forEach((p: number, i: number) => expect(Math.abs(p - prediction[i][0])).toBeLessThanOrEqual(TOL));
  });

  it('converts each datatype to the model input type, and returns each output type as JSON', async () => {
    const r = await infer('types', {
      inputs: [
        { name: 'f32', shape: [2, 2], datatype: 'INT32', data: [[1, -2], [3, 4]] },
        { name: 'f64', shape: [2], datatype: 'FP32', data: [0.1, null] },
        { name: 'i32', shape: [2], datatype: 'INT64', data: [-7, 2147483647] },
        { name: 'i64', shape: [2], datatype: 'FP64', data: [9007199254740991, -3] },
        { name: 'flag', shape: [2], datatype: 'BOOL', data: [true, false] },
        { name: 'text', shape: [2], datatype: 'BYTES', data: ['héllo', ''] },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.outputs).toEqual([
      { name: 'f32_out', datatype: 'FP32', shape: [2, 2], data: [1, -2, 3, 4] },
      // null stands for a missing value (NaN), which JSON writes back as null.
      { name: 'f64_out', datatype: 'FP64', shape: [2], data: [0.1, null] },
      { name: 'i32_out', datatype: 'INT32', shape: [2], data: [-7, 2147483647] },
      { name: 'i64_out', datatype: 'INT64', shape: [2], data: [9007199254740991, -3] },
      { name: 'flag_out', datatype: 'BOOL', shape: [2], data: [true, false] },
      { name: 'text_out', datatype: 'BYTES', shape: [2], data: ['héllo', ''] },
    ]);
  });
});

describe('request errors', () => {
  const regression = (x1: object, x2: object = { name: 'x2', shape: [1, 1], datatype: 'FP32', data: [1] }) => ({ inputs: [x1, x2] });
  const x1 = { name: 'x1', shape: [1, 1], datatype: 'FP32', data: [1] };

  async function expectError(r: Promise<{ status: number; body: { error?: unknown } }>, status: number, message: RegExp): Promise<void> {
    const reply = await r;
    expect(reply.status).toBe(status);
    expect(typeof reply.body.error).toBe('string');
    expect(reply.body.error).toMatch(message);
  }

  it('404s an unknown model or version on every model endpoint', async () => {
    await expectError(call(`${base}/v2/models/nope`), 404, /No model named "nope".*"penguins"/);
    await expectError(call(`${base}/v2/models/nope/ready`), 404, /No model named "nope"/);
    await expectError(infer('nope', { inputs: classifierInputs() }), 404, /No model named "nope"/);
    await expectError(call(`${base}/v2/models/penguins/versions/2`), 404, /no version "2"/);
    await expectError(call(`${base}/v2/models/penguins/versions/2/ready`), 404, /no version "2"/);
    await expectError(infer('penguins', { inputs: classifierInputs() }, '/v2/models/penguins/versions/2/infer'), 404, /no version "2"/);
  });

  it('404s paths outside the API', async () => {
    await expectError(call(`${base}/v1/models/penguins`), 404, /No such endpoint/);
    await expectError(call(`${base}/v2/models/penguins/explain`), 404, /No such endpoint/);
  });

  it('400s wrong, missing and repeated input names', async () => {
    await expectError(infer('houses', regression({ ...x1, name: 'x3' })), 400, /no input "x3".*"x1", "x2"/);
    await expectError(infer('houses', { inputs: [x1] }), 400, /Missing input "x2"/);
    await expectError(infer('houses', { inputs: [x1, x1] }), 400, /"x1" is given twice/);
    await expectError(infer('houses', { inputs: [] }), 400, /needs an "inputs" array/);
  });

  it('400s a shape that does not match the data or the model', async () => {
    await expectError(infer('houses', regression({ ...x1, shape: [2, 1] })), 400, /shape \[2, 1\] holds 2 values, but "data" has 1/);
    await expectError(infer('houses', regression({ ...x1, data: [1, 2] })), 400, /holds 1 value, but "data" has 2/);
    await expectError(infer('houses', regression({ ...x1, shape: [1] })), 400, /has shape \[1\], but the model takes 2 dimensions: \[-1, 1\]/);
    await expectError(infer('houses', regression({ ...x1, shape: [1, 2], data: [1, 2] })), 400, /takes \[-1, 1\]/);
    await expectError(infer('houses', regression({ ...x1, shape: [1, -1] })), 400, /needs a "shape"/);
    // A shape claiming far more values than the body could hold is refused before memory is set aside.
    await expectError(infer('houses', regression({ ...x1, shape: [1e12, 1] })), 400, /holds 1000000000000 values, but "data" has 1/);
  });

  it('400s inputs that disagree on the batch size', async () => {
    await expectError(
      infer('houses', regression(x1, { name: 'x2', shape: [2, 1], datatype: 'FP32', data: [1, 2] })),
      400,
      /disagree on dimension "N": "x1" has 1, "x2" has 2/,
    );
  });

  it('400s a datatype the model input cannot take, and elements that do not fit it', async () => {
    const island = { name: 'island', shape: [1, 1], datatype: 'FP32', data: [1] };
    const numbers = [
      { name: 'bill_length_mm', shape: [1, 1], datatype: 'FP32', data: [40] },
      { name: 'flipper_length_mm', shape: [1, 1], datatype: 'FP32', data: [200] },
    ];
    await expectError(infer('penguins', { inputs: [...numbers, island] }), 400, /"island" is BYTES in the model, not FP32/);
    await expectError(infer('houses', regression({ ...x1, datatype: 'BYTES', data: ['1'] })), 400, /"x1" is FP32 in the model, not BYTES/);
    await expectError(infer('houses', regression({ ...x1, datatype: 'FP8' })), 400, /unknown datatype "FP8"/);
    await expectError(infer('houses', regression({ ...x1, datatype: 'FP16' })), 400, /FP16 has no JSON form/);
    await expectError(infer('houses', regression({ ...x1, data: ['1'] })), 400, /element 0 \("1"\) is not a number/);
    await expectError(infer('houses', regression({ ...x1, datatype: 'INT32', data: [1.5] })), 400, /element 0 \(1.5\) is not a whole number/);
    const typesInputs = (over: object) => ({
      inputs: [
        { name: 'f32', shape: [1, 2], datatype: 'FP32', data: [1, 2] },
        { name: 'f64', shape: [1], datatype: 'FP64', data: [1] },
        { name: 'i32', shape: [1], datatype: 'INT32', data: [1] },
        { name: 'i64', shape: [1], datatype: 'INT64', data: [1] },
        { name: 'flag', shape: [1], datatype: 'BOOL', data: [true] },
        { name: 'text', shape: [1], datatype: 'BYTES', data: ['a'] },
      ].map((t) => (t.name === (over as { name: string }).name ? { ...t, ...over } : t)),
    });
    expect((await infer('types', typesInputs({}))).status).toBe(200);
    await expectError(infer('types', typesInputs({ name: 'i32', datatype: 'FP64', data: [2.5] })), 400, /not a whole number, as the model's int32 needs/);
    await expectError(infer('types', typesInputs({ name: 'i32', datatype: 'INT64', data: [2 ** 31] })), 400, /does not fit the model's int32/);
    await expectError(infer('types', typesInputs({ name: 'i64', data: [null] })), 400, /element 0 \(null\) is not a number/);
    await expectError(infer('types', typesInputs({ name: 'flag', data: [1] })), 400, /not true or false/);
    await expectError(infer('types', typesInputs({ name: 'flag', datatype: 'INT32' })), 400, /"flag" is BOOL in the model, not INT32/);
    await expectError(infer('types', typesInputs({ name: 'text', data: [3] })), 400, /element 0 \(3\) is not a string/);
  });

  it('400s unknown requested outputs, a non-string id and a body that is not an inference request', async () => {
    await expectError(infer('houses', { ...regression(x1), outputs: [{ name: 'score' }] }), 400, /no output "score".*"prediction"/);
    await expectError(infer('houses', { ...regression(x1), id: 7 }), 400, /"id" must be a string/);
    await expectError(infer('houses', [1, 2]), 400, /must be a JSON object/);
    await expectError(call(`${base}/v2/models/houses/infer`, { method: 'POST', body: '{"inputs": [' }), 400, /not valid JSON/);
    await expectError(call(`${base}/v2/models/houses/infer`, { method: 'POST', body: '' }), 400, /body is empty/);
  });

  it('405s a wrong method, saying which is allowed', async () => {
    const get = await call(`${base}/v2/models/houses/infer`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(get.body.error).toMatch(/GET is not allowed here; use POST/);
    const post = await call(`${base}/v2/health/live`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await call(`${base}/v2/models/houses`, { method: 'DELETE' })).status).toBe(405);
    expect((await call(`${base}/v2/repository/index`)).status).toBe(405);
  });
});

describe('model repository extension', () => {
  it('lists every model with its state, and unloads and loads one by name', async () => {
    const index = await call(`${base}/v2/repository/index`, { method: 'POST' });
    expect(index.status).toBe(200);
    expect(index.body).toEqual(
      ['houses', 'penguins', 'types'].map((name) => ({ name, version: '1', state: 'READY', reason: '' })),
    );

    expect(await call(`${base}/v2/repository/models/types/unload`, { method: 'POST' })).toMatchObject({ status: 200, body: { name: 'types', unload: true } });
    const after = await call(`${base}/v2/repository/index`, { body: {} });
    expect(after.body.find((m: { name: string }) => m.name === 'types')).toEqual({ name: 'types', version: '1', state: 'UNAVAILABLE', reason: 'unloaded' });
    expect((await call(`${base}/v2/repository/index`, { body: { ready: true } })).body.map((m: { name: string }) => m.name)).toEqual(['houses', 'penguins']);
    const notReady = await call(`${base}/v2/models/types/ready`);
    expect(notReady.status).toBe(503);
    expect(notReady.body.error).toMatch(/not loaded \(unloaded\)/);
    expect((await infer('types', { inputs: [] })).status).toBe(503);
    // Unloading on purpose does not make the server unready: it serves all it means to.
    expect((await call(`${base}/v2/health/ready`)).status).toBe(200);

    expect(await call(`${base}/v2/repository/models/types/load`, { method: 'POST', body: {} })).toMatchObject({ status: 200, body: { name: 'types', load: true } });
    expect(await call(`${base}/v2/models/types/ready`)).toMatchObject({ status: 200, body: { ready: true } });
  });

  it('reloads a loaded model and keeps serving it', async () => {
    expect((await call(`${base}/v2/repository/models/penguins/load`, { method: 'POST' })).status).toBe(200);
    const r = await infer('penguins', { inputs: classifierInputs(), outputs: [{ name: 'label' }] });
    expect(r.body.outputs[0].data).toEqual(expected.classifier.label);
  });

  it('finds bundles added to a repository folder, and reports unreadable ones', async () => {
    copyFileSync(join(repoDir, 'types.zip'), join(repoDir, 'extra.zip'));
    writeFileSync(join(repoDir, 'broken.zip'), 'not a zip');
    try {
      const index = (await call(`${base}/v2/repository/index`, { method: 'POST' })).body as { name: string; state: string; reason: string }[];
      expect(index.find((m) => m.name === 'extra')).toMatchObject({ state: 'UNAVAILABLE', reason: 'not loaded' });
      expect(index.find((m) => m.name === 'broken')).toMatchObject({ state: 'UNAVAILABLE', reason: expect.stringMatching(/unreadable bundle.*not a readable zip/) });

      expect((await call(`${base}/v2/repository/models/extra/load`, { method: 'POST' })).status).toBe(200);
      expect((await call(`${base}/v2/models/extra`)).body.inputs).toHaveLength(6);
      const failed = await call(`${base}/v2/repository/models/broken/load`, { method: 'POST' });
      expect(failed.status).toBe(400);
      expect(failed.body.error).toMatch(/Cannot load "broken".*not a readable zip/);
      // A failed load of a model that was never served leaves the server ready.
      expect((await call(`${base}/v2/health/ready`)).status).toBe(200);
    } finally {
      await call(`${base}/v2/repository/models/extra/unload`, { method: 'POST' });
      rmSync(join(repoDir, 'extra.zip'));
      rmSync(join(repoDir, 'broken.zip'));
    }
  });

  it('refuses to load a name that is not in the repository, or anything given by parameters', async () => {
    const unknown = await call(`${base}/v2/repository/models/%2Fetc%2Fpasswd/load`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/No model named "\/etc\/passwd"/);
    const withPath = await call(`${base}/v2/repository/models/houses/load`, { body: { parameters: { path: '/tmp/evil.zip' } } });
    expect(withPath.status).toBe(400);
    expect(withPath.body.error).toMatch(/takes no parameters/);
    expect((await call(`${base}/v2/repository/models/houses/load`, { body: { model_path: '/tmp' } })).status).toBe(400);
    expect((await call(`${base}/v2/repository/models/nope/unload`, { method: 'POST' })).status).toBe(404);
  });
});

describe('limits, auth and CORS', () => {
  it('413s a body over --max-body', async () => {
    const small = await startServer([join(dir, 'penguins-export.zip')], { port: 0, maxBodyBytes: 1000 });
    try {
      const body = { inputs: classifierInputs(), padding: 'x'.repeat(2000) };
      const r = await call(`${small.url}/v2/models/penguins/infer`, { body });
      expect(r.status).toBe(413);
      expect(r.body.error).toMatch(/larger than 1,000 bytes/);
      expect((await call(`${small.url}/v2/models/penguins/infer`, { body: { inputs: classifierInputs() } })).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('needs the bearer token when started with one, except for the health probes', async () => {
    const locked = await startServer([join(dir, 'penguins-export.zip')], { port: 0, token: 's3cret-token' });
    try {
      const u = locked.url;
      const none = await call(`${u}/v2/models/penguins`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(none.body.error).toMatch(/Authorization: Bearer/);
      expect((await call(`${u}/v2/models/penguins`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
      expect((await call(`${u}/v2/models/penguins`, { headers: { Authorization: 'Basic s3cret-token' } })).status).toBe(401);
      expect((await call(`${u}/v2/models/penguins`, { headers: { Authorization: 'Bearer s3cret-token' } })).status).toBe(200);
      expect((await call(`${u}/v2/models/penguins`, { headers: { Authorization: 'bearer s3cret-token' } })).status).toBe(200);
      // Unknown paths are 401 too, so a caller without the token learns nothing of what exists.
      expect((await call(`${u}/v2/models/nope`)).status).toBe(401);
      expect((await call(`${u}/v2`)).status).toBe(401);
      expect((await call(`${u}/v2/repository/index`, { method: 'POST' })).status).toBe(401);
      const inferred = await call(`${u}/v2/models/penguins/infer`, { body: { inputs: classifierInputs() }, headers: { Authorization: 'Bearer s3cret-token' } });
      expect(inferred.status).toBe(200);
      expect((await call(`${u}/v2/models/penguins/infer`, { body: { inputs: classifierInputs() } })).status).toBe(401);
      expect((await call(`${u}/v2/health/live`)).status).toBe(200);
      expect((await call(`${u}/v2/health/ready`)).status).toBe(200);
    } finally {
      await locked.close();
    }
  });

  it('needs no token when started without one', async () => {
    expect((await call(`${base}/v2/models/penguins`)).status).toBe(200);
  });

  it('answers CORS only for the configured origins', async () => {
    const cors = await startServer([join(dir, 'penguins-export.zip')], { port: 0, corsOrigins: ['http://app.example'], token: 't' });
    try {
      const u = cors.url;
      const auth = { Authorization: 'Bearer t' };
      const allowed = await call(`${u}/v2/models/penguins`, { headers: { ...auth, Origin: 'http://app.example' } });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://app.example');
      expect(allowed.headers.get('vary')).toBe('Origin');
      // An error must be readable by the allowed page too.
      const unauthorized = await call(`${u}/v2/models/penguins`, { headers: { Origin: 'http://app.example' } });
      expect(unauthorized.status).toBe(401);
      expect(unauthorized.headers.get('access-control-allow-origin')).toBe('http://app.example');

      const refused = await call(`${u}/v2/models/penguins`, { headers: { ...auth, Origin: 'http://evil.example' } });
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();

      const preflight = await fetch(`${u}/v2/models/penguins/infer`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://app.example');
      expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
      const allowHeaders = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
      expect(allowHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type']));

      const badPreflight = await fetch(`${u}/v2/models/penguins/infer`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
      });
      expect(badPreflight.status).toBe(403);
      expect(badPreflight.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await cors.close();
    }
  });

  it('sends no CORS headers at all when no origin is configured', async () => {
    const r = await call(`${base}/v2/models/penguins`, { headers: { Origin: 'http://app.example' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${base}/v2/models/penguins/infer`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows every origin with *', async () => {
    const any = await startServer([join(dir, 'penguins-export.zip')], { port: 0, corsOrigins: ['*'] });
    try {
      const r = await call(`${any.url}/v2/models/penguins`, { headers: { Origin: 'https://anywhere.example' } });
      expect(r.headers.get('access-control-allow-origin')).toBe('https://anywhere.example');
    } finally {
      await any.close();
    }
  });
});

describe('close', () => {
  it('stops listening and releases the models', async () => {
    const s = await startServer([join(dir, 'penguins-export.zip')], { port: 0 });
    expect((await call(`${s.url}/v2/health/ready`)).status).toBe(200);
    await s.close();
    expect(s.repository.ready()).toBe(false);
    expect(s.repository.loaded()).toEqual([]);
    await expect(fetch(`${s.url}/v2/health/live`)).rejects.toThrow();
    await s.close(); // A second close is harmless.
  });
});
