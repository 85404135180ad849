import type { AppendStreamState, CurrentStreamState, NO_STREAM } from '@kurrent/kurrentdb-client';

/**
 * What the adapter sends with a write: always the exact revision it read and chained the
 * hashes to (or "no stream"), whatever the caller expected. The caller's expectation is
 * checked against that same read first; the server then refuses the write if anyone got in
 * between, so a hash never links to an event that is no longer the stream's last.
 */
export function exactStreamState(headRevision: number | undefined): AppendStreamState {
  return headRevision === undefined ? ('no_stream' satisfies typeof NO_STREAM) : BigInt(headRevision);
}

/** The stream's revision as KurrentDB reports it on a conflict, in our terms. */
export function fromCurrentState(current: CurrentStreamState): number | 'no_stream' {
  return current === ('no_stream' satisfies typeof NO_STREAM) ? 'no_stream' : Number(current);
}
