// A whole deployment against a real `lathe serve --allow-upload`: parity against NumPy's reference outputs.

import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors/user-error.ts';
import { deployModel } from '../../../src/deploy/deploy.ts';
import { startServer, type ServeHandle } from '../../../src/server/serve/server.ts';
import { expected, onnx, penguinsMetadata, tempDir } from '../server/serve/fixtures.ts';

const files = { onnx: onnx('classifier'), metadata: new TextEncoder().encode(JSON.stringify(penguinsMetadata)) };
// Rows without missing numbers: the exported graph's inputs never carry null (exampleRows imputes).
const keep = expected.classifier.rows.map((r, i) => (r.bill_length_mm !== null && r.flipper_length_mm !== null ? i : -1)).filter((i) => i >= 0);
const rows = keep.map((i) => expected.classifier.rows[i] as Record<string, number | string>);
const numpy = keep.flatMap((i) => expected.classifier.probabilities[i]);

describe('deployModel', () => {
  let dir: string;
  let serve: ServeHandle;
  beforeAll(async () => {
    dir = tempDir();
    serve = await startServer([], { port: 0, modelDir: dir, allowUpload: true });
  });
  afterAll(async () => {
    await serve.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads, waits, and passes parity against NumPy’s probabilities, with latency figures', async () => {
    const stages: string[] = [];
    const r = await deployModel({
      conn: { baseUrl: serve.url },
      model: 'penguins',
      files,
      rows,
      predictions: { task: 'classification', classes: expected.classifier.classes, output: numpy, rows: rows.length },
      batchRows: 2,
      latencyRequests: 5,
      onProgress: (p) => stages.push(p.stage),
    });
    expect(rows.length).toBeGreaterThan(1);
    expect(r.pass).toBe(true);
    expect(r.maxAbsDiff).toBeLessThan(1e-5);
    expect(r.labelMismatches).toBe(0);
    expect(r.version).toBe('1');
    expect(r.p95Ms).toBeGreaterThanOrEqual(r.p50Ms);
    expect(r.p50Ms).toBeGreaterThan(0);
    expect([...new Set(stages)]).toEqual(['connect', 'upload', 'ready', 'parity', 'latency']);
  });

  it('fails parity when Lathe’s predictions differ by more than 1e-4', async () => {
    const off = numpy.map((p, i) => (i === 0 ? p + 1e-3 : p));
    const r = await deployModel({ conn: { baseUrl: serve.url }, model: 'penguins', files, rows, predictions: { task: 'classification', classes: expected.classifier.classes, output: off, rows: rows.length }, latencyRequests: 1 });
    expect(r.pass).toBe(false);
    expect(r.maxAbsDiff).toBeGreaterThan(9e-4);
  });

  it('stops before uploading when the server is down', async () => {
    const down = await startServer([], { port: 0, modelDir: tempDir() });
    const url = down.url;
    await down.close();
    const err = await deployModel({ conn: { baseUrl: url }, model: 'x', files, rows, predictions: { task: 'classification', classes: expected.classifier.classes, output: numpy, rows: rows.length } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/before uploading.*could not be reached/);
  });
});

describe('deployModel with an upload target', () => {
  it('PUTs the bundle to the target, has the server load it, and checks parity', async () => {
    const { createServer } = await import('node:http');
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { zipSync } = await import('fflate');
    const dir = tempDir();
    const serve = await startServer([], { port: 0, modelDir: dir });
    // Stands in for storage the serving platform reads (e.g. a pre-signed bucket URL).
    const puts: { type?: string; bytes: number }[] = [];
    const storage = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        const body = Buffer.concat(parts);
        puts.push({ type: req.headers['content-type'], bytes: body.length });
        writeFileSync(join(dir, 'stored.zip'), body);
        res.writeHead(req.method === 'PUT' ? 200 : 405).end();
      });
    });
    await new Promise<void>((r) => storage.listen(0, '127.0.0.1', () => r()));
    const port = (storage.address() as { port: number }).port;
    try {
      const metadata = { ...penguinsMetadata, name: 'stored' };
      const bundle = zipSync({ 'model.onnx': files.onnx, 'metadata.json': new TextEncoder().encode(JSON.stringify(metadata)) });
      const r = await deployModel({
        conn: { baseUrl: serve.url },
        model: 'stored',
        files: { onnx: files.onnx, metadata: new TextEncoder().encode(JSON.stringify(metadata)) },
        uploadTarget: { url: `http://127.0.0.1:${port}/bucket/stored.zip?sig=abc`, bundle },
        rows,
        predictions: { task: 'classification', classes: expected.classifier.classes, output: numpy, rows: rows.length },
        latencyRequests: 1,
      });
      expect(puts).toEqual([{ type: 'application/zip', bytes: bundle.length }]);
      expect(r.pass).toBe(true);
    } finally {
      storage.close();
      await serve.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says when the target refuses the bundle, before touching the server', async () => {
    const dir = tempDir();
    const serve = await startServer([], { port: 0, modelDir: dir });
    const refuse = (async () => new Response('expired', { status: 403, statusText: 'Forbidden' })) as typeof fetch;
    const fetchImpl = (async (url: string, init?: RequestInit) => (init?.method === 'PUT' ? refuse(url, init) : fetch(url, init))) as typeof fetch;
    try {
      const err = await deployModel({
        conn: { baseUrl: serve.url },
        model: 'stored',
        files,
        uploadTarget: { url: 'https://bucket.example/stored.zip', bundle: new Uint8Array([1, 2, 3]) },
        rows,
        predictions: { task: 'classification', classes: expected.classifier.classes, output: numpy, rows: rows.length },
        fetchImpl,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).message).toMatch(/bucket\.example refused the bundle \(HTTP 403 Forbidden\)/);
      expect((err as UserError).hint).toMatch(/pre-signed URL may have expired/);
    } finally {
      await serve.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
