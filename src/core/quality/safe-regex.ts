// Compiles a user's regular expression with RE2 (the re2js port), whose matching time is linear in the text,
// so a pattern such as (a+)+$ cannot stall a worker the way a backtracking engine would.

import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js';

export interface SafeRegex {
  /** True when the pattern matches somewhere in the text (a search, like RegExp.prototype.test). */
  test(text: string): boolean;
}

/** A pattern Lathe cannot run: `message` says what is wrong and quotes the part of the pattern at fault. */
export class RegexSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegexSyntaxError';
  }
}

/**
 * Compiles a pattern in RE2 syntax, which already reads Python's (?P<name>…), \A and inline flags such as
 * (?i); throws RegexSyntaxError for what RE2 refuses, back-references and look-around among them.
 */
export function compileRegex(pattern: string): SafeRegex {
  let re: RE2JS;
  try {
    re = RE2JS.compile(toRe2Syntax(pattern));
  } catch (err) {
    if (err instanceof RE2JSSyntaxException) throw new RegexSyntaxError(reason(err));
    if (err instanceof RE2JSException) throw new RegexSyntaxError(err.message);
    throw err;
  }
  return { test: (text) => re.test(text) };
}

/**
 * Rewrites the two escapes people bring from elsewhere that RE2 spells differently: Python's \Z (end of
 * text; RE2's \z) and JavaScript's \uXXXX (RE2's \x{XXXX}). Escapes are read in pairs so that \\Z stays a
 * backslash followed by Z.
 */
function toRe2Syntax(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c !== '\\' || i + 1 >= pattern.length) {
      out += c;
      continue;
    }
    const next = pattern[i + 1];
    const hex = pattern.slice(i + 2, i + 6);
    if (next === 'Z') out += '\\z';
    else if (next === 'u' && /^[0-9A-Fa-f]{4}$/.test(hex)) {
      out += `\\x{${hex}}`;
      i += 4;
    } else out += c + next;
    i++;
  }
  return out;
}

/** RE2's message in plain words, naming back-references and look-around, which people meet most. */
function reason(err: RE2JSSyntaxException): string {
  const what = err.getDescription();
  const where = err.getPattern();
  if (where === null) return what;
  if (/^\\([1-9]|k)/.test(where)) return `back-references such as "${where}" are not supported`;
  const lookAround = /^\(\?<?[=!]/.exec(where);
  if (lookAround) return `look-around such as "${lookAround[0]}…)" is not supported`;
  return `${what} at "${where}"`;
}
