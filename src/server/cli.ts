// The command line (`lathe <command>`): parses arguments, runs core functions on files, prints results.

import { UserError } from '../core/errors/user-error.ts';
import { PROFILE_USAGE, profileCommand } from './profile-command.ts';
import type { ColumnProfile, Profile } from '../core/profile/types.ts';
import { SERVE_SUMMARY, SERVE_USAGE, serveCommand } from './serve/serve-command.ts';
import { CHECK_SUMMARY, CHECK_USAGE, checkCommand } from './check-command.ts';
import { DRIFT_SUMMARY, DRIFT_USAGE, driftCommand } from './drift-command.ts';

/** Exit status for bad input or usage, as most Unix tools use it; 1 is left for unexpected failures. */
export const EXIT_USAGE = 2;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

interface Command {
  usage: string;
  summary: string;
  run: (args: string[], io: Io) => Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  profile: {
    usage: PROFILE_USAGE,
    summary: 'Profile a data file (types, statistics, correlations, duplicates, alerts); --html writes a report.',
    run: (args, io) => profileCommand(args, io, formatProfile),
  },
  serve: { usage: SERVE_USAGE, summary: SERVE_SUMMARY, run: (args, io) => serveCommand(args, io) },
  check: { usage: CHECK_USAGE, summary: CHECK_SUMMARY, run: (args, io) => checkCommand(args, io) },
  drift: { usage: DRIFT_USAGE, summary: DRIFT_SUMMARY, run: (args, io) => driftCommand(args, io) },
};

export function usage(): string {
  const lines = ['Usage: lathe <command> [options]', '', 'Commands:'];
  for (const cmd of Object.values(COMMANDS)) lines.push(`  ${cmd.usage}`, `      ${cmd.summary}`);
  lines.push('', 'Options:', '  --help, -h    Show this help.');
  return lines.join('\n') + '\n';
}

/** Runs one command and returns its exit status (0 ok, 2 bad input or usage, 1 unexpected failure). */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.err(`lathe: unknown command "${name}".\n\n${usage()}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: ${command.usage}\n  ${command.summary}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UserError) {
      io.err(`lathe ${name}: ${err.message}\n` + (err.hint ? `hint: ${err.hint}\n` : ''));
      return EXIT_USAGE;
    }
    io.err(`lathe ${name}: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

function defaultIo(): Io {
  return { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
}

/** The profile as an aligned text table, one row per column. */
export function formatProfile(profile: Profile): string {
  const header = ['column', 'type', 'count', 'missing', 'distinct', 'mean', 'std', 'min', 'max', 'top'];
  const rows = profile.columns.map((c) => [
    c.name,
    c.type,
    String(c.count),
    String(c.missing),
    String(c.distinct),
    formatNumber(c.mean),
    formatNumber(c.std),
    formatBound(c, c.min),
    formatBound(c, c.max),
    c.top && c.top.length > 0 ? `${truncate(c.top[0].value, 24)} (${c.top[0].count})` : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  // Text columns align left, figures right, so digits line up.
  const leftAligned = new Set([0, 1, 9]);
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (leftAligned.has(i) ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const missingShare = profile.rows * profile.columns.length > 0 ? profile.missingCells / (profile.rows * profile.columns.length) : 0;
  const summary =
    `${profile.rows.toLocaleString('en-US')} rows × ${profile.columns.length} columns · ` +
    `${profile.missingCells.toLocaleString('en-US')} missing cells (${(missingShare * 100).toFixed(1)}%)`;
  return [summary, '', line(header), ...rows.map(line)].join('\n') + '\n';
}

function formatBound(column: ColumnProfile, value: number | undefined): string {
  if (value === undefined) return '';
  if (column.type === 'datetime' && Number.isFinite(value)) return new Date(value).toISOString().replace('T00:00:00.000Z', '');
  return formatNumber(value);
}

function formatNumber(value: number | undefined): string {
  if (value === undefined) return '';
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e9 || abs < 1e-4)) return value.toExponential(4);
  return String(Number(value.toPrecision(6)));
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}
