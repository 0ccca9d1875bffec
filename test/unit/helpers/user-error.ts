// Test helpers: the UserError a call throws, or a promise rejects with (any other outcome fails the test).
import { UserError } from '../../../src/core/errors/user-error';

export function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}

export async function rejection(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected the load to fail');
}
