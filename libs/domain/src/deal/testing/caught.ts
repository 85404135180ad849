import { DomainError } from '../../errors.js';

/** Test-only: the DomainError a call throws; anything else (no error, another error) fails the test. */
export function caught(call: () => unknown): DomainError {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw new Error(`expected a DomainError, got ${String(error)}`);
  }
  throw new Error(`expected a DomainError, but the call succeeded with ${JSON.stringify(result)}`);
}
