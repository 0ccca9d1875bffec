// Wraps worker methods so every failure comes back as a value with a user-facing message.
import { toErrorInfo } from '../src/core/errors/user-error';
import type { WorkerResult } from '../src/client/worker-handle';

let crashArmed = false;

/** Test hook: the next guarded call crashes the worker the way a real fault would (uncaught, async). */
export function armCrashForTest(): void {
  crashArmed = true;
}

export async function guard<T>(fn: () => T | Promise<T>): Promise<WorkerResult<T>> {
  if (crashArmed) {
    crashArmed = false;
    setTimeout(() => {
      throw new Error('deliberate crash for a test');
    });
    return new Promise<never>(() => {});
  }
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) };
  }
}
