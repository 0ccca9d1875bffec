import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors/user-error.ts';
import { classifyPath, listRepository, readBundle, readBundleName } from '../../../../src/server/serve/bundle.ts';
import { onnx, penguinsMetadata, tempDir, writeDir, writeZip } from './fixtures.ts';

let dir: string;
const model = onnx('regression');

beforeAll(() => {
  dir = tempDir();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('classifyPath', () => {
  it('tells bundles from folders of bundles', async () => {
    const zip = writeZip(join(dir, 'a.zip'), { 'model.onnx': model });
    const folder = writeDir(join(dir, 'b'), { 'model.onnx': model });
    const bare = join(dir, 'c.onnx');
    writeFileSync(bare, model);
    mkdirSync(join(dir, 'repo'));
    expect(await classifyPath(zip)).toBe('zip');
    expect(await classifyPath(folder)).toBe('bundle-dir');
    expect(await classifyPath(bare)).toBe('onnx');
    expect(await classifyPath(join(dir, 'repo'))).toBe('repository-dir');
  });

  it('throws a UserError for a missing path or another kind of file', async () => {
    await expect(classifyPath(join(dir, 'missing.zip'))).rejects.toThrow(/No such file or folder/);
    const csv = join(dir, 'data.csv');
    writeFileSync(csv, 'a,b\n');
    await expect(classifyPath(csv)).rejects.toBeInstanceOf(UserError);
  });
});

describe('readBundle', () => {
  it('reads model.onnx and metadata.json, named by the metadata', async () => {
    const path = writeZip(join(dir, 'export-1.zip'), { 'model.onnx': model, 'metadata.json': penguinsMetadata });
    const b = await readBundle({ path, kind: 'zip' });
    expect(b.name).toBe('penguins');
    expect(b.model).toEqual(new Uint8Array(model));
    expect(b.metadata).toEqual(penguinsMetadata);
    expect(await readBundleName({ path, kind: 'zip' })).toBe('penguins');
  });

  it('finds the files inside the one folder a zipped folder has, and names by the file without metadata', async () => {
    const path = writeZip(join(dir, 'house-prices.zip'), { 'model.onnx': model }, 'house-prices/');
    const b = await readBundle({ path, kind: 'zip' });
    expect(b.name).toBe('house-prices');
    expect(b.model).toEqual(new Uint8Array(model));
    expect(b.metadata).toBeUndefined();
  });

  it("reads Lathe's export layout: metadata.json on top, the model in a Triton folder", async () => {
    const files = { 'metadata.json': penguinsMetadata, 'triton/penguins/1/model.onnx': model, 'triton/penguins/config.pbtxt': 'name: "penguins"', 'README.md': '#' };
    const zip = await readBundle({ path: writeZip(join(dir, 'lathe-export.zip'), files), kind: 'zip' });
    expect(zip.name).toBe('penguins');
    expect(zip.model).toEqual(new Uint8Array(model));
    const unzipped = writeDir(join(dir, 'lathe-export'), {});
    writeDir(join(unzipped, 'triton/penguins/1'), { 'model.onnx': model });
    writeDir(unzipped, { 'metadata.json': penguinsMetadata });
    expect(await classifyPath(unzipped)).toBe('bundle-dir');
    const folder = await readBundle({ path: unzipped, kind: 'bundle-dir' });
    expect(folder.name).toBe('penguins');
    expect(new Uint8Array(folder.model)).toEqual(new Uint8Array(model));
  });

  it('refuses a bundle with two models at the same level', async () => {
    const two = writeZip(join(dir, 'two.zip'), { 'a/model.onnx': model, 'b/model.onnx': model });
    await expect(readBundle({ path: two, kind: 'zip' })).rejects.toThrow(/several model.onnx files at the same level: a\/model.onnx, b\/model.onnx/);
    // A top-level model wins over deeper copies.
    const top = writeZip(join(dir, 'top.zip'), { 'model.onnx': model, 'a/model.onnx': onnx('types'), 'b/model.onnx': onnx('types') });
    expect((await readBundle({ path: top, kind: 'zip' })).model).toEqual(new Uint8Array(model));
  });

  it('reads bundle folders and bare .onnx files', async () => {
    const folder = writeDir(join(dir, 'folder-bundle'), { 'model.onnx': model, 'metadata.json': { name: 'from-meta' } });
    expect((await readBundle({ path: folder, kind: 'bundle-dir' })).name).toBe('from-meta');
    const bare = join(dir, 'bare.onnx');
    writeFileSync(bare, model);
    const b = await readBundle({ path: bare, kind: 'onnx' });
    expect(b.name).toBe('bare');
    expect(b.metadata).toBeUndefined();
  });

  it('throws UserErrors a person can act on for a zip without model.onnx, a damaged zip, bad metadata or a bad name', async () => {
    const noModel = writeZip(join(dir, 'empty.zip'), { 'metadata.json': {}, 'much/too/deep/down/model.onnx': model });
    await expect(readBundle({ path: noModel, kind: 'zip' })).rejects.toThrow(/has no model.onnx/);
    await expect(readBundleName({ path: noModel, kind: 'zip' })).rejects.toThrow(/has no model.onnx/);
    const damaged = join(dir, 'damaged.zip');
    writeFileSync(damaged, 'PK not really');
    await expect(readBundle({ path: damaged, kind: 'zip' })).rejects.toThrow(/not a readable zip/);
    const badJson = writeZip(join(dir, 'bad-json.zip'), { 'model.onnx': model, 'metadata.json': '{name:' });
    await expect(readBundle({ path: badJson, kind: 'zip' })).rejects.toThrow(/metadata.json .* is not valid JSON/);
    const slash = writeZip(join(dir, 'slash.zip'), { 'model.onnx': model, 'metadata.json': { name: 'a/b' } });
    const err = await readBundle({ path: slash, kind: 'zip' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/"a\/b".*cannot be a URL path segment/);
    expect((err as UserError).hint).toMatch(/without "\/"/);
  });
});

describe('listRepository', () => {
  it('lists zips, .onnx files and bundle folders, in name order, ignoring everything else', async () => {
    const repo = join(dir, 'models');
    writeZip(join(repo, 'z.zip'), { 'model.onnx': model });
    writeDir(join(repo, 'a-folder'), { 'model.onnx': model });
    writeDir(join(repo, 'not-a-bundle'), { 'readme.txt': 'hi' });
    writeFileSync(join(repo, 'm.onnx'), model);
    writeFileSync(join(repo, 'notes.md'), '#');
    writeFileSync(join(repo, '.hidden.zip'), '');
    const found = await listRepository(repo);
    expect(found.map((l) => [l.path.slice(repo.length + 1), l.kind])).toEqual([
      ['a-folder', 'bundle-dir'],
      ['m.onnx', 'onnx'],
      ['z.zip', 'zip'],
    ]);
  });
});
