// Reads a Lathe model bundle (a .zip, a folder, or a bare .onnx file): its ONNX model, metadata, recipe and name.

import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { UserError } from '../../core/errors/user-error.ts';
import { parseRecipeFile, type BundleRecipe } from './recipe.ts';

/** What a path given to `lathe serve` is: one bundle, or a folder of them (a model repository). */
export type PathKind = 'zip' | 'onnx' | 'bundle-dir' | 'repository-dir';

export interface BundleLocation {
  /** Absolute path of the zip, folder or .onnx file. */
  path: string;
  kind: Exclude<PathKind, 'repository-dir'>;
}

export interface Bundle extends BundleLocation {
  name: string;
  model: Uint8Array;
  /** metadata.json's contents, when the bundle has one. */
  metadata?: Record<string, unknown>;
  /** recipe.json's contents, when the model was trained after a cleaning recipe. */
  recipe?: BundleRecipe;
}

const MODEL_FILE = 'model.onnx';
const METADATA_FILE = 'metadata.json';
const RECIPE_FILE = 'recipe.json';
const NO_MODEL_HINT = 'A Lathe bundle holds model.onnx (and metadata.json) at its top level; export the model again from the Deploy step.';

/** Says what a path is; throws a UserError when it is missing, unreadable or neither a bundle nor a folder. */
export async function classifyPath(path: string): Promise<PathKind> {
  const full = resolve(path);
  const info = await statOrThrow(full);
  if (info.isDirectory()) return (await isBundleDir(full)) ? 'bundle-dir' : 'repository-dir';
  const lower = full.toLowerCase();
  if (lower.endsWith('.onnx')) return 'onnx';
  if (lower.endsWith('.zip')) return 'zip';
  throw new UserError(`"${path}" is not a model bundle: expected a .zip, a .onnx file or a folder.`, NO_MODEL_HINT);
}

/** The bundles directly inside a repository folder: zips, .onnx files and bundle folders (see isBundleDir). */
export async function listRepository(dir: string): Promise<BundleLocation[]> {
  const full = resolve(dir);
  let entries;
  try {
    entries = await readdir(full, { withFileTypes: true });
  } catch (err) {
    throw fileError(dir, err);
  }
  const found: BundleLocation[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith('.')) continue;
    const path = join(full, e.name);
    const lower = e.name.toLowerCase();
    if (e.isFile() && lower.endsWith('.zip')) found.push({ path, kind: 'zip' });
    else if (e.isFile() && lower.endsWith('.onnx')) found.push({ path, kind: 'onnx' });
    else if (e.isDirectory() && (await isBundleDir(path))) found.push({ path, kind: 'bundle-dir' });
  }
  return found;
}

/** Reads a whole bundle: the model's bytes, its metadata and its name. */
export async function readBundle(loc: BundleLocation): Promise<Bundle> {
  if (loc.kind === 'onnx') return { ...loc, name: nameOf(loc, undefined), model: await readOrThrow(loc.path) };
  if (loc.kind === 'bundle-dir') {
    const modelPath = pick(loc.path, await findInDir(loc.path, MODEL_FILE), MODEL_FILE);
    if (modelPath === undefined) throw new UserError(`"${loc.path}" has no ${MODEL_FILE}.`, NO_MODEL_HINT);
    const metadata = await dirMetadata(loc.path);
    const recipePath = pick(loc.path, await findInDir(loc.path, RECIPE_FILE), RECIPE_FILE);
    const recipe = recipePath === undefined ? undefined : parseRecipeFile(await readOrThrow(join(loc.path, recipePath)), loc.path);
    return {
      ...loc,
      name: nameOf(loc, metadata),
      model: await readOrThrow(join(loc.path, modelPath)),
      ...(metadata ? { metadata } : {}),
      ...(recipe ? { recipe } : {}),
    };
  }
  const files = unzipBundle(loc.path, await readOrThrow(loc.path), true);
  if (files.model === undefined) throw new UserError(`"${loc.path}" has no ${MODEL_FILE}.`, NO_MODEL_HINT);
  const metadata = files.metadata ? parseMetadata(files.metadata, loc.path) : undefined;
  const recipe = files.recipe ? parseRecipeFile(files.recipe, loc.path) : undefined;
  return { ...loc, name: nameOf(loc, metadata), model: files.model, ...(metadata ? { metadata } : {}), ...(recipe ? { recipe } : {}) };
}

/** A bundle's name without reading its model: metadata.json's "name", else the file or folder name. */
export async function readBundleName(loc: BundleLocation): Promise<string> {
  if (loc.kind === 'onnx') return nameOf(loc, undefined);
  if (loc.kind === 'bundle-dir') return nameOf(loc, await dirMetadata(loc.path));
  const files = unzipBundle(loc.path, await readOrThrow(loc.path), false);
  if (!files.hasModel) throw new UserError(`"${loc.path}" has no ${MODEL_FILE}.`, NO_MODEL_HINT);
  return nameOf(loc, files.metadata ? parseMetadata(files.metadata, loc.path) : undefined);
}

/**
 * Finds model.onnx and metadata.json in a zip: at its top level, or the shallowest copy below it (a zipped
 * folder puts them one level down; Lathe's export keeps the model in a Triton layout, triton/<name>/1/).
 * Only those files are decompressed, and models only when asked for.
 */
function unzipBundle(path: string, bytes: Uint8Array, withModel: boolean): { model?: Uint8Array; metadata?: Uint8Array; recipe?: Uint8Array; hasModel: boolean } {
  const models: string[] = [];
  const metadatas: string[] = [];
  const recipes: string[] = [];
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (isAt(f.name, MODEL_FILE)) {
          models.push(f.name);
          return withModel;
        }
        if (isAt(f.name, METADATA_FILE)) {
          metadatas.push(f.name);
          return true;
        }
        if (isAt(f.name, RECIPE_FILE)) {
          recipes.push(f.name);
          return withModel;
        }
        return false;
      },
    });
  } catch (err) {
    throw new UserError(`"${path}" is not a readable zip file (${err instanceof Error ? err.message : String(err)}).`, NO_MODEL_HINT);
  }
  const modelName = pick(path, models, MODEL_FILE);
  const metadataName = pick(path, metadatas, METADATA_FILE);
  const recipeName = withModel ? pick(path, recipes, RECIPE_FILE) : undefined;
  return {
    model: modelName === undefined ? undefined : files[modelName],
    metadata: metadataName === undefined ? undefined : files[metadataName],
    ...(recipeName === undefined ? {} : { recipe: files[recipeName] }),
    hasModel: modelName !== undefined,
  };
}

/** Bundles keep their files at most this many folders down (triton/<name>/1/model.onnx is three). */
const MAX_DEPTH = 3;

function isAt(name: string, file: string): boolean {
  return (name === file || name.endsWith('/' + file)) && depth(name) <= MAX_DEPTH;
}

function depth(name: string): number {
  let n = 0;
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) === 47) n++;
  return n;
}

/** The shallowest of the paths; two at the same shallowest depth leave no way to choose. */
function pick(where: string, paths: string[], file: string): string | undefined {
  if (paths.length === 0) return undefined;
  const least = Math.min(...paths.map(depth));
  const shallowest = paths.filter((p) => depth(p) === least);
  if (shallowest.length > 1) {
    throw new UserError(
      `"${where}" holds several ${file} files at the same level: ${shallowest.sort().join(', ')}.`,
      'A bundle holds one model; serve each model from its own bundle.',
    );
  }
  return shallowest[0];
}

/** Paths (relative, with "/") of the copies of `file` in a folder, down to MAX_DEPTH levels. */
async function findInDir(dir: string, file: string): Promise<string[]> {
  const found: string[] = [];
  let level: string[] = [''];
  for (let d = 0; d <= MAX_DEPTH && level.length > 0; d++) {
    const next: string[] = [];
    for (const rel of level) {
      let entries;
      try {
        entries = await readdir(join(dir, rel), { withFileTypes: true });
      } catch (err) {
        if (rel === '') throw fileError(dir, err);
        continue;
      }
      for (const e of entries) {
        const path = rel === '' ? e.name : `${rel}/${e.name}`;
        if (e.isFile() && e.name === file) found.push(path);
        else if (e.isDirectory() && !e.name.startsWith('.')) next.push(path);
      }
    }
    // The shallowest level with a copy decides; deeper ones cannot win.
    if (found.length > 0) break;
    level = next;
  }
  return found;
}

async function dirMetadata(dir: string): Promise<Record<string, unknown> | undefined> {
  const path = pick(dir, await findInDir(dir, METADATA_FILE), METADATA_FILE);
  return path === undefined ? undefined : parseMetadata(await readOrThrow(join(dir, path)), dir);
}

/**
 * A folder is one bundle when it has a bundle's top-level file, or a model in Triton's version folder
 * (<name>/1/model.onnx, as uploads often send it); otherwise it is a folder of bundles.
 */
async function isBundleDir(dir: string): Promise<boolean> {
  for (const marker of [MODEL_FILE, METADATA_FILE, 'config.pbtxt', `1/${MODEL_FILE}`]) if (await isFile(join(dir, marker))) return true;
  return false;
}

function parseMetadata(bytes: Uint8Array, path: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(strFromU8(bytes));
  } catch (err) {
    throw new UserError(`${METADATA_FILE} in "${path}" is not valid JSON (${err instanceof Error ? err.message : String(err)}).`, NO_MODEL_HINT);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UserError(`${METADATA_FILE} in "${path}" must hold a JSON object (the model's metadata).`, NO_MODEL_HINT);
  }
  return value as Record<string, unknown>;
}

function nameOf(loc: BundleLocation, metadata: Record<string, unknown> | undefined): string {
  const fromMetadata = metadata?.name;
  const name =
    typeof fromMetadata === 'string' && fromMetadata.trim() !== ''
      ? fromMetadata.trim()
      : basename(loc.path).replace(/\.(zip|onnx)$/i, '');
  // The name goes into URLs as one path segment.
  if (name.includes('/') || /[\u0000-\u001f\u007f]/.test(name) || name.length > 200) {
    throw new UserError(
      `The model name "${name}" (from "${loc.path}") cannot be a URL path segment.`,
      `Use a name without "/" or control characters, at most 200 characters, in ${METADATA_FILE} or the file name.`,
    );
  }
  return name;
}

async function statOrThrow(path: string) {
  try {
    return await stat(path);
  } catch (err) {
    throw fileError(path, err);
  }
}

async function readOrThrow(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    throw fileError(path, err);
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function fileError(path: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UserError(`No such file or folder: "${path}".`);
  if (code === 'EACCES') return new UserError(`Cannot read "${path}": permission denied.`);
  if (code === 'EISDIR') return new UserError(`"${path}" is a folder, not a file.`);
  return err instanceof Error ? err : new Error(String(err));
}
