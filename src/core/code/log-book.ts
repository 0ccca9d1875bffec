// The log of one code-cell run: lines kept up to a limit, handed out in batches so a chatty loop cannot flood the page.

export type LogLevel = 'log' | 'info' | 'warn' | 'error';

export interface LogEntry {
  level: LogLevel;
  text: string;
}

/** Lines and characters kept per run; later lines are counted, not kept. */
export const LOG_LIMITS = { lines: 1_000, chars: 200_000 } as const;

export class LogBook {
  private readonly kept: LogEntry[] = [];
  private sent = 0;
  private chars = 0;
  /** Lines left out once a limit was reached. */
  dropped = 0;

  add(level: LogLevel, text: string): void {
    if (this.kept.length >= LOG_LIMITS.lines || this.chars + text.length > LOG_LIMITS.chars) {
      this.dropped++;
      return;
    }
    this.chars += text.length;
    this.kept.push({ level, text });
  }

  /** Lines added since the last call. */
  takeNew(): LogEntry[] {
    const fresh = this.kept.slice(this.sent);
    this.sent = this.kept.length;
    return fresh;
  }

  /** Every kept line, plus one saying how many were left out. */
  all(): LogEntry[] {
    return this.dropped ? [...this.kept, droppedLine(this.dropped)] : this.kept.slice();
  }
}

/** The line that stands for lines left out. */
export function droppedLine(count: number): LogEntry {
  return { level: 'warn', text: `… ${count.toLocaleString('en-US')} more ${count === 1 ? 'line' : 'lines'} left out (the log keeps ${LOG_LIMITS.lines.toLocaleString('en-US')} lines)` };
}

const LEVELS = new Set<string>(['log', 'info', 'warn', 'error']);

/** Log lines from the sandbox, which is not trusted: well-formed entries only, within the limits. */
export function cleanLogEntries(value: unknown): LogEntry[] {
  if (!Array.isArray(value)) return [];
  const out: LogEntry[] = [];
  let chars = 0;
  for (const e of value.slice(0, LOG_LIMITS.lines + 1)) {
    if (typeof e !== 'object' || e === null) continue;
    const { level, text } = e as { level?: unknown; text?: unknown };
    if (typeof text !== 'string' || !LEVELS.has(level as string)) continue;
    chars += text.length;
    if (chars > LOG_LIMITS.chars + 200) break;
    out.push({ level: level as LogLevel, text });
  }
  return out;
}
