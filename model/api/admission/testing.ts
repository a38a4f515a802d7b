// Helpers the admission tests share: the ApiError a call throws, and the
// field-error part of its message.
import { ApiError } from '../errors.js';

export function errorOf(f: () => unknown): ApiError {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

/** The message after `Kind.group "name" is invalid: `. */
export const bodyOf = (e: ApiError): string => e.message.replace(/^[A-Za-z0-9.]+ "[^"]*" is invalid: /, '');

/** How the API server joins several field errors. */
export const joined = (expected: string[]): string => (expected.length === 1 ? expected[0]! : `[${expected.join(', ')}]`);
