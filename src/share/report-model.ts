// What the read-only report shows: each cell with its stored output and state, and a summary for stakeholders.
import {
  cellStates,
  resolveInputs,
  type CellRecord,
  type CellState,
  type OutputKind,
} from '../notebook/graph';
import type { AnyCellKind, CellAbove } from '../cells/types';
import type { OutputRecord } from '../store/db';
import type { FrameSummary } from '../core/frame/frame';
import type { Evaluation } from '../core/metrics/evaluate';
import type { Alert, Profile } from '../core/profile/types';
import type { SuiteResult } from '../core/quality/types';

export interface ReportCell {
  cell: CellRecord;
  kind: AnyCellKind;
  state: CellState;
  output: OutputRecord | undefined;
  /** The value a view shows (absent when the cell never ran). */
  value: unknown;
  upstream: Partial<Record<OutputKind, unknown>>;
  cellsAbove: CellAbove[];
  /** The kind's one-line summary of its value; '' when there is none. */
  line: string;
}

export interface SummaryEntry {
  cellId: string;
  title: string;
  icon: string;
  state: CellState;
  line: string;
}

/**
 * The report's lead. Sections are chosen by the kind of output a cell produces (CellContract.produces),
 * never by cell kind, so a new kind that produces e.g. 'quality' shows up here by itself; the figures
 * read from an output rely only on that output kind's shape (FrameSummary, Profile, Evaluation, SuiteResult).
 */
export interface ReportSummary {
  problem: (SummaryEntry & { frame?: FrameSummary }) | null;
  data: {
    entries: SummaryEntry[];
    alerts: Alert[];
    /** Quality rules over every quality-producing cell with a result. */
    rules: { passed: number; failed: number; failing: { cellTitle: string; rule: string; detail: string }[] } | null;
  };
  model: { entries: SummaryEntry[]; evaluation?: Evaluation; evaluationState?: CellState };
  deployment: { entries: SummaryEntry[] };
}

const DATA_KINDS: readonly OutputKind[] = ['dataset', 'profile', 'quality', 'drift'];
const MODEL_KINDS: readonly OutputKind[] = ['model', 'evaluation'];
const DEPLOY_KINDS: readonly OutputKind[] = ['export', 'deployment'];

export function reportCells(cells: readonly CellRecord[], outputs: readonly OutputRecord[], kindOf: (kind: string) => AnyCellKind): ReportCell[] {
  const byCell = new Map(outputs.map((o) => [o.cellId, o]));
  const metas = new Map(outputs.map((o) => [o.cellId, { hash: o.hash, failed: !!o.error }]));
  const states = cellStates(cells, kindOf, metas);
  const inputs = resolveInputs(cells, kindOf);
  return cells.map((cell, i) => {
    const kind = kindOf(cell.kind);
    const output = byCell.get(cell.id);
    const value = output?.value ?? undefined;
    const upstream: Partial<Record<OutputKind, unknown>> = {};
    for (const [k, source] of Object.entries(inputs.get(cell.id) ?? {}) as [OutputKind, string][]) upstream[k] = byCell.get(source)?.value;
    return {
      cell,
      kind,
      // Notes have nothing to run: always fresh, as in the notebook.
      state: kind.passive ? 'fresh' : (states.get(cell.id) ?? 'never'),
      output,
      value,
      upstream,
      cellsAbove: cells.slice(0, i).map((c) => ({ id: c.id, title: c.title, kind: c.kind, produces: kindOf(c.kind).produces })),
      line: value != null && !output?.error ? safeSummary(kind, value) : '',
    };
  });
}

export function reportSummary(cells: readonly ReportCell[]): ReportSummary {
  const entry = (c: ReportCell): SummaryEntry => ({ cellId: c.cell.id, title: c.cell.title, icon: c.kind.icon, state: c.state, line: c.line });
  const producing = (kinds: readonly OutputKind[]) => cells.filter((c) => c.kind.produces && kinds.includes(c.kind.produces));
  const usable = (c: ReportCell) => c.value != null && !c.output?.error;

  // The last frame is the one every cell below it reads.
  const frameCell = producing(['frame']).at(-1);
  const problem = frameCell ? { ...entry(frameCell), ...(usable(frameCell) ? { frame: frameCell.value as FrameSummary } : {}) } : null;

  const dataCells = producing(DATA_KINDS);
  const alerts: Alert[] = [];
  for (const c of dataCells) {
    const p = c.value as Profile | undefined;
    if (c.kind.produces === 'profile' && usable(c) && Array.isArray(p?.alerts)) alerts.push(...p.alerts);
  }
  let rules: ReportSummary['data']['rules'] = null;
  for (const c of dataCells) {
    const r = c.value as SuiteResult | undefined;
    if (c.kind.produces !== 'quality' || !usable(c) || !Array.isArray(r?.results)) continue;
    rules ??= { passed: 0, failed: 0, failing: [] };
    for (const x of r.results) {
      if (x.success) rules.passed++;
      else {
        rules.failed++;
        rules.failing.push({ cellTitle: c.cell.title, rule: describeRule(x.rule), detail: x.error ?? failDetail(x) });
      }
    }
  }

  const modelCells = producing(MODEL_KINDS);
  const evalCell = producing(['evaluation']).at(-1);
  return {
    problem,
    data: { entries: dataCells.map(entry), alerts, rules },
    model: {
      entries: modelCells.map(entry),
      ...(evalCell && usable(evalCell) ? { evaluation: evalCell.value as Evaluation, evaluationState: evalCell.state } : {}),
    },
    deployment: { entries: producing(DEPLOY_KINDS).map(entry) },
  };
}

function safeSummary(kind: AnyCellKind, value: unknown): string {
  try {
    return kind.summary(value);
  } catch {
    // An output from an older version of a kind may lack what today's summary reads.
    return '';
  }
}

function describeRule(rule: { type: string; column?: string; columns?: string[] } | undefined): string {
  if (!rule) return 'rule';
  const on = rule.column ?? rule.columns?.join(', ');
  return on ? `${rule.type.replaceAll('_', ' ')} · ${on}` : rule.type.replaceAll('_', ' ');
}

function failDetail(x: SuiteResult['results'][number]): string {
  if (x.unexpectedCount != null && x.considered != null) return `${x.unexpectedCount.toLocaleString()} of ${x.considered.toLocaleString()} values fail`;
  return x.observed != null ? `observed ${x.observed.toLocaleString(undefined, { maximumSignificantDigits: 4 })}` : 'failed';
}
