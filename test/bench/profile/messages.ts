// The messages between the bench page and its Lathe worker.

export interface LatheRequest {
  blob: Blob;
  name: string;
}

/** The worker's answer: stage times measured inside the worker, and the profile as the app would receive it. */
export type LatheReply =
  | {
      ok: true;
      /** Which loader ran: the streaming one, or the whole-file fallback used until it lands. */
      loader: string;
      parseMs: number;
      profileMs: number;
      rows: number;
      columns: number;
      profile: unknown;
    }
  | { ok: false; message: string };
