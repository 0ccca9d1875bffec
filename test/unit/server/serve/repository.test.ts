import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import { HttpError } from '../../../../src/server/serve/http-error.ts';
import { ModelRepository } from '../../../../src/server/serve/repository.ts';
import { onnx, penguinsMetadata, tempDir, writeDir, writeZip } from './fixtures.ts';

let dir: string;

beforeAll(() => {
  dir = tempDir();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const feeds = (): Record<string, Tensor> => ({
  x1: new Tensor('float32', Float32Array.from([1]), [1, 1]),
  x2: new Tensor('float32', Float32Array.from([2]), [1, 1]),
});

describe('ModelRepository.open', () => {
  it('refuses two bundles with one name, naming both', async () => {
    const a = writeZip(join(dir, 'dup-a.zip'), { 'model.onnx': onnx('regression'), 'metadata.json': { name: 'same' } });
    const b = writeDir(join(dir, 'dup-b'), { 'model.onnx': onnx('regression'), 'metadata.json': { name: 'same' } });
    const err = await ModelRepository.open([a, b]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/both named "same".*dup-a\.zip.*dup-b/);
  });

  it('serves a bundle reached twice (alone and through its folder) once', async () => {
    const folder = join(dir, 'once');
    const zip = writeZip(join(folder, 'only.zip'), { 'model.onnx': onnx('regression') });
    const repo = await ModelRepository.open([zip, folder]);
    expect(repo.loaded().map((m) => m.name)).toEqual(['only']);
    await repo.close();
  });

  it('refuses metadata.json that does not match model.onnx', async () => {
    const wrongType = writeZip(join(dir, 'wrong-type.zip'), {
      'model.onnx': onnx('classifier'),
      'metadata.json': { ...penguinsMetadata, inputs: penguinsMetadata.inputs.map((t) => ({ ...t, datatype: 'FP32' })) },
    });
    await expect(ModelRepository.open([wrongType])).rejects.toThrow(/says input "island" is "FP32", but model.onnx has BYTES/);
    const extra = writeZip(join(dir, 'extra-input.zip'), {
      'model.onnx': onnx('classifier'),
      'metadata.json': { ...penguinsMetadata, inputs: [...penguinsMetadata.inputs, { name: 'sex', datatype: 'BYTES', shape: [-1, 1] }] },
    });
    await expect(ModelRepository.open([extra])).rejects.toThrow(/lists input "sex", which model.onnx does not have/);
    const missing = writeZip(join(dir, 'missing-input.zip'), {
      'model.onnx': onnx('classifier'),
      'metadata.json': { ...penguinsMetadata, inputs: penguinsMetadata.inputs.slice(1) },
    });
    await expect(ModelRepository.open([missing])).rejects.toThrow(/does not list model.onnx's input "bill_length_mm"/);
  });

  it('refuses an ONNX file onnxruntime cannot load, and a folder with no bundles', async () => {
    const junk = writeZip(join(dir, 'junk.zip'), { 'model.onnx': 'not protobuf at all' });
    const err = await ModelRepository.open([junk]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/Cannot load the model in ".*junk\.zip"/);
    const empty = writeDir(join(dir, 'empty-folder'), { 'readme.txt': 'nothing here' });
    await expect(ModelRepository.open([empty])).rejects.toThrow(/holds no model bundle/);
    await expect(ModelRepository.open([])).rejects.toThrow(/at least one/);
  });
});

describe('unload and reload while requests run', () => {
  it('releases a session only after the requests running on it finish', async () => {
    const path = writeZip(join(dir, 'busy.zip'), { 'model.onnx': onnx('regression') });
    const repo = await ModelRepository.open([path]);
    const model = repo.find('busy', undefined);
    repo.acquire(model);
    await repo.unload('busy');
    expect(() => repo.find('busy', '1')).toThrow(HttpError);
    // Still usable by the request that holds it...
    const out = await model.session.run(feeds());
    expect(Array.from(out.prediction.data as Float32Array)).toHaveLength(1);
    repo.release(model);
    // ...and released once it lets go.
    await new Promise((r) => setTimeout(r, 10));
    await expect(model.session.run(feeds())).rejects.toThrow();
    await repo.close();
  });

  it('swaps in a new session on reload, and a failed reload keeps the old one serving', async () => {
    const path = writeZip(join(dir, 'swap.zip'), { 'model.onnx': onnx('regression') });
    const repo = await ModelRepository.open([path]);
    const before = repo.find('swap', undefined);
    await repo.load('swap');
    const after = repo.find('swap', undefined);
    expect(after).not.toBe(before);
    expect(before.retired).toBe(true);

    writeFileSync(path, 'damaged');
    await expect(repo.load('swap')).rejects.toThrow(/Cannot load "swap"/);
    expect(repo.find('swap', undefined)).toBe(after);
    expect(repo.ready()).toBe(true);
    await repo.close();
  });
});
