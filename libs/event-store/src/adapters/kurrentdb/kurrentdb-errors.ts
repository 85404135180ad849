import type { NotLeaderError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import {
  EventStoreError,
  InvalidArgumentError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '../../event-store.errors.js';
import type { ExpectedRevision } from '../../event-store.port.js';
import { fromCurrentState } from './kurrentdb-expected-revision.js';
import { failureKindOf } from './kurrentdb-failure-kinds.js';

/** What a translated error may name: the server, and for a write its stream and expectation. */
export interface ErrorContext {
  /** The server as `describeEndpoint` gives it (never with credentials). */
  endpoint: string;
  streamId?: string;
  expected?: ExpectedRevision;
}

/**
 * Whether trying again later may succeed: the server is down or restarting, an election
 * is under way, or a call timed out. The client itself drops its channel on these and
 * reconnects (to the new leader after a not-leader answer) on the next call.
 */
export function isTransient(error: unknown): boolean {
  const kind = failureKindOf(error);
  return kind === 'unavailable' || kind === 'not-leader';
}

/**
 * The client's error in our terms: nothing above the adapter sees a KurrentDB error type.
 * The client's error rides along as `cause`, for logs.
 */
export function translateKurrentError(error: unknown, context: ErrorContext): EventStoreError {
  if (error instanceof EventStoreError) return error;
  const detail = messageOf(error);
  switch (failureKindOf(error)) {
    case 'conflict':
      if (context.streamId === undefined || context.expected === undefined) break;
      return withCause(
        new WrongExpectedRevisionError(context.streamId, context.expected, fromCurrentState((error as WrongExpectedVersionError).actualState)),
        error,
      );
    case 'not-leader': {
      const leader = (error as Partial<NotLeaderError>).leader;
      const where = leader?.address ? ` (the leader is ${leader.address}:${leader.port})` : '';
      return new StoreUnavailableError(`KurrentDB at ${context.endpoint} is not the leader${where}; the next call goes to the leader`, {
        cause: error,
      });
    }
    case 'unavailable':
      return new StoreUnavailableError(`KurrentDB at ${context.endpoint} is unavailable${detail ? `: ${detail}` : ''}`, { cause: error });
    case 'access-denied':
      return new EventStoreError('STORE.ACCESS_DENIED', `KurrentDB at ${context.endpoint} denied access: check the credentials in the connection string`, {
        cause: error,
      });
    case 'too-large':
      return new InvalidArgumentError('events', `too large for KurrentDB at ${context.endpoint} (${detail})`);
    case 'deleted':
      return new EventStoreError('STORE.STREAM_DELETED', `Stream ${context.streamId ?? '?'} was deleted in KurrentDB: the ledger never deletes streams`, {
        cause: error,
      });
    case 'not-found':
      return new EventStoreError('STORE.STREAM_NOT_FOUND', `Stream ${context.streamId ?? '?'} does not exist`, { cause: error });
    case 'unsupported':
    case 'unexpected':
      break;
  }
  return new EventStoreError('STORE.UNEXPECTED', `KurrentDB at ${context.endpoint} failed: ${detail || 'unknown error'}`, { cause: error });
}

/**
 * `scheme://host:port,…` of a connection string, without credentials or settings: what an
 * error message may show of it.
 */
export function describeEndpoint(connectionString: string): string {
  const match = /^([a-z+]+):\/\/(.*)$/is.exec(connectionString.trim());
  if (!match) return 'an unparsable connection string';
  // A password may hold '/', '?' or '@' unescaped (base64 does): the hosts begin after the last '@'.
  const afterCredentials = match[2]!.slice(match[2]!.lastIndexOf('@') + 1);
  return `${match[1]!.toLowerCase()}://${/^[^/?]*/.exec(afterCredentials)![0]}`;
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error ?? '');
  // grpc-js puts the useful part in `details`; bridge errors repeat their class name.
  const details = (error as { details?: unknown }).details;
  if (typeof details === 'string' && details !== '') return details;
  return error.message === error.name || error.message === error.constructor.name ? '' : error.message;
}

/** Our error, with the client's as its (non-enumerable) cause, for logs. */
export function withCause<E extends Error>(translated: E, cause: unknown): E {
  Object.defineProperty(translated, 'cause', { value: cause, enumerable: false, configurable: true, writable: true });
  return translated;
}
