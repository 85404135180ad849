import type { END, Position, ReadPosition, START } from '@kurrent/kurrentdb-client';
import { EventStoreError } from '../../event-store.errors.js';

/**
 * KurrentDB orders `$all` by `{commit, prepare}` byte offsets in its transaction log. Every
 * event written through the gRPC append API is a self-committed prepare record, and a read
 * of `$all` gives it `commit == prepare == its own log offset` (the server's AllReader
 * builds it as `CommitEventRecord(event, prepare.LogPosition)`). Only events of explicit
 * transactions, a feature of the legacy TCP API, have `prepare < commit` and share their
 * commit with the rest of the transaction. So for every event the ledger can write, the
 * commit offset alone names it: the adapter's position is that number, exact as a JS
 * number up to 2^53 bytes (8 PiB) of log, and a position p goes back to the server as
 * `{commit: p, prepare: p}`.
 */
export function positionFromKurrent(position: Position | undefined): number {
  if (position === undefined) {
    // Stream reads carry the $all position only from server 22.6 on.
    throw new EventStoreError('STORE.POSITION_UNAVAILABLE', 'KurrentDB did not report the event\'s position (servers before 22.6 omit it on stream reads)');
  }
  const { commit, prepare } = position;
  if (commit !== prepare) {
    throw new EventStoreError(
      'STORE.UNSUPPORTED_POSITION',
      `An event at commit ${commit} / prepare ${prepare} was written in an explicit transaction, which the ledger's positions cannot address`,
    );
  }
  if (commit < 0n || commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    // Older servers answer 2^64 - 1 when they do not know the position.
    throw new EventStoreError('STORE.POSITION_UNAVAILABLE', `KurrentDB reported no usable position (${commit})`);
  }
  return Number(commit);
}

export function positionToKurrent(position: number): Position {
  const offset = BigInt(position);
  return { commit: offset, prepare: offset };
}

/**
 * Where a read or subscription that yields events *after* `position` starts. Position 0 is
 * "before the first event". Reads of `$all` from a position include the event at it; the
 * adapter drops anything at or before `position` whatever the server does.
 */
export function readPositionAfter(position: number): ReadPosition {
  return position === 0 ? ('start' satisfies typeof START) : positionToKurrent(position);
}

export const END_OF_LOG = 'end' satisfies typeof END;
