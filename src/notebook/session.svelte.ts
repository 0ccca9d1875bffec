// One open project: its notebook, outputs and run state as Svelte runes, and the intents the UI sends.
import {
  cellStates,
  expectedHashes,
  resolveInputs,
  resolveReferences,
  runPlan,
  unmetNeeds,
  unmetReferences,
  type CellState,
  type OutputKind,
} from './graph';
import { CELL_KINDS, cellKind, contractOf } from '../cells/registry';
import type { CellAbove, Progress, RunInputs } from '../cells/types';
import type { ProjectRecord, OutputRecord } from '../store/db';
import { getProject, saveProject, newId } from '../store/projects';
import { deleteOutput, outputsFor, putOutput, putFile } from '../store/outputs';
import { collectDatasets } from '../store/datasets';
import { fileNameOf } from '../io/url-source';
import { db } from '../store/db';
import { CellError } from '../client/worker-handle';
import { dataWorker, trainWorker } from '../client/workers';
import { toErrorInfo, type ErrorInfo } from '../core/errors/user-error';
import { MALFORMED, type MalformedDetails } from '../core/parse/load-types';
import type { DataConfig, DataOptions } from '../cells/data/index';
import { withStep, type PrepareConfig } from '../cells/prepare/config';
import type { Step } from '../core/recipe/types';

const NEED_LABEL: Record<OutputKind, string> = {
  dataset: 'a Data cell',
  profile: 'a Profile cell',
  quality: 'a Quality cell',
  drift: 'a Drift cell',
  frame: 'a Frame cell',
  split: 'a Split cell',
  model: 'a Train cell',
  evaluation: 'an Evaluate cell',
  export: 'an Export cell',
  deployment: 'a Deploy cell',
};

export class ProjectSession {
  project = $state<ProjectRecord | undefined>();
  // Raw: outputs are replaced whole, never mutated, and deep proxies of large results would be slow
  // and could not be sent to a worker.
  outputs = $state.raw<Record<string, OutputRecord>>({});
  running = $state<Record<string, boolean>>({});
  progress = $state<Record<string, Progress | undefined>>({});
  live = $state<Record<string, unknown>>({});
  /** Messages about an attempt that changed nothing (e.g. a file that could not be loaded). */
  notices = $state<Record<string, ErrorInfo | undefined>>({});
  selected = $state<string | null>(null);
  loadError = $state<string | null>(null);

  states = $derived.by((): Map<string, CellState> => {
    if (!this.project) return new Map();
    const metas = new Map(Object.values(this.outputs).map((o) => [o.cellId, { hash: o.hash, failed: !!o.error }]));
    const running = new Set(Object.keys(this.running).filter((k) => this.running[k]));
    const states = cellStates(this.project.cells, contractOf, metas, running);
    for (const cell of this.project.cells) if (cellKind(cell.kind).passive && !running.has(cell.id)) states.set(cell.id, 'fresh');
    return states;
  });

  /**
   * A load that stopped on malformed rows, kept so the user can choose to skip those rows: the candidate
   * config (its file stays stored until the choice is made or replaced).
   */
  pendingLoads = $state<Record<string, { candidate: DataConfig; details: MalformedDetails } | undefined>>({});
  private queue: Promise<void> = Promise.resolve();

  async open(projectId: string): Promise<void> {
    try {
      await this.load(projectId);
    } catch (err) {
      this.loadError = 'This project could not be read from the browser’s storage: ' + String(err);
    }
  }

  private async load(projectId: string): Promise<void> {
    const project = await getProject(projectId);
    if (!project) {
      this.loadError = 'This project does not exist in this browser (it may have been deleted).';
      return;
    }
    // Datasets left by an interrupted load (cancel, crash, a closed tab) are removed before anything runs.
    await collectDatasets(projectId).catch(() => 0);
    const outs = await outputsFor(projectId);
    this.outputs = Object.fromEntries(outs.map((o) => [o.cellId, o]));
    this.project = project;
    this.selected = project.cells[0]?.id ?? null;
  }

  get busy(): boolean {
    return Object.values(this.running).some(Boolean);
  }

  private disposed = false;

  private async persist(): Promise<void> {
    if (this.project && !this.disposed) await saveProject($state.snapshot(this.project) as ProjectRecord);
  }

  /** The project is being deleted: stop its work and never write for it again. */
  dispose(): void {
    this.disposed = true;
    if (this.busy) this.cancel();
  }

  // ---- intents: editing -------------------------------------------------------------------

  async rename(name: string): Promise<void> {
    if (!this.project || !name.trim()) return;
    this.project.name = name.trim();
    await this.persist();
  }

  async setConfig(cellId: string, config: unknown): Promise<void> {
    const cell = this.project?.cells.find((c) => c.id === cellId);
    if (!cell) return;
    cell.config = config;
    this.notices[cellId] = undefined;
    await this.persist();
  }

  async setTitle(cellId: string, title: string): Promise<void> {
    const cell = this.project?.cells.find((c) => c.id === cellId);
    if (!cell) return;
    cell.title = title;
    await this.persist();
  }

  async addCell(kind: string, index: number): Promise<string> {
    if (!this.project) return '';
    const def = cellKind(kind);
    const cell = { id: newId(), kind, title: def.title, config: def.defaultConfig() };
    const at = Math.max(0, Math.min(index, this.project.cells.length));
    this.project.cells.splice(at, 0, cell);
    this.selected = cell.id;
    await this.persist();
    return cell.id;
  }

  async deleteCell(cellId: string): Promise<void> {
    if (!this.project || this.running[cellId]) return;
    const i = this.project.cells.findIndex((c) => c.id === cellId);
    if (i < 0) return;
    const [removed] = this.project.cells.splice(i, 1);
    const { [cellId]: removedOutput, ...rest } = this.outputs;
    this.outputs = rest;
    await this.persist();
    void removedOutput;
    await deleteOutput(cellId);
    const fileId = (removed.config as { fileId?: string } | undefined)?.fileId;
    if (fileId) await db().files.delete(fileId);
    const next = this.project.cells[Math.min(i, this.project.cells.length - 1)];
    this.selected = next?.id ?? null;
  }

  /**
   * Adds a recipe step (a profile alert's fix) for the data a cell reads: to the Prepare cell that produced that
   * data, else to the first Prepare cell below reading the same data, else to a new Prepare cell right after it.
   * Returns the Prepare cell's id.
   */
  async addRecipeStep(fromCellId: string, step: Step): Promise<string> {
    if (!this.project) return '';
    const cells = this.project.cells;
    const at = cells.findIndex((c) => c.id === fromCellId);
    if (at < 0) return '';
    const inputs = resolveInputs(cells, contractOf);
    const source = inputs.get(fromCellId)?.dataset;
    let target = cells.find((c) => c.id === source && c.kind === 'prepare');
    target ??= cells.slice(at + 1).find((c) => c.kind === 'prepare' && inputs.get(c.id)?.dataset === source);
    if (!target) {
      const id = await this.addCell('prepare', at + 1);
      target = this.project.cells.find((c) => c.id === id);
      if (!target) return '';
    }
    target.config = withStep(target.config as PrepareConfig | undefined, step);
    this.selected = target.id;
    await this.persist();
    return target.id;
  }

  async moveCell(cellId: string, delta: -1 | 1): Promise<void> {
    if (!this.project) return;
    const cells = this.project.cells;
    const i = cells.findIndex((c) => c.id === cellId);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= cells.length) return;
    [cells[i], cells[j]] = [cells[j], cells[i]];
    await this.persist();
  }

  // ---- intents: running -------------------------------------------------------------------

  /** Run a cell, first running whatever stale cells it reads from. */
  run(cellId: string): Promise<void> {
    return this.enqueue(async () => {
      if (!this.project) return;
      const plan = runPlan(this.project.cells, contractOf, this.states, cellId);
      await this.runCells(plan.length ? plan : [cellId]);
    });
  }

  /** Re-run every cell that is stale, never run or failed, in order. */
  runStale(): Promise<void> {
    return this.enqueue(async () => {
      if (!this.project) return;
      await this.runCells(runPlan(this.project.cells, contractOf, this.states));
    });
  }

  cancel(): void {
    // Kinds with work outside the two workers (a Code cell's sandbox) stop it themselves.
    for (const kind of CELL_KINDS) kind.cancel?.();
    dataWorker().cancel();
    trainWorker().cancel();
  }

  /** Load a file into a Data cell: the cell changes only if the file loads. */
  loadFile(cellId: string, file: File): Promise<void> {
    return this.storeAndLoad(cellId, file, file.name, false);
  }

  /** Load pasted text into a Data cell, kept in this browser like a file. */
  loadText(cellId: string, text: string, name = 'pasted.csv'): Promise<void> {
    return this.storeAndLoad(cellId, new Blob([text], { type: 'text/plain' }), name, true);
  }

  /** Load a file from a URL (fetched by the data worker, so the server must allow CORS). */
  loadUrl(cellId: string, url: string): Promise<void> {
    return this.enqueue(async () => {
      // A text that is not a URL keeps itself as the name; the worker then says what is wrong with it.
      await this.replaceConfig(cellId, { source: 'url', name: fileNameOf(url.trim()), url: url.trim() });
    });
  }

  /** Load a bundled sample into a Data cell; like a file, it replaces the data only if it loads. */
  loadSample(cellId: string, name: string): Promise<void> {
    return this.enqueue(async () => {
      await this.replaceConfig(cellId, { source: 'sample', name });
    });
  }

  /** Re-read the Data cell's source with other options (delimiter, encoding, format, column types). */
  setDataOptions(cellId: string, options: DataOptions): Promise<void> {
    return this.enqueue(async () => {
      const cell = this.project?.cells.find((c) => c.id === cellId);
      const config = cell && ($state.snapshot(cell.config) as DataConfig);
      if (!config || config.source === 'none') return;
      await this.replaceConfig(cellId, { ...config, options });
    });
  }

  /** The user's answer to a load that stopped on malformed rows: skip them, or give up on that source. */
  resolvePendingLoad(cellId: string, choice: 'skip' | 'cancel'): Promise<void> {
    return this.enqueue(async () => {
      const pending = this.pendingLoads[cellId];
      if (!pending) return;
      this.pendingLoads[cellId] = undefined;
      const candidate = pending.candidate;
      if (choice === 'skip' && candidate.source !== 'none') {
        await this.replaceConfig(cellId, { ...candidate, options: { ...candidate.options, malformed: 'skip' } });
      } else {
        this.notices[cellId] = undefined;
        await this.discardCandidateFile(cellId, candidate);
      }
    });
  }

  private storeAndLoad(cellId: string, blob: Blob, name: string, pasted: boolean): Promise<void> {
    return this.enqueue(async () => {
      if (!this.project) return;
      const fileId = newId();
      try {
        await putFile({ id: fileId, projectId: this.project.id, name, size: blob.size, blob });
      } catch (err) {
        this.notices[cellId] = {
          message: `${name} could not be stored in this browser.`,
          hint: 'The browser may be out of storage space: free some (delete old projects), or use a smaller file.',
          cause: String(err),
        };
        return;
      }
      const candidate: DataConfig = pasted
        ? { source: 'file', name, size: blob.size, fileId, pasted: true }
        : { source: 'file', name, size: blob.size, fileId };
      await this.replaceConfig(cellId, candidate);
    });
  }

  /** Delete a candidate's stored file unless the cell's config uses it. */
  private async discardCandidateFile(cellId: string, candidate: unknown): Promise<void> {
    const fileId = (candidate as { fileId?: string }).fileId;
    const cell = this.project?.cells.find((c) => c.id === cellId);
    if (fileId && (cell?.config as { fileId?: string } | undefined)?.fileId !== fileId) await db().files.delete(fileId);
  }

  /**
   * Run a cell with a candidate config and adopt the config only if the run succeeds: on failure the
   * cell, its output and everything downstream stay exactly as they were. A load stopped by malformed
   * rows is kept pending so the user can choose to skip them.
   */
  private async replaceConfig(cellId: string, candidate: DataConfig): Promise<boolean> {
    const cell = this.project?.cells.find((c) => c.id === cellId);
    if (!cell) return false;
    this.notices[cellId] = undefined;
    const previous = this.pendingLoads[cellId];
    this.pendingLoads[cellId] = undefined;
    if (previous && (previous.candidate as { fileId?: string }).fileId !== (candidate as { fileId?: string }).fileId) {
      await this.discardCandidateFile(cellId, previous.candidate);
    }
    const previousFile = (cell.config as { fileId?: string }).fileId;
    // The config is adopted and saved before the new output is shown, so a reload at any moment finds the
    // output together with the config that made it (never a fresh-looking output under the old config).
    const ok = await this.runOne(cellId, {
      candidate,
      adopt: async () => {
        cell.config = candidate;
        await this.persist();
      },
    });
    if (this.disposed) return false;
    if (!ok) {
      const details = (this.notices[cellId] as ErrorInfo | undefined)?.details;
      if (details?.kind === MALFORMED && (details as unknown as MalformedDetails).skippable && candidate.source !== 'none') {
        this.pendingLoads[cellId] = { candidate, details: details as unknown as MalformedDetails };
      } else {
        await this.discardCandidateFile(cellId, candidate);
      }
      return false;
    }
    if (previousFile && previousFile !== (candidate as { fileId?: string }).fileId) await db().files.delete(previousFile);
    return true;
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => {});
    return next;
  }

  private async runCells(ids: string[]): Promise<void> {
    for (const id of ids) {
      if (this.disposed) return;
      const cell = this.project?.cells.find((c) => c.id === id);
      if (!cell || cellKind(cell.kind).passive) continue;
      if (!(await this.runOne(id))) break;
    }
  }

  /** Run one cell with its inputs as stored. Returns false when it failed. */
  private async runOne(cellId: string, opts: { candidate?: unknown; adopt?: () => Promise<void> } = {}): Promise<boolean> {
    const project = this.project;
    const cell = project?.cells.find((c) => c.id === cellId);
    if (!project || !cell) return false;
    const kind = cellKind(cell.kind);
    // Hash and config are taken together, so an edit made while this runs makes the result stale
    // rather than filing it under the wrong hash.
    const config = opts.candidate !== undefined ? opts.candidate : $state.snapshot(cell.config);
    const cells = project.cells.map((c) => (c.id === cellId ? { ...c, config } : c));
    const hash = expectedHashes(cells, contractOf).get(cellId)!;
    const keepOnFailure = opts.candidate !== undefined;
    const started = performance.now();
    const outcome = (result: Pick<OutputRecord, 'value' | 'error'>): OutputRecord => ({
      cellId,
      projectId: project.id,
      hash,
      ranAt: Date.now(),
      durationMs: performance.now() - started,
      ...result,
    });
    this.running[cellId] = true;
    this.progress[cellId] = { label: 'Starting…' };
    this.live[cellId] = undefined;
    try {
      const inputs = await this.gatherInputs(cellId);
      const result = await kind.run({
        projectId: project.id,
        projectName: project.name,
        cellId,
        config,
        inputs,
        progress: (p) => (this.progress[cellId] = p),
        live: (v) => (this.live[cellId] = v),
      });
      const record = outcome({ value: result.value });
      if (this.disposed) return false;
      await putOutput(record);
      await opts.adopt?.();
      this.outputs = { ...this.outputs, [cellId]: record };
      return true;
    } catch (err) {
      const info = err instanceof CellError ? err.info : toErrorInfo(err);
      if (this.disposed) return false;
      if (keepOnFailure) {
        this.notices[cellId] = info;
      } else {
        const record = outcome({ error: info });
        try {
          await putOutput(record);
          this.outputs = { ...this.outputs, [cellId]: { ...record, value: this.outputs[cellId]?.value } };
        } catch (storeErr) {
          this.notices[cellId] = { message: 'The failure could not be saved: ' + String(storeErr) };
        }
      }
      return false;
    } finally {
      this.running[cellId] = false;
      this.progress[cellId] = undefined;
    }
  }

  private async gatherInputs(cellId: string): Promise<RunInputs> {
    const project = this.project!;
    const cell = project.cells.find((c) => c.id === cellId)!;
    const missing = unmetNeeds(project.cells, contractOf, cellId);
    if (missing.length) {
      throw new CellError({
        message: `This cell needs ${missing.map((m) => NEED_LABEL[m]).join(' and ')} above it.`,
        hint: 'Add the missing cell above this one, or move this cell further down.',
      });
    }
    const from = resolveInputs(project.cells, contractOf).get(cellId) ?? {};
    const inputs: RunInputs = {};
    for (const need of cellKind(cell.kind).needs) {
      const source = from[need]!;
      const out = this.outputs[source];
      if (!out || out.error || out.value === undefined) {
        const title = project.cells.find((c) => c.id === source)?.title ?? need;
        throw new CellError({ message: `“${title}” has no result to use yet: run it first.` });
      }
      (inputs as Record<string, unknown>)[need] = out.value;
    }
    const unset = unmetReferences(project.cells, contractOf, cellId);
    if (unset.length) {
      throw new CellError({
        message: `Choose the ${unset.join(' and ')} cell: it must be a cell above this one that has a result.`,
      });
    }
    const refs = resolveReferences(project.cells, contractOf).get(cellId) ?? {};
    if (Object.keys(refs).length) inputs.references = {};
    for (const [name, source] of Object.entries(refs)) {
      const out = this.outputs[source];
      if (!out || out.error || out.value === undefined) {
        const title = project.cells.find((c) => c.id === source)?.title ?? name;
        throw new CellError({ message: `“${title}” has no result to use yet: run it first.` });
      }
      inputs.references![name] = out.value;
    }
    return inputs;
  }

  /** The cells above one, for views that let the user pick another cell (e.g. a reference dataset). */
  cellsAbove(cellId: string): CellAbove[] {
    const cells = this.project?.cells ?? [];
    const index = cells.findIndex((c) => c.id === cellId);
    return cells.slice(0, Math.max(0, index)).map((c) => ({
      id: c.id,
      title: c.title,
      kind: c.kind,
      produces: contractOf(c.kind).produces,
    }));
  }

  /** Output values of the cells a cell reads, for its view. */
  upstream(cellId: string): Partial<Record<OutputKind, unknown>> {
    if (!this.project) return {};
    const from = resolveInputs(this.project.cells, contractOf).get(cellId) ?? {};
    const result: Partial<Record<OutputKind, unknown>> = {};
    for (const [kind, source] of Object.entries(from) as [OutputKind, string][]) result[kind] = this.outputs[source]?.value;
    return result;
  }
}

