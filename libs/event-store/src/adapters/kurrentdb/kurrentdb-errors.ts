import type { CommandError, ErrorType, NotLeaderError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import {
  EventStoreError,
  InvalidArgumentError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '../../event-store.errors.js';
import type { ExpectedRevision } from '../../event-store.port.js';
import { fromCurrentState } from './kurrentdb-expected-revision.js';

/** What a translated error may name: the server, and for a write its stream and expectation. */
export interface ErrorContext {
  /** The server as `describeEndpoint` gives it (never with credentials). */
  endpoint: string;
  streamId?: string;
  expected?: ExpectedRevision;
}

type ErrorTypeName = `${ErrorType}`;

/** gRPC status codes the client sometimes lets through unconverted (e.g. from appends). */
const GRPC_CANCELLED = 1;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

const TRANSIENT: ReadonlySet<ErrorTypeName> = new Set<ErrorTypeName>([
  'unavailable',
  'not-leader',
  'deadline-exceeded',
  'timeout',
  'cancelled',
]);

/**
 * Whether trying again later may succeed: the server is down or restarting, an election
 * is under way, or a call timed out. The client itself drops its channel on these and
 * reconnects (to the new leader after a not-leader answer) on the next call.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  const type = errorTypeOf(error);
  if (type !== undefined) return TRANSIENT.has(type);
  const code = (error as { code?: unknown } | null)?.code;
  return code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED || code === GRPC_CANCELLED;
}

/**
 * The client's error in our terms: nothing above the adapter sees a KurrentDB error type.
 * The client's error rides along as `cause`, for logs.
 */
export function translateKurrentError(error: unknown, context: ErrorContext): EventStoreError {
  if (error instanceof EventStoreError) return error;
  const type = errorTypeOf(error);
  const detail = messageOf(error);
  if (type === 'wrong-expected-version' && context.streamId !== undefined && context.expected !== undefined) {
    const actual = fromCurrentState((error as WrongExpectedVersionError).actualState);
    return withCause(new WrongExpectedRevisionError(context.streamId, context.expected, actual), error);
  }
  if (type === 'not-leader') {
    const leader = (error as NotLeaderError).leader;
    const where = leader?.address ? ` (the leader is ${leader.address}:${leader.port})` : '';
    return new StoreUnavailableError(`KurrentDB at ${context.endpoint} is not the leader${where}; the next call goes to the leader`, {
      cause: error,
    });
  }
  if (isTransient(error)) {
    return new StoreUnavailableError(`KurrentDB at ${context.endpoint} is unavailable${detail ? `: ${detail}` : ''}`, { cause: error });
  }
  switch (type) {
    case 'access-denied':
      return new EventStoreError('STORE.ACCESS_DENIED', `KurrentDB at ${context.endpoint} denied access: check the credentials in the connection string`, {
        cause: error,
      });
    case 'maximum-append-size-exceeded':
    case 'append-record-size-exceeded':
    case 'transaction-max-size-exceeded':
      return new InvalidArgumentError('events', `too large for KurrentDB at ${context.endpoint} (${detail})`);
    case 'stream-deleted':
    case 'stream-tombstoned':
      return new EventStoreError('STORE.STREAM_DELETED', `Stream ${context.streamId ?? '?'} was deleted in KurrentDB: the ledger never deletes streams`, {
        cause: error,
      });
    case 'stream-not-found':
      return new EventStoreError('STORE.STREAM_NOT_FOUND', `Stream ${context.streamId ?? '?'} does not exist`, { cause: error });
    default:
      return new EventStoreError('STORE.UNEXPECTED', `KurrentDB at ${context.endpoint} failed: ${detail || 'unknown error'}`, { cause: error });
  }
}

/**
 * `scheme://host:port,…` of a connection string, without credentials or settings: what an
 * error message may show of it.
 */
export function describeEndpoint(connectionString: string): string {
  const match = /^([a-z+]+):\/\/(?:[^@/?]*@)?([^/?]*)/i.exec(connectionString.trim());
  if (!match) return 'an unparsable connection string';
  return `${match[1]!.toLowerCase()}://${match[2]}`;
}

function errorTypeOf(error: unknown): ErrorTypeName | undefined {
  const type = (error as Partial<CommandError> | null)?.type;
  return typeof type === 'string' ? (type as ErrorTypeName) : undefined;
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error ?? '');
  // grpc-js puts the useful part in `details`; bridge errors repeat their class name.
  const details = (error as { details?: unknown }).details;
  if (typeof details === 'string' && details !== '') return details;
  return error.message === error.name || error.message === error.constructor.name ? '' : error.message;
}

function withCause<E extends Error>(translated: E, cause: unknown): E {
  Object.defineProperty(translated, 'cause', { value: cause, enumerable: false, configurable: true, writable: true });
  return translated;
}
