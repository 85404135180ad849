import { convertBridgeError } from '@kurrent/kurrentdb-client/dist/utils/convertBridgeError.js';
import { convertToCommandError } from '@kurrent/kurrentdb-client/dist/utils/CommandError.js';
import { EventStoreError, StoreUnavailableError } from '../../event-store.errors.js';
import { isTransient, translateKurrentError } from './kurrentdb-errors.js';
import { failureKindOf, type FailureKind } from './kurrentdb-failure-kinds.js';

const endpoint = 'kurrentdb://127.0.0.1:2113';

/** An error as the native bridge raises it (a plain Error with a name), converted by the client's own converter, as its reads do. */
const fromBridge = (name: string, message: string) => convertBridgeError(Object.assign(new Error(message), { name, metadata: { 'leader-endpoint-host': 'node2', 'leader-endpoint-port': '2113' } }), 'deal-1');

/** A grpc-js error as the client's appends and subscriptions meet it, converted by the client's own converter. */
const fromGrpc = (code: number, details: string) =>
  convertToCommandError(Object.assign(new Error(`${code} ${details}`), { code, details, metadata: noMetadata }));

/** grpc-js's Metadata as the converter reads it, with no entries (no exception name, no status details). */
const noMetadata = { getMap: () => ({}), get: () => [] };

/** gRPC status codes (grpc-js's `status`, which this project does not depend on directly). */
const status = { CANCELLED: 1, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, ABORTED: 10, INTERNAL: 13, UNAVAILABLE: 14, UNAUTHENTICATED: 16 };

describe('KurrentDB read failures from the native bridge, by kind', () => {
  it.each<[string, string, string, FailureKind]>([
    ['a read past its deadline', 'DeadlineExceededError', 'Deadline exceeded', 'unavailable'],
    ['a read past its deadline, as the bridge leaves it unknown', 'UnknownError', 'Deadline exceeded', 'unavailable'],
    ['a gRPC deadline the Rust client did not map', 'UnknownError', 'Unmapped gRPC error: code: Deadline expired before operation could complete, message: ""', 'unavailable'],
    ['the server unavailable', 'UnavailableError', 'The service is currently unavailable', 'unavailable'],
    ['a closed connection', 'UnknownError', 'Connection is closed.', 'unavailable'],
    ['a connection refused', 'UnknownError', 'tcp connect error: Connection refused (os error 111)', 'unavailable'],
    ['cluster discovery that timed out', 'UnknownError', 'Gossip request timeout for candidate: node2:2113', 'unavailable'],
    ['the server shedding load', 'UnknownError', 'Unmapped gRPC error: code: Some resource has been exhausted, message: ""', 'unavailable'],
    ['a follower asked for a leader read', 'NotLeaderError', 'You tried to execute a command that requires a leader node on a follower node. New leader: node2:2113', 'not-leader'],
    ['a follower, as the bridge leaves it unknown', 'UnknownError', 'You tried to execute a command that requires a leader node on a follower node. New leader: node2:2113', 'not-leader'],
    ['access denied', 'AccessDeniedError', 'Access denied error', 'access-denied'],
    ['no credentials', 'UnknownError', 'Unmapped gRPC error: code: The request does not have valid authentication credentials, message: ""', 'access-denied'],
    ['a missing stream', 'StreamNotFoundError', "The resource you asked for doesn't exist", 'not-found'],
    ['a deleted stream', 'StreamDeletedError', 'The resource you asked for was deleted', 'deleted'],
    ['a read from where no event is', 'UnknownError', 'Server-side error: Trying to read from an invalid position.', 'unexpected'],
    ['an event the client could not parse', 'ParseError', 'Internal parsing error: bad uuid', 'unexpected'],
    ['a bug of the client', 'UnknownError', 'Unexpected internal client error. Please fill an issue on GitHub', 'unexpected'],
  ])('%s (%s: %s) → %s', (_, name, message, kind) => {
    const clientError = fromBridge(name, message);
    expect(failureKindOf(clientError)).toBe(kind);
    expect(isTransient(clientError)).toBe(kind === 'unavailable' || kind === 'not-leader');
  });

  it('a read past its deadline answers as the store unavailable (503), not as an unexpected failure (500)', () => {
    const error = translateKurrentError(fromBridge('UnknownError', 'Deadline exceeded'), { endpoint, streamId: 'deal-1' });
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: 'STORE.UNAVAILABLE', kind: 'unavailable', message: expect.stringContaining('Deadline exceeded') });
  });

  it('never reads the ledger’s own errors by their text: a bug that says "timeout" stays unexpected (500)', () => {
    expect(failureKindOf(new TypeError("Cannot read properties of undefined (reading 'timeout')"))).toBe('unexpected');
  });

  it('what it cannot class stays STORE.UNEXPECTED (500), with the bridge’s text', () => {
    const error = translateKurrentError(fromBridge('UnknownError', 'Server-side error: something odd'), { endpoint });
    expect(error).toBeInstanceOf(EventStoreError);
    expect(error).toMatchObject({ code: 'STORE.UNEXPECTED', message: expect.stringContaining('something odd') });
  });
});

describe('KurrentDB failures on the gRPC path (appends, subscriptions), by kind', () => {
  it.each<[string, number, FailureKind]>([
    ['UNAVAILABLE', status.UNAVAILABLE, 'unavailable'],
    ['DEADLINE_EXCEEDED', status.DEADLINE_EXCEEDED, 'unavailable'],
    ['INTERNAL (the client classes it unavailable)', status.INTERNAL, 'unavailable'],
    ['RESOURCE_EXHAUSTED (left unknown by the client)', status.RESOURCE_EXHAUSTED, 'unavailable'],
    ['ABORTED without details (the client’s TimeoutError)', status.ABORTED, 'unavailable'],
    ['UNAUTHENTICATED', status.UNAUTHENTICATED, 'access-denied'],
    ['PERMISSION_DENIED (left unknown by the client)', status.PERMISSION_DENIED, 'access-denied'],
    ['INVALID_ARGUMENT without details', status.INVALID_ARGUMENT, 'unexpected'],
  ])('%s → %s', (_, code, kind) => {
    expect(failureKindOf(fromGrpc(code, 'from the server'))).toBe(kind);
  });
});
