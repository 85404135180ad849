/**
 * A service of your own following the ledger natively on KurrentDB: every deal event in
 * log order, resuming after a restart from the position it saved last. It needs only the
 * official client (`npm i @kurrent/kurrentdb-client`), none of the ledger's code. `npm test`
 * compiles this file against the client's real types (tsconfig.json includes docs/); nothing
 * runs it.
 */
import { KurrentDBClient, START, streamNameFilter, type Position } from '@kurrent/kurrentdb-client';

/** The metadata the ledger writes on every event. */
export interface LedgerMetadata {
  /** Who recorded it: the API key's actor, never a body field. */
  actor: string;
  /** The command (Idempotency-Key) that wrote it; all events of one command share it. */
  commandId: string;
  commandType: string;
  /** SHA-256 of the command, to tell a retry from another command reusing the key. */
  commandFingerprint: string;
  /** KurrentDB's reserved names: the `$by_correlation_id` projection links on `$correlationId`. */
  $correlationId: string;
  $causationId: string;
  /** The ledger's commit time (ISO-8601, UTC) and the event's hash-chain link (SHA-256, hex). */
  $recordedAt: string;
  $hash: string;
}

export interface DealEvent {
  dealId: string;
  /** `InvestmentAnnounced.v2`…: the type as stored (an old version stays old, see the README). */
  type: string;
  revision: bigint;
  data: unknown;
  metadata: LedgerMetadata;
  /** Save it after handling the event; start from it next time. */
  position: Position;
}

export interface Checkpoints {
  load(): Promise<Position | undefined>;
  save(position: Position): Promise<void>;
}

/**
 * Calls `handle` for each deal event after the saved checkpoint, then for each new one as
 * it is written, until `signal` aborts. Handle an event, then save its position: after a
 * crash between the two, the event comes again, so make `handle` idempotent (the event id,
 * or `dealId` + `revision`, tells a repeat).
 */
export async function followDeals(
  connectionString: string,
  checkpoints: Checkpoints,
  handle: (event: DealEvent) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  const client = KurrentDBClient.connectionString(connectionString);
  const subscription = client.subscribeToAll({
    fromPosition: (await checkpoints.load()) ?? START,
    // Deal streams only, filtered on the server (with a KURRENTDB_STREAM_PREFIX, prefix it).
    filter: streamNameFilter({ prefixes: ['deal-'] }),
  });
  signal.addEventListener('abort', () => void subscription.unsubscribe());
  try {
    for await (const { event } of subscription) {
      if (!event?.isJson) continue;
      await handle({
        dealId: event.streamId.slice('deal-'.length),
        type: event.type,
        revision: event.revision,
        data: event.data,
        metadata: event.metadata as unknown as LedgerMetadata,
        position: event.position,
      });
      await checkpoints.save(event.position);
    }
  } finally {
    await client.dispose();
  }
}
