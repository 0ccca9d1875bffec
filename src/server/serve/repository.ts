// The models a server knows: where their bundles are, which are loaded, and their onnxruntime sessions.

import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InferenceSession } from 'onnxruntime-node';
import { UserError } from '../../core/errors/user-error.ts';
import { classifyPath, listRepository, readBundle, readBundleName, type Bundle, type BundleLocation, type PathKind } from './bundle.ts';
import { HttpError } from './http-error.ts';
import { metadataTensor, signatureOf, type Signature, type TensorSpec } from './tensors.ts';
import type { UploadedFile } from './upload.ts';
import { servingRecipe, type ServingRecipe } from './recipe.ts';

/** States as Triton's model-repository extension names them. */
export type ModelState = 'READY' | 'LOADING' | 'UNAVAILABLE';

/** One row of POST /v2/repository/index. */
export interface IndexEntry {
  name: string;
  version: string;
  state: ModelState;
  reason: string;
}

export interface LoadedModel {
  name: string;
  version: string;
  path: string;
  session: InferenceSession;
  signature: Signature;
  /** The model-metadata response body, built once at load. */
  metadata: Record<string, unknown>;
  /** Set when model.onnx leaves recipe steps to the caller: requests may then send raw columns, prepared here. */
  recipe?: ServingRecipe;
  /** Requests running on this session; a replaced or unloaded session is released when they are done. */
  inFlight: number;
  retired: boolean;
}

interface Entry {
  name: string;
  location?: BundleLocation;
  /** Set when several bundles claim this name: the paths, so the error can list them. */
  conflict?: string[];
  state: ModelState;
  reason: string;
  model?: LoadedModel;
  /** The server means to serve it: loaded at start or on request, and not unloaded since. */
  wanted: boolean;
  /** Loads and unloads of one model run one after another. */
  queue: Promise<unknown>;
}

interface Root {
  path: string;
  kind: PathKind;
}

export interface RepositoryOptions {
  /** A folder of bundles the server owns: created if absent, scanned like the other folders, and where uploads go. */
  modelDir?: string;
}

/** Every model has one version; the protocol's version paths accept it and refuse others. */
export const MODEL_VERSION = '1';

/**
 * Session options for served models. Lathe's models are small, and one request's rows are a small
 * batch, so a single intra-op thread beats a thread pool whose hand-offs cost more than the work.
 */
export const SESSION_OPTIONS: InferenceSession.SessionOptions = {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: 'all',
};

export class ModelRepository {
  private readonly roots: Root[];
  /** Absolute path of --model-dir, when given. */
  readonly modelDir?: string;
  private readonly entries = new Map<string, Entry>();
  /** Names read from zips, keyed by path and checked against size and modification time. */
  private readonly nameCache = new Map<string, { size: number; mtimeMs: number; name: string }>();
  private closed = false;

  private constructor(roots: Root[], modelDir: string | undefined) {
    this.roots = roots;
    if (modelDir !== undefined) this.modelDir = modelDir;
  }

  /**
   * Finds the bundles under the given paths (bundles, or folders of bundles) and loads them all.
   * Throws a UserError saying which path is at fault when any cannot be read or loaded.
   */
  static async open(paths: readonly string[], options: RepositoryOptions = {}): Promise<ModelRepository> {
    if (paths.length === 0 && options.modelDir === undefined) {
      throw new UserError('Give at least one model bundle (.zip), bundle folder or folder of bundles, or --model-dir.');
    }
    const roots: Root[] = [];
    for (const path of paths) roots.push({ path, kind: await classifyPath(path) });
    let modelDir: string | undefined;
    if (options.modelDir !== undefined) {
      modelDir = resolve(options.modelDir);
      try {
        await mkdir(modelDir, { recursive: true });
      } catch (err) {
        throw new UserError(`Cannot create the --model-dir folder "${options.modelDir}": ${messageOf(err)}`, 'Give a folder this user may write to.');
      }
      if (!(await stat(modelDir)).isDirectory()) throw new UserError(`--model-dir "${options.modelDir}" is a file, not a folder.`);
      // Always a folder of bundles, even when it happens to hold a model.onnx of its own; it may start empty.
      roots.push({ path: modelDir, kind: 'repository-dir' });
    }
    const repo = new ModelRepository(roots, modelDir);
    const bundles: Bundle[] = [];
    for (const root of roots) {
      const locations = await locationsOf(root);
      if (locations.length === 0 && root.path !== modelDir) {
        throw new UserError(`The folder "${root.path}" holds no model bundle: no model.onnx, .zip or .onnx file.`, 'Give a bundle exported from the Deploy step, or a folder of them.');
      }
      for (const loc of locations) {
        // The same bundle reached twice (by itself and through its folder) is served once.
        if (!bundles.some((b) => b.path === loc.path)) bundles.push(await readBundle(loc));
      }
    }
    const byName = new Map<string, string>();
    for (const b of bundles) {
      const other = byName.get(b.name);
      if (other !== undefined) {
        throw new UserError(`Two bundles are both named "${b.name}": "${other}" and "${b.path}".`, 'Rename one file, or change the "name" in its metadata.json.');
      }
      byName.set(b.name, b.path);
    }
    try {
      for (const b of bundles) {
        let model: LoadedModel;
        try {
          model = await instantiate(b);
        } catch (err) {
          throw err instanceof UserError ? err : new UserError(`Cannot load the model in "${b.path}": ${messageOf(err)}`, 'Export the bundle again; its model.onnx may be damaged or from an unsupported exporter.');
        }
        repo.entries.set(b.name, { name: b.name, location: { path: b.path, kind: b.kind }, state: 'READY', reason: '', model, wanted: true, queue: Promise.resolve() });
      }
    } catch (err) {
      await repo.close();
      throw err;
    }
    return repo;
  }

  /** The loaded models, in name order. */
  loaded(): LoadedModel[] {
    return [...this.entries.values()].flatMap((e) => (e.model ? [e.model] : [])).sort((a, b) => compare(a.name, b.name));
  }

  /** Ready when every model meant to be served is loaded. */
  ready(): boolean {
    if (this.closed) return false;
    for (const e of this.entries.values()) if (e.wanted && e.state !== 'READY') return false;
    return true;
  }

  /**
   * The model for a request, checking name and version: 404 for an unknown name or version,
   * 503 for a known model that is not loaded.
   */
  find(name: string, version: string | undefined): LoadedModel {
    const entry = this.entries.get(name);
    if (entry === undefined) throw this.notFound(name);
    if (version !== undefined && version !== MODEL_VERSION) {
      throw new HttpError(404, `Model "${name}" has no version "${version}"; its only version is "${MODEL_VERSION}".`);
    }
    if (entry.model === undefined) {
      throw new HttpError(503, `Model "${name}" is not loaded (${entry.reason || entry.state.toLowerCase()}); POST /v2/repository/models/${encodeURIComponent(name)}/load loads it.`);
    }
    return entry.model;
  }

  /** Marks a request as running on the model, so an unload or reload waits for it before releasing the session. */
  acquire(model: LoadedModel): void {
    model.inFlight++;
  }

  release(model: LoadedModel): void {
    model.inFlight--;
    if (model.retired && model.inFlight === 0) dispose(model);
  }

  /** Every model in the repository, loaded or not, after looking for bundles added or changed since. */
  async index(): Promise<IndexEntry[]> {
    await this.rescan();
    return [...this.entries.values()]
      .sort((a, b) => compare(a.name, b.name))
      .map((e) => ({ name: e.name, version: MODEL_VERSION, state: e.state, reason: e.reason }));
  }

  /**
   * Loads, or reloads, a model from its bundle in the paths the server was started with.
   * A failed reload leaves the running version serving.
   */
  async load(name: string): Promise<void> {
    await this.rescan();
    const entry = this.entries.get(name);
    if (entry === undefined) throw this.notFound(name);
    await this.serially(entry, async () => {
      if (entry.conflict) {
        throw new HttpError(400, `Cannot load "${name}": several bundles have that name: ${entry.conflict.map((p) => `"${p}"`).join(', ')}.`);
      }
      const location = entry.location as BundleLocation;
      if (entry.model === undefined) {
        entry.state = 'LOADING';
        entry.reason = '';
      }
      try {
        const bundle = await readBundle(location);
        if (bundle.name !== name) throw new Error(`the bundle at "${location.path}" is now named "${bundle.name}"`);
        const model = await instantiate(bundle);
        if (this.closed) {
          dispose(model);
          throw new Error('the server is shutting down');
        }
        const old = entry.model;
        setState(entry, 'READY', '', model);
        entry.wanted = true;
        if (old) retire(old);
      } catch (err) {
        if (entry.model === undefined) {
          entry.state = 'UNAVAILABLE';
          entry.reason = `load failed: ${messageOf(err)}`;
        }
        throw new HttpError(400, `Cannot load "${name}": ${messageOf(err)}`);
      }
    });
  }

  /** Stops serving a model; its session is released once requests running on it are done. */
  async unload(name: string): Promise<void> {
    const entry = this.entries.get(name);
    if (entry === undefined) throw this.notFound(name);
    await this.serially(entry, async () => {
      if (entry.model) retire(entry.model);
      setState(entry, 'UNAVAILABLE', 'unloaded', undefined);
      entry.wanted = false;
    });
  }

  /**
   * Serves uploaded files as the model `name`, in <model dir>/<name>/. The files are written to a hidden
   * staging folder and loaded from there; only a model that loads replaces the folder and the running
   * version, so a failed upload leaves both as they were. Throws HttpError: 400 for a model that does not
   * load, 409 for a name served from outside the model folder.
   */
  async install(name: string, files: readonly UploadedFile[]): Promise<void> {
    const modelDir = this.modelDir;
    if (modelDir === undefined) throw new HttpError(400, 'This server has no --model-dir to keep uploaded models in.');
    await this.rescan();
    const target = join(modelDir, name);
    let entry = this.entries.get(name);
    const created = entry === undefined;
    if (entry === undefined) {
      entry = { name, state: 'UNAVAILABLE', reason: 'uploading', wanted: false, queue: Promise.resolve() };
      this.entries.set(name, entry);
    }
    const e = entry;
    try {
      await this.serially(e, async () => {
        if (e.conflict) {
          throw new HttpError(409, `Cannot upload "${name}": several bundles already have that name: ${e.conflict.map((p) => `"${p}"`).join(', ')}.`);
        }
        if (e.location !== undefined && e.location.path !== target) {
          throw new HttpError(409, `Cannot upload "${name}": that model is served from "${e.location.path}"; uploads replace only models in ${modelDir}/<name>/.`);
        }
        if (e.location === undefined && (await exists(target))) {
          throw new HttpError(409, `Cannot upload "${name}": "${target}" already exists and is not a model bundle; remove it first.`);
        }
        const staging = await mkdtemp(join(modelDir, `.upload-${name}-`));
        try {
          for (const f of files) {
            const path = join(staging, ...f.path.split('/'));
            await mkdir(dirname(path), { recursive: true });
            await writeFile(path, f.bytes);
          }
          let model: LoadedModel;
          try {
            const bundle = await readBundle({ path: staging, kind: 'bundle-dir' });
            const named = bundle.metadata?.name;
            if (typeof named === 'string' && named.trim() !== name) {
              throw new Error(`its metadata.json names it "${named}", not "${name}"`);
            }
            model = await instantiate({ ...bundle, name, path: target });
          } catch (err) {
            throw new HttpError(400, `Cannot load the uploaded "${name}": ${messageOf(err)}`);
          }
          if (this.closed) {
            dispose(model);
            throw new HttpError(503, 'The server is shutting down.');
          }
          try {
            await swapInto(staging, target);
          } catch (err) {
            dispose(model);
            throw err;
          }
          const old = e.model;
          setState(e, 'READY', '', model);
          e.location = { path: target, kind: 'bundle-dir' };
          e.wanted = true;
          if (old) retire(old);
        } finally {
          await rm(staging, { recursive: true, force: true });
        }
      });
    } catch (err) {
      // A first upload that failed leaves no trace in the index.
      if (created && e.model === undefined && e.location === undefined) this.entries.delete(name);
      throw err;
    }
  }

  /** Releases every session (those still running requests when they finish). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.entries.values()].map((e) => e.queue.catch(() => undefined)));
    for (const e of this.entries.values()) {
      if (e.model) retire(e.model);
      setState(e, 'UNAVAILABLE', 'server stopped', undefined);
    }
  }

  private notFound(name: string): HttpError {
    const names = [...this.entries.keys()].sort(compare);
    return new HttpError(404, `No model named "${name}"; this server has ${names.length ? names.map((n) => `"${n}"`).join(', ') : 'none'}.`);
  }

  private serially(entry: Entry, job: () => Promise<void>): Promise<void> {
    const run = entry.queue.catch(() => undefined).then(job);
    entry.queue = run;
    return run;
  }

  /** Finds the bundles now under the roots and brings the entries up to date; loaded models keep running. */
  private async rescan(): Promise<void> {
    const found = new Map<string, { locations: BundleLocation[]; error?: string }>();
    for (const root of this.roots) {
      let locations: BundleLocation[];
      try {
        locations = await locationsOf(root);
      } catch {
        continue; // A root that went away lists nothing; its loaded models keep serving.
      }
      for (const loc of locations) {
        let name: string;
        let error: string | undefined;
        try {
          name = await this.nameOf(loc);
        } catch (err) {
          name = basename(loc.path).replace(/\.(zip|onnx)$/i, '');
          error = messageOf(err);
        }
        const slot = found.get(name) ?? { locations: [] };
        slot.locations.push(loc);
        if (error !== undefined) slot.error = error;
        found.set(name, slot);
      }
    }
    for (const [name, { locations, error }] of found) {
      let entry = this.entries.get(name);
      if (entry === undefined) {
        entry = { name, state: 'UNAVAILABLE', reason: 'not loaded', wanted: false, queue: Promise.resolve() };
        this.entries.set(name, entry);
      }
      if (locations.length > 1) {
        entry.conflict = locations.map((l) => l.path);
        if (!entry.model) entry.reason = `several bundles have this name: ${entry.conflict.join(', ')}`;
        continue;
      }
      entry.conflict = undefined;
      entry.location = locations[0];
      if (!entry.model && entry.state !== 'LOADING') {
        if (error !== undefined) entry.reason = `unreadable bundle: ${error}`;
        else if (entry.reason.startsWith('unreadable bundle') || entry.reason.startsWith('several bundles')) entry.reason = 'not loaded';
      }
    }
  }

  /** A bundle's name, reading a zip again only when its size or modification time changed. */
  private async nameOf(loc: BundleLocation): Promise<string> {
    if (loc.kind !== 'zip') return readBundleName(loc);
    const info = await stat(loc.path);
    const cached = this.nameCache.get(loc.path);
    if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) return cached.name;
    const name = await readBundleName(loc);
    this.nameCache.set(loc.path, { size: info.size, mtimeMs: info.mtimeMs, name });
    return name;
  }
}

/** Puts the staged folder at `target`, moving an older one aside first and back if the move fails. */
async function swapInto(staging: string, target: string): Promise<void> {
  const aside = (await exists(target)) ? `${staging}-replaced` : undefined;
  if (aside !== undefined) await rename(target, aside);
  try {
    await rename(staging, target);
  } catch (err) {
    if (aside !== undefined) await rename(aside, target);
    throw err;
  }
  if (aside !== undefined) await rm(aside, { recursive: true, force: true });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function locationsOf(root: Root): Promise<BundleLocation[]> {
  if (root.kind === 'repository-dir') return listRepository(root.path);
  return [{ path: resolve(root.path), kind: root.kind }];
}

/** Creates the onnxruntime session and everything a request needs from it. */
async function instantiate(bundle: Bundle): Promise<LoadedModel> {
  const session = await InferenceSession.create(bundle.model, SESSION_OPTIONS);
  try {
    const signature = signatureOf(session);
    const recipe = bundle.recipe ? servingRecipe(bundle.recipe, signature) : undefined;
    const metadata = modelMetadata(bundle, signature);
    // A client reading the metadata learns it may send raw columns instead (an extra field; OIP clients ignore it).
    if (recipe) metadata.raw_inputs = recipe.request.inputs.map(metadataTensor);
    return { name: bundle.name, version: MODEL_VERSION, path: bundle.path, session, signature, metadata, inFlight: 0, retired: false, ...(recipe ? { recipe } : {}) };
  } catch (err) {
    await session.release();
    throw err;
  }
}

/**
 * The model-metadata response: metadata.json's fields when the bundle has one (checked against the
 * model, so a stale file is caught at load), else what the ONNX session reports.
 */
function modelMetadata(bundle: Bundle, sig: Signature): Record<string, unknown> {
  const meta = bundle.metadata ?? {};
  const inputs = meta.inputs === undefined ? sig.inputs.map(metadataTensor) : checkListed(meta.inputs, sig.inputs, 'inputs', true);
  const outputs = meta.outputs === undefined ? sig.outputs.map(metadataTensor) : checkListed(meta.outputs, sig.outputs, 'outputs', false);
  const rest = Object.fromEntries(Object.entries(meta).filter(([k]) => !['name', 'versions', 'platform', 'inputs', 'outputs'].includes(k)));
  return {
    name: bundle.name,
    versions: [MODEL_VERSION],
    platform: typeof meta.platform === 'string' ? meta.platform : 'onnx_onnxv1',
    inputs,
    outputs,
    ...rest,
  };
}

function checkListed(listed: unknown, specs: readonly TensorSpec[], what: 'inputs' | 'outputs', complete: boolean): unknown[] {
  const fix = 'Export the bundle again so metadata.json matches model.onnx.';
  if (!Array.isArray(listed)) throw new UserError(`metadata.json's "${what}" must be a list of tensors.`, fix);
  const byName = new Map(specs.map((s) => [s.name, s]));
  const seen = new Set<string>();
  for (const t of listed) {
    const name = (t as { name?: unknown } | null)?.name;
    const datatype = (t as { datatype?: unknown } | null)?.datatype;
    const s = typeof name === 'string' ? byName.get(name) : undefined;
    if (s === undefined) throw new UserError(`metadata.json lists ${what.slice(0, -1)} ${JSON.stringify(name)}, which model.onnx does not have.`, fix);
    if (datatype !== s.datatype) {
      throw new UserError(`metadata.json says ${what.slice(0, -1)} "${s.name}" is ${JSON.stringify(datatype)}, but model.onnx has ${s.datatype}.`, fix);
    }
    seen.add(s.name);
  }
  const missing = specs.filter((s) => !seen.has(s.name));
  if (complete && missing.length > 0) {
    throw new UserError(`metadata.json does not list model.onnx's ${what.slice(0, -1)} ${missing.map((s) => `"${s.name}"`).join(', ')}.`, fix);
  }
  return listed;
}

function setState(entry: Entry, state: ModelState, reason: string, model: LoadedModel | undefined): void {
  entry.state = state;
  entry.reason = reason;
  entry.model = model;
}

function retire(model: LoadedModel): void {
  if (model.retired) return;
  model.retired = true;
  if (model.inFlight === 0) dispose(model);
}

function dispose(model: LoadedModel): void {
  // Nothing waits on the release; a failure to free memory must not take down a request.
  model.session.release().catch(() => undefined);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
