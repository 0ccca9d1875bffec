// Finds where in a code cell's text an error happened, from the engine's stack trace, in the user's line numbers.

/** The name the sandbox gives the user's code (its `//# sourceURL`), so stack frames in it can be told apart. */
export const CODE_SOURCE_NAME = 'lathe-code-cell.js';

export interface CodeLocation {
  /** 1-based line in the cell's code. */
  line: number;
  /** 1-based column, when the engine gives one. */
  column?: number;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function frames(source: string): RegExp {
  // V8 writes "at f (name:3:7)" (or "at name:3:7"), Firefox and Safari "f@name:3:7"; a longer name that ends
  // the same way is another file.
  return new RegExp(`(?<=^|[\\s(@/])${escape(source)}:(\\d+)(?::(\\d+))?`, 'gm');
}

/**
 * The innermost frame of the user's code in `stack`. `lineOffset` is how many lines the engine puts
 * before the code (the wrapper of `new Function`: two in V8), measured by the sandbox with a probe.
 * Frames that fall outside the code (line ≤ 0 after the offset) are skipped.
 */
export function locateError(stack: string | undefined, lineOffset: number, source = CODE_SOURCE_NAME): CodeLocation | undefined {
  if (!stack) return undefined;
  for (const m of stack.matchAll(frames(source))) {
    const line = Number(m[1]) - lineOffset;
    if (line >= 1) return m[2] ? { line, column: Number(m[2]) } : { line };
  }
  return undefined;
}

/**
 * The stack as the user should read it: only frames in their code, with "line 3:7" for the generated
 * source position, and the sandbox's own frames left out.
 */
export function userStack(stack: string | undefined, lineOffset: number, source = CODE_SOURCE_NAME): string {
  if (!stack) return '';
  const re = frames(source);
  const lines = stack.split('\n');
  const out: string[] = [];
  for (const [i, text] of lines.entries()) {
    const isFrame = /^\s*at\s|@/.test(text);
    if (i === 0 && !isFrame) {
      out.push(text);
      continue;
    }
    if (!text.includes(source)) continue;
    out.push(
      text.replace(re, (_m, l: string, c?: string) => {
        const line = Number(l) - lineOffset;
        return c ? `line ${line}:${c}` : `line ${line}`;
      }),
    );
  }
  return out.join('\n');
}
