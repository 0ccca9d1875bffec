// The messages between the bench page and its Lathe worker.

import type { Profile } from '../../../src/core/profile/types.ts';

export interface LatheRequest {
  blob: Blob;
  name: string;
}

/** The worker's answer: stage times measured inside the worker, and the profile as the app would receive it. */
export type LatheReply =
  | {
      ok: true;
      parseMs: number;
      profileMs: number;
      rows: number;
      columns: number;
      profile: Profile;
    }
  | { ok: false; message: string };
