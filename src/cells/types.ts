// The cell plugin interface: what a kind declares, how it runs, and what its view receives.
import type { Component } from 'svelte';
import type { CellContract, CellState, OutputKind } from '../notebook/graph';
import type { ColumnType, InvalidCells } from '../core/table/table';
import type { LoadReport } from '../core/parse/load-types';
import type { ErrorInfo } from '../core/errors/user-error';

/** The six steps of building a model; the left rail outlines the notebook by them. */
export type StepId = 'frame' | 'explore' | 'prepare' | 'split' | 'optimise' | 'deploy';

export interface Progress {
  /** 0..1, or undefined when the amount of work is unknown. */
  fraction?: number;
  label: string;
}

/**
 * What a dataset-producing cell stores as its output value. The table itself lives in the store and in
 * the workers that use it, never on the page: cells pass datasetId to a worker.
 */
export interface DatasetOutput {
  datasetId: string;
  name: string;
  rows: number;
  columns: { name: string; type: ColumnType; invalid?: InvalidCells }[];
  head: (string | null)[][];
  bytes?: number;
  report?: LoadReport;
}

/** Inputs handed to a run: upstream output values by kind. */
export interface RunInputs {
  dataset?: DatasetOutput;
  /** Output values of the cells the config names (CellContract.references), by reference name. */
  references?: Record<string, unknown>;
  [kind: string]: unknown;
}

/** A cell above another, as a view lists it (e.g. to choose a reference dataset). */
export interface CellAbove {
  id: string;
  title: string;
  kind: string;
  produces: OutputKind | null;
}

export interface RunContext<Config> {
  projectId: string;
  projectName: string;
  cellId: string;
  config: Config;
  inputs: RunInputs;
  progress: (p: Progress) => void;
  /** Live data for the view while running (e.g. the loss curve so far). */
  live: (value: unknown) => void;
}

export interface RunResult<Output> {
  value: Output;
}

export interface CellViewProps<Config, Output> {
  cellId: string;
  config: Config;
  output: Output | undefined;
  state: CellState;
  /** Output values of the cells this one reads, by kind. */
  upstream: Partial<Record<OutputKind, unknown>>;
  /** The cells above this one, in notebook order. */
  cellsAbove: CellAbove[];
  live: unknown;
  readonly: boolean;
  setConfig: (config: Config) => void;
  run: () => void;
  /** Intents beyond config changes (e.g. a Data cell loading a new file). */
  action: (name: string, payload?: unknown) => void;
}

export interface CellKind<Config = unknown, Output = unknown> extends CellContract {
  title: string;
  step: StepId | null;
  /** A short glyph shown in the cell header and the add-cell menu. */
  icon: string;
  description: string;
  /** Passive cells (notes) have nothing to run and are always fresh. */
  passive?: boolean;
  defaultConfig: () => Config;
  run: (ctx: RunContext<Config>) => Promise<RunResult<Output>>;
  /**
   * The output without raw data rows, for a share link or file made without data. Outputs of kind
   * 'dataset', 'profile' or 'quality' are first redacted by default (src/share/redact.ts); this
   * removes what else the kind quotes (a Code cell's logs, a recipe's changed-value samples).
   */
  redact?: (output: Output) => Output;
  /** Stops this kind's runs that happen outside the data and train workers (the header's Cancel). */
  cancel?: () => void;
  /** One line for a collapsed cell and the rail, e.g. "344 rows × 7 columns". */
  summary: (output: Output) => string;
  /** A short verdict for the cell header (e.g. "12/14 pass"), coloured by tone; undefined shows none. */
  badge?: (output: Output) => { text: string; tone: 'pass' | 'fail' | 'warn' } | undefined;
  View: Component<CellViewProps<Config, Output>>;
}

export type AnyCellKind = CellKind<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the registry holds kinds of every config/output type

export type { ErrorInfo };
