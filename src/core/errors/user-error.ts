// Errors meant for the user: a message that says what is wrong and where, plus an optional hint.

export class UserError extends Error {
  readonly hint?: string;
  /** Structured detail the UI can act on (e.g. a malformed-input report offering "skip these rows"). */
  readonly details?: ErrorDetails;
  constructor(message: string, hint?: string, details?: ErrorDetails) {
    super(message);
    this.name = 'UserError';
    this.hint = hint;
    this.details = details;
  }
}

/** Machine-readable detail attached to a user error; `kind` says which UI can act on it. */
export interface ErrorDetails {
  kind: string;
  [key: string]: unknown;
}

/** A failure as a plain value, safe to store in IndexedDB and to send between threads. */
export interface ErrorInfo {
  message: string;
  hint?: string;
  /** Technical detail (original error text) for the "details" disclosure. */
  cause?: string;
  details?: ErrorDetails;
}

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof UserError) {
    const info: ErrorInfo = { message: err.message, hint: err.hint };
    if (err.details) info.details = err.details;
    return info;
  }
  if (err instanceof Error) return { message: 'Something went wrong: ' + err.message, cause: err.stack };
  return { message: 'Something went wrong: ' + String(err) };
}
