// An error that becomes an HTTP response: a status and the message for the {"error": "..."} body.

export class HttpError extends Error {
  readonly status: number;
  /** Extra response headers, such as Allow for 405 or WWW-Authenticate for 401. */
  readonly headers?: Record<string, string>;
  constructor(status: number, message: string, headers?: Record<string, string>) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.headers = headers;
  }
}
