import { WrongExpectedRevisionError } from './event-store.errors.js';
import type { ExpectedRevision } from './event-store.port.js';

export function isExpectedRevision(value: unknown): value is ExpectedRevision {
  return (
    value === 'no_stream' ||
    value === 'stream_exists' ||
    value === 'any' ||
    (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
  );
}

/**
 * Throws unless a stream whose last revision is `current` (undefined: no such stream)
 * satisfies `expected`. Adapters call it inside their write transaction, so the check
 * and the write see the same state.
 */
export function assertExpectedRevision(
  streamId: string,
  expected: ExpectedRevision,
  current: number | undefined,
): void {
  const holds =
    expected === 'any' ||
    (expected === 'no_stream' && current === undefined) ||
    (expected === 'stream_exists' && current !== undefined) ||
    expected === current;
  if (!holds) throw new WrongExpectedRevisionError(streamId, expected, current ?? 'no_stream');
}
