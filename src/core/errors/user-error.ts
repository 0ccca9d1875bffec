// Errors meant for the user: a message that says what is wrong and where, plus an optional hint.

export class UserError extends Error {
  readonly hint?: string;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'UserError';
    this.hint = hint;
  }
}

/** A failure as a plain value, safe to store in IndexedDB and to send between threads. */
export interface ErrorInfo {
  message: string;
  hint?: string;
  /** Technical detail (original error text) for the "details" disclosure. */
  cause?: string;
}

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof UserError) return { message: err.message, hint: err.hint };
  if (err instanceof Error) return { message: 'Something went wrong: ' + err.message, cause: err.stack };
  return { message: 'Something went wrong: ' + String(err) };
}
