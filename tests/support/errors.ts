/** The store error code a piece of work fails with, or 'no error'; anything else is rethrown. */
import { StoreError } from '../../main/store/errors.ts';

export async function codeOf(work: () => unknown): Promise<string> {
  try {
    await work();
  } catch (e) {
    if (e instanceof StoreError) return e.code;
    throw e;
  }
  return 'no error';
}
