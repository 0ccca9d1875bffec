// `lathe check <data> --rules <rules.json>`: runs a data-quality suite headless, for CI pipelines.
// Exit 0 when every rule passes, 1 when any fails; bad input (files, rules) is a UserError, exit 2 in cli.ts.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { UserError } from '../core/errors/user-error.ts';
import { loadTable } from '../core/parse/load-table.ts';
import type { LoadOptions, TextEncoding } from '../core/parse/load-types.ts';
import { observedText, ruleLabel } from '../core/quality/describe.ts';
import { parseSuiteText } from '../core/quality/parse-suite.ts';
import { runSuite } from '../core/quality/run-suite.ts';
import type { RuleResult, SuiteResult } from '../core/quality/types.ts';
import { fileSource } from './file-source.ts';
import { parseDelimiterOption } from './profile-command.ts';

export const CHECK_USAGE =
  'lathe check <file.csv|.tsv|.json|.ndjson|.parquet> --rules <rules.json> [--json] [--delimiter X] [--encoding utf-8|latin-1] [--skip-malformed]';
export const CHECK_SUMMARY =
  'Check a data file against a suite of quality rules: exit 0 when all pass, 1 when any fails, 2 on bad input; --json for CI.';

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** One line of --json output per rule. */
export interface CheckJsonResult {
  type: string;
  /** The rule's column; null for rules on the whole table (row_count_between) or several columns (compound_unique). */
  column: string | null;
  /** compound_unique: its columns. */
  columns?: string[];
  success: boolean;
  observed: number | null;
  /** Why the rule could not be checked (e.g. a column the data does not have). */
  error?: string;
}

export interface CheckJson {
  success: boolean;
  results: CheckJsonResult[];
}

export async function checkCommand(args: string[], io: Io): Promise<number> {
  let json = false;
  let rulesPath: string | undefined;
  const options: LoadOptions = {};
  const files: string[] = [];
  const value = (i: number, flag: string): string => {
    const v = args[i];
    if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UserError(`${flag} needs a value.`, `Usage: ${CHECK_USAGE}`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--json') json = true;
    else if (flag === '--rules' || flag === '-r') rulesPath = inline ?? value(++i, '--rules');
    else if (flag === '--skip-malformed') options.malformed = 'skip';
    else if (flag === '--delimiter' || flag === '-d') options.delimiter = parseDelimiterOption(inline ?? value(++i, '--delimiter'));
    else if (flag === '--encoding') options.encoding = parseEncoding(inline ?? value(++i, '--encoding'));
    else if (a.startsWith('-') && a !== '-') throw new UserError(`Unknown option "${a}" for check.`, `Usage: ${CHECK_USAGE}`);
    else files.push(a);
  }
  if (files.length !== 1) throw new UserError('check takes exactly one data file.', `Usage: ${CHECK_USAGE}`);
  if (!rulesPath) throw new UserError('check needs the rules to run: --rules <rules.json>.', `Usage: ${CHECK_USAGE}`);

  // The rules first: a mistake there is found without reading a large data file.
  const suite = parseSuiteText(await readRules(rulesPath), `The rules in ${basename(rulesPath)}`);
  if (suite.rules.length === 0) {
    throw new UserError(`${basename(rulesPath)} has no rules.`, 'A suite with no rules would pass anything; add at least one rule.');
  }
  const source = await fileSource(files[0]);
  const { table, report } = await loadTable(source, options);
  if (report.skipped.count > 0) {
    io.err(`lathe check: left out ${report.skipped.count} malformed row(s): ${report.skipped.rows.map((r) => `line ${r.line} ${r.reason}`).join('; ')}\n`);
  }
  const result = runSuite(table, suite);
  if (json) io.out(JSON.stringify(checkJson(result), null, 2) + '\n');
  else io.out(formatCheck(result, source.name, basename(rulesPath)));
  return result.success ? 0 : 1;
}

async function readRules(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`No such rules file: ${path}.`, 'Check the path given to --rules.');
    if (code === 'EISDIR') throw new UserError(`${path} is a folder, not a rules file.`, 'Give the path of a .json file.');
    throw new UserError(`Cannot read the rules file ${path}: ${err instanceof Error ? err.message : String(err)}.`, 'Check the path and its permissions.');
  }
}

/** The --json shape: {"success", "results": [{"type", "column", "success", "observed"}]}, plus columns / error where they apply. */
export function checkJson(result: SuiteResult): CheckJson {
  return {
    success: result.success,
    results: result.results.map((r) => {
      const rule = r.rule;
      const out: CheckJsonResult = {
        type: rule.type,
        column: 'column' in rule ? rule.column : null,
        success: r.success,
        observed: r.observed,
      };
      if (rule.type === 'compound_unique') out.columns = [...rule.columns];
      if (r.error) out.error = r.error;
      return out;
    }),
  };
}

/** Failing values shown per rule in the text output. */
const SHOWN_EXAMPLES = 5;

/** One line per rule, PASS/FAIL first so that grep finds them, the failing values under a failed rule. */
export function formatCheck(result: SuiteResult, dataName: string, rulesName: string): string {
  const total = result.results.length;
  const head =
    `${rulesName} on ${dataName} (${result.rows.toLocaleString('en-US')} rows): ` +
    (result.success ? `all ${total} rules pass` : `${result.passed} of ${total} rules pass, ${result.failed} ${result.failed === 1 ? 'fails' : 'fail'}`);
  const labels = result.results.map((r) => ruleLabel(r.rule));
  const width = Math.min(60, Math.max(...labels.map((l) => l.length)));
  const lines = result.results.map((r, i) => {
    const line = `${r.success ? 'PASS' : 'FAIL'}  ${labels[i].padEnd(width)}  ${observedText(r)}`;
    return r.success ? line : line + examplesLine(r);
  });
  return [head, '', ...lines].join('\n') + '\n';
}

function examplesLine(r: RuleResult): string {
  if (r.examples.length === 0) return '';
  const shown = r.examples.slice(0, SHOWN_EXAMPLES).map((e) => `row ${e.row + 1}: ${e.value ?? 'missing'}`);
  const count = r.unexpectedCount ?? r.examples.length;
  const more = count > shown.length ? ` (first ${shown.length} of ${count.toLocaleString('en-US')})` : '';
  return `\n      failing: ${shown.join(' · ')}${more}`;
}

function parseEncoding(value: string): TextEncoding {
  const v = value.toLowerCase();
  if (v === 'utf-8' || v === 'utf8') return 'utf-8';
  if (v === 'latin-1' || v === 'latin1' || v === 'iso-8859-1' || v === 'windows-1252' || v === 'cp1252') return 'latin-1';
  throw new UserError(`Unknown encoding "${value}".`, 'Use utf-8 or latin-1.');
}
