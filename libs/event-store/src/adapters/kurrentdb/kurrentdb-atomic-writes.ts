import type { AppendStreamState, ConsistencyCheck, EventData, STREAM_STATE } from '@kurrent/kurrentdb-client';
import type { PreparedAppend } from '../../append-preparation.js';
import type { JsonObject } from '../../event-store.port.js';
import type { KurrentDbClientCalls } from './kurrentdb-client-calls.js';
import { toEventData, type StreamHead } from './kurrentdb-events.js';
import { exactStreamState } from './kurrentdb-expected-revision.js';
import { failureKindOf } from './kurrentdb-failure-kinds.js';
import { toStringProperties } from './kurrentdb-metadata.js';
import type { StreamBatch } from './kurrentdb-stream-batches.js';

/**
 * The client's atomic write to several streams that the server has, newest first:
 * - `appendRecords` (KurrentDB 26.1+): records of any streams in any order, the log keeping
 *   the request's order, with a check of each stream's state evaluated before the commit;
 * - `multiStreamAppend` (25.1+): one request per stream, each with its expected state. The
 *   log then holds a call's events stream after stream: appends that interleave streams
 *   (stream A, B, then A again) are not kept in their order.
 * Both take all or nothing, and metadata of string values only.
 */
export type AtomicCall = 'append-records' | 'multi-stream-append';

const streamState = 'stream_state' satisfies typeof STREAM_STATE;

/**
 * Which atomic call the server has (undefined: neither, a server before 25.1). Each is asked
 * with an empty call, which writes nothing: the client first looks the call up in the
 * server's features and refuses it as unsupported when it is missing. Any other answer,
 * a refusal of the empty write included, says the server has it. A failure that says
 * nothing of the server's calls (unreachable, not the leader, no rights) is thrown.
 */
export async function probeAtomicCall(client: KurrentDbClientCalls): Promise<AtomicCall | undefined> {
  if (await serverHas(() => client.appendRecords([]))) return 'append-records';
  if (await serverHas(() => client.multiStreamAppend([]))) return 'multi-stream-append';
  return undefined;
}

async function serverHas(emptyCall: () => Promise<unknown>): Promise<boolean> {
  try {
    await emptyCall();
    return true;
  } catch (error) {
    const kind = failureKindOf(error);
    if (kind === 'unsupported') return false;
    if (kind === 'unavailable' || kind === 'not-leader') throw error;
    // Any other answer (a refusal of the empty call itself, access denied to it) comes from a
    // server that has the call: the real write meets its own answer.
    return true;
  }
}

export interface AtomicWrite {
  appends: readonly PreparedAppend[];
  batches: readonly StreamBatch[];
  /** Each stream's last event as read from the leader (undefined: no stream yet). */
  heads: ReadonlyMap<string, StreamHead | undefined>;
  /** The one commit time of the whole write. */
  recordedAt: string;
  serverName: (streamId: string) => string;
}

/**
 * Sends the write in one atomic call, every stream at exactly the revision read (or no
 * stream): each stream's events hashed in its chain from its head, their metadata as the
 * string properties these calls take (toStringProperties: what is not a string travels as
 * JSON text and reads back as it was).
 */
export async function sendAtomically(client: KurrentDbClientCalls, call: AtomicCall, write: AtomicWrite): Promise<void> {
  const { batches, heads, recordedAt, serverName } = write;
  const events = new Map(
    batches.map(({ streamId, events: prepared }) => [
      streamId,
      toEventData(prepared, { streamId, head: heads.get(streamId), recordedAt }).map(
        (event): EventData => ({ ...event, metadata: toStringProperties(event.metadata as JsonObject) }),
      ),
    ]),
  );
  const stateOf = (streamId: string): AppendStreamState => exactStreamState(heads.get(streamId)?.revision);
  if (call === 'multi-stream-append') {
    await client.multiStreamAppend(
      batches.map(({ streamId }) => ({ streamName: serverName(streamId), expectedState: stateOf(streamId), events: events.get(streamId)! })),
    );
    return;
  }
  // The call's order: each append takes the next of its stream's chained events.
  const taken = new Map<string, number>();
  const records = write.appends.flatMap(({ streamId, events: prepared }) => {
    const from = taken.get(streamId) ?? 0;
    taken.set(streamId, from + prepared.length);
    return events.get(streamId)!.slice(from, from + prepared.length).map((record) => ({ streamName: serverName(streamId), record }));
  });
  const checks: ConsistencyCheck[] = batches.map(({ streamId }) => ({ type: streamState, streamName: serverName(streamId), expectedState: stateOf(streamId) }));
  await client.appendRecords(records, checks);
}

/**
 * The stream a refused atomic write names as not at its expected state, with its actual
 * revision: multiStreamAppend's WrongExpectedVersionError, or appendRecords's first
 * consistency violation.
 */
export function conflictOf(error: unknown): { serverName: string; actual: AppendStreamState | undefined } | undefined {
  const { streamName, actualState, violations } = error as { streamName?: unknown; actualState?: AppendStreamState; violations?: { streamName: string; actualState: AppendStreamState }[] };
  if (Array.isArray(violations) && violations[0]) return { serverName: violations[0].streamName, actual: violations[0].actualState };
  if (typeof streamName === 'string') return { serverName: streamName, actual: actualState };
  return undefined;
}
