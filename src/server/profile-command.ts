// `lathe profile <file>`: loads any supported format (by extension) and prints or writes the full profile.
import { writeFile } from 'node:fs/promises';
import { UserError } from '../core/errors/user-error.ts';
import { loadTable } from '../core/parse/load-table.ts';
import type { LoadOptions, TextEncoding } from '../core/parse/load-types.ts';
import { profileTable } from '../core/profile/profile-table.ts';
import type { Profile } from '../core/profile/types.ts';
import { fileSource } from './file-source.ts';
import { profileHtml } from './report/profile-html.ts';

export const PROFILE_USAGE =
  'lathe profile <file.csv|.tsv|.json|.ndjson|.parquet> [--json] [--html out.html] [--delimiter X] [--encoding utf-8|latin-1] [--skip-malformed]';

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function profileCommand(args: string[], io: Io, formatText: (p: Profile) => string): Promise<number> {
  let json = false;
  let html: string | undefined;
  const options: LoadOptions = {};
  const files: string[] = [];
  const value = (i: number, flag: string): string => {
    const v = args[i];
    if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UserError(`${flag} needs a value.`, `Usage: ${PROFILE_USAGE}`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--json') json = true;
    else if (flag === '--skip-malformed') options.malformed = 'skip';
    else if (flag === '--html') html = inline ?? value(++i, '--html');
    else if (flag === '--delimiter' || flag === '-d') options.delimiter = parseDelimiterOption(inline ?? value(++i, '--delimiter'));
    else if (flag === '--encoding') options.encoding = parseEncoding(inline ?? value(++i, '--encoding'));
    else if (a.startsWith('-') && a !== '-') throw new UserError(`Unknown option "${a}" for profile.`, `Usage: ${PROFILE_USAGE}`);
    else files.push(a);
  }
  if (files.length !== 1) throw new UserError('profile takes exactly one file.', `Usage: ${PROFILE_USAGE}`);
  const source = await fileSource(files[0]);
  const { table, report } = await loadTable(source, options);
  if (report.skipped.count > 0) {
    io.err(`lathe profile: left out ${report.skipped.count} malformed row(s): ${report.skipped.rows.map((r) => `line ${r.line} ${r.reason}`).join('; ')}\n`);
  }
  const profile = profileTable(table);
  if (html) {
    await writeFile(html, profileHtml(profile, { title: source.name }));
    if (!json) io.err(`Wrote ${html}\n`);
  }
  if (json) io.out(JSON.stringify(profileJson(profile), jsonNumbers, 2) + '\n');
  else if (!html) io.out(formatText(profile));
  return 0;
}

/** The profile as printed by --json: the Profile itself, with each numeric column's quantiles also at top level. */
export function profileJson(profile: Profile): unknown {
  return {
    ...profile,
    columns: profile.columns.map((c) => (c.numeric ? { ...c, quantiles: c.numeric.quantiles } : c)),
  };
}

export function parseDelimiterOption(value: string): string {
  const aliases: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', pipe: '|' };
  const d = aliases[value.toLowerCase()] ?? value;
  if (d.length !== 1) throw new UserError(`The delimiter must be a single character, not "${value}".`, 'Use for example , ; | or tab.');
  return d;
}

function parseEncoding(value: string): TextEncoding {
  const v = value.toLowerCase();
  if (v === 'utf-8' || v === 'utf8') return 'utf-8';
  if (v === 'latin-1' || v === 'latin1' || v === 'iso-8859-1' || v === 'windows-1252' || v === 'cp1252') return 'latin-1';
  throw new UserError(`Unknown encoding "${value}".`, 'Use utf-8 or latin-1.');
}

/** JSON has no Infinity; write ±Infinity as strings rather than the null JSON.stringify would put. */
export function jsonNumbers(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? null : String(value);
  return value;
}
