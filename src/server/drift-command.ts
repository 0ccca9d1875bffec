// `lathe drift <reference> <current>`: loads two data files and reports drift per column and for the dataset.
import { detectDrift, TEST_LABELS } from '../core/drift/detect-drift.ts';
import type { DriftResult } from '../core/drift/types.ts';
import { sharePercent, verdictText } from '../core/drift/verdict.ts';
import { UserError } from '../core/errors/user-error.ts';
import { loadTable } from '../core/parse/load-table.ts';
import type { LoadOptions } from '../core/parse/load-types.ts';
import { fileSource } from './file-source.ts';
import { jsonNumbers, parseDelimiterOption } from './profile-command.ts';

export const DRIFT_USAGE =
  'lathe drift <reference> <current> [--json] [--share 0.5] [--common-columns] [--exit-zero] [--delimiter X] [--encoding utf-8|latin-1] [--skip-malformed]';

export const DRIFT_SUMMARY =
  'Compare a current data file with a reference one column by column (Evidently’s default tests: KS, chi-square, Z, ' +
  'Wasserstein, Jensen–Shannon; PSI beside). Exit status 0: no dataset drift; 1: dataset drift (unless --exit-zero); 2: bad input.';

/** Exit status when the dataset drifts, so a pipeline step can stop on it (as `lathe check` does on failures). */
export const EXIT_DRIFT = 1;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

interface DriftArgs {
  files: string[];
  json: boolean;
  share?: number;
  common: boolean;
  exitZero: boolean;
  load: LoadOptions;
}

function parseArgs(args: string[]): DriftArgs {
  const parsed: DriftArgs = { files: [], json: false, common: false, exitZero: false, load: {} };
  const value = (i: number, flag: string): string => {
    const v = args[i];
    if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UserError(`${flag} needs a value.`, `Usage: ${DRIFT_USAGE}`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--json') parsed.json = true;
    else if (flag === '--common-columns') parsed.common = true;
    else if (flag === '--exit-zero') parsed.exitZero = true;
    else if (flag === '--skip-malformed') parsed.load.malformed = 'skip';
    else if (flag === '--share') {
      const text = inline ?? value(++i, '--share');
      const share = Number(text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : text);
      if (!(share > 0 && share <= 1)) throw new UserError(`--share must be above 0 and at most 1 (or a percentage), not "${text}".`, 'For example --share 0.5 or --share 30%.');
      parsed.share = share;
    } else if (flag === '--delimiter' || flag === '-d') parsed.load.delimiter = parseDelimiterOption(inline ?? value(++i, '--delimiter'));
    else if (flag === '--encoding') {
      const v = (inline ?? value(++i, '--encoding')).toLowerCase();
      if (v === 'utf-8' || v === 'utf8') parsed.load.encoding = 'utf-8';
      else if (['latin-1', 'latin1', 'iso-8859-1', 'windows-1252', 'cp1252'].includes(v)) parsed.load.encoding = 'latin-1';
      else throw new UserError(`Unknown encoding "${v}".`, 'Use utf-8 or latin-1.');
    } else if (a.startsWith('-') && a !== '-') throw new UserError(`Unknown option "${a}" for drift.`, `Usage: ${DRIFT_USAGE}`);
    else parsed.files.push(a);
  }
  if (parsed.files.length !== 2) {
    throw new UserError(`drift takes two files, the reference and the current data; got ${parsed.files.length}.`, `Usage: ${DRIFT_USAGE}`);
  }
  return parsed;
}

async function load(path: string, options: LoadOptions, io: Io) {
  const { table, report } = await loadTable(await fileSource(path), options);
  if (report.skipped.count > 0) io.err(`lathe drift: left out ${report.skipped.count} malformed row(s) of ${path}\n`);
  return table;
}

export async function driftCommand(args: string[], io: Io): Promise<number> {
  const a = parseArgs(args);
  const [reference, current] = [await load(a.files[0], a.load, io), await load(a.files[1], a.load, io)];
  let result: DriftResult;
  try {
    result = detectDrift(reference, current, { driftShare: a.share, schema: a.common ? 'common' : 'strict' });
  } catch (err) {
    // The core's hint speaks of the app; here the way to compare the common columns is a flag.
    if (err instanceof UserError && err.details?.kind === 'drift-schema') {
      throw new UserError(err.message, 'Give files with the same columns, or add --common-columns to compare only the columns both have.', err.details);
    }
    throw err;
  }
  if (a.json) io.out(JSON.stringify(driftJson(result), jsonNumbers, 2) + '\n');
  else io.out(formatDrift(result));
  return result.datasetDrift && !a.exitZero ? EXIT_DRIFT : 0;
}

/** The JSON printed by --json: snake_case, p_value only where the test has one. */
export function driftJson(r: DriftResult): unknown {
  return {
    dataset_drift: r.datasetDrift,
    share: r.share,
    threshold: r.threshold,
    drifted_columns: r.driftedCount,
    reference_rows: r.referenceRows,
    current_rows: r.currentRows,
    columns: r.columns.map((c) => ({
      name: c.name,
      type: c.type,
      kind: c.kind,
      test: c.test,
      statistic: c.statistic,
      ...(c.pValue !== undefined ? { p_value: c.pValue } : {}),
      threshold: c.threshold,
      drifted: c.drifted,
      psi: c.psi,
    })),
    skipped: r.skipped,
  };
}

function figure(v: number | undefined): string {
  if (v === undefined) return '';
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs < 1e-4) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

/** The verdict first, then one aligned row per column. */
export function formatDrift(r: DriftResult): string {
  const verdict =
    verdictText(r) +
    ` (threshold ${sharePercent(r.threshold)}; ${r.referenceRows.toLocaleString('en-US')} reference rows, ${r.currentRows.toLocaleString('en-US')} current)`;
  const header = ['column', 'type', 'test', 'statistic', 'p-value', 'threshold', 'PSI', 'drift'];
  const rows = r.columns.map((c) => [
    c.name,
    c.type,
    TEST_LABELS[c.test],
    figure(c.statistic),
    figure(c.pValue),
    figure(c.threshold),
    figure(c.psi),
    c.drifted ? 'DRIFT' : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const left = new Set([0, 1, 2, 7]);
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (left.has(i) ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [verdict, '', line(header), ...rows.map(line)];
  if (r.skipped.length) out.push('', 'Not compared:', ...r.skipped.map((s) => `  ${s.name}: ${s.reason}`));
  return out.join('\n') + '\n';
}
