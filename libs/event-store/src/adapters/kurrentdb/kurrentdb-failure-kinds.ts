import type { CommandError, ErrorType } from '@kurrent/kurrentdb-client';
import { StoreUnavailableError } from '../../event-store.errors.js';

/** What a failure of the KurrentDB client means for the ledger, whichever path it came by. */
export type FailureKind =
  | 'conflict'
  | 'not-leader'
  /** The server is down, restarting, overloaded, or the call ran out of time: worth trying again. */
  | 'unavailable'
  | 'access-denied'
  | 'too-large'
  | 'deleted'
  | 'not-found'
  /** The server lacks the call: multi-stream append before KurrentDB 25.1, appendRecords before 26.1. */
  | 'unsupported'
  | 'unexpected';

type ErrorTypeName = `${ErrorType}`;

/** The client's typed errors (`error.type`), from both its gRPC path (appends, subscriptions) and its bridge (reads). */
const BY_TYPE: Partial<Record<ErrorTypeName, FailureKind>> = {
  'wrong-expected-version': 'conflict',
  // appendRecords's refusal when a stream is not at the state its check expects.
  'append-consistency-violation': 'conflict',
  'not-leader': 'not-leader',
  unavailable: 'unavailable',
  'deadline-exceeded': 'unavailable',
  timeout: 'unavailable',
  cancelled: 'unavailable',
  'access-denied': 'access-denied',
  'maximum-append-size-exceeded': 'too-large',
  'append-record-size-exceeded': 'too-large',
  'transaction-max-size-exceeded': 'too-large',
  'stream-deleted': 'deleted',
  'stream-tombstoned': 'deleted',
  'stream-not-found': 'not-found',
  'no-stream': 'not-found',
  'not-found': 'not-found',
  // The client's own refusal of a call the server's features do not list.
  unsupported: 'unsupported',
};

/**
 * gRPC status codes an `UnknownError` (or a raw grpc-js error) may still carry. The
 * client's own converter (dist/utils/CommandError.js) turns UNAVAILABLE, INTERNAL and
 * DATA_LOSS into UnavailableError and UNAUTHENTICATED into AccessDeniedError; CANCELLED by
 * the client, RESOURCE_EXHAUSTED and an ABORTED without details fall through as unknown.
 */
const BY_GRPC_CODE: ReadonlyMap<number, FailureKind> = new Map<number, FailureKind>([
  [1, 'unavailable'], // CANCELLED
  [4, 'unavailable'], // DEADLINE_EXCEEDED
  [7, 'access-denied'], // PERMISSION_DENIED
  [8, 'unavailable'], // RESOURCE_EXHAUSTED: the server sheds load
  [10, 'unavailable'], // ABORTED: the client's TimeoutError when it has no details
  [12, 'unsupported'], // UNIMPLEMENTED: a server (or proxy) without the call, though its features listed it
  [13, 'unavailable'], // INTERNAL, as the client itself classes it
  [14, 'unavailable'], // UNAVAILABLE
  [15, 'unavailable'], // DATA_LOSS, as the client itself classes it
  [16, 'access-denied'], // UNAUTHENTICATED
]);

/**
 * Reads go through the client's native bridge (@kurrent/bridge 0.2.2, the Rust client),
 * whose errors the client converts by name (dist/utils/convertBridgeError.js): six names
 * become typed errors, every other one an UnknownError with no code, only the Rust error's
 * text. These are the texts that Rust client gives (its Display strings, as found in the
 * bridge's binary) for failures that are the server's availability or the caller's rights,
 * not the ledger's fault: without them a read that hit its deadline, or a dropped
 * connection, would answer 500 instead of 503.
 */
const BY_BRIDGE_MESSAGE: ReadonlyArray<readonly [RegExp, FailureKind]> = [
  [/requires a leader node on a follower node/i, 'not-leader'],
  [/deadline exceeded|deadline expired|DeadlineExceeded/i, 'unavailable'],
  [/connection is closed|tcp connect error|transport error|error trying to connect|connection (?:refused|reset|closed)|broken pipe/i, 'unavailable'],
  [/timed? ?out|Timeout when fetching server features|Gossip request timeout/i, 'unavailable'],
  [/service is currently unavailable|\bUnavailable\b|resource has been exhausted|ResourceExhausted|operation was (?:aborted|cancelled)|\bAborted\b|\bCancelled\b/i, 'unavailable'],
  [/access denied|does not have permission|PermissionDenied|valid authentication credentials|Unauthenticated/i, 'access-denied'],
  [/resource you asked for was deleted/i, 'deleted'],
  [/resource you asked for doesn't exist/i, 'not-found'],
];

/** The kind of a client failure: by its type, then by a gRPC code it still carries, then (the client's untyped errors only) by the bridge's text. */
export function failureKindOf(error: unknown): FailureKind {
  if (error instanceof StoreUnavailableError) return 'unavailable';
  const type = (error as Partial<CommandError> | null)?.type as ErrorTypeName | undefined;
  if (typeof type === 'string' && type !== 'unknown') return BY_TYPE[type] ?? 'unexpected';
  const raw = (error as { _raw?: unknown } | null)?._raw;
  const code = grpcCodeOf(error) ?? grpcCodeOf(raw);
  if (code !== undefined && BY_GRPC_CODE.has(code)) return BY_GRPC_CODE.get(code)!;
  // Only the client's own untyped errors are read by their text: a TypeError of the ledger's
  // that happens to say "timeout" is a bug to see (500), not an outage to retry (503).
  if (type !== 'unknown' && raw === undefined) return 'unexpected';
  const text = [messageOf(error), messageOf(raw)].join(' ');
  return BY_BRIDGE_MESSAGE.find(([pattern]) => pattern.test(text))?.[1] ?? 'unexpected';
}

function grpcCodeOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

function messageOf(error: unknown): string {
  if (error === null || typeof error !== 'object') return '';
  const { message, details } = error as { message?: unknown; details?: unknown };
  return [message, details].filter((part) => typeof part === 'string').join(' ');
}
